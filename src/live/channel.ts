/**
 * A push-fed async iterator. Unlike an async generator, `return()` takes
 * effect at once even while the consumer waits for the next value, so a
 * client that unsubscribes releases its listeners immediately (no leak).
 */
export class Channel<T> implements AsyncIterableIterator<T> {
  private readonly buffer: T[] = [];
  private readonly waiting: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void }[] = [];
  private failure: unknown;
  private ended = false;

  constructor(private readonly onClose: () => void = () => {}) {}

  push(value: T): void {
    if (this.ended) return;
    const waiter = this.waiting.shift();
    if (waiter) waiter.resolve({ value, done: false });
    else this.buffer.push(value);
  }

  /** Ends after the buffered values are consumed. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.onClose();
    // A consumer already waiting gets the failure, if any (the buffer is empty when anyone waits).
    const failure = this.failure;
    if (failure !== undefined && this.waiting.length > 0) this.failure = undefined;
    for (const waiter of this.waiting.splice(0)) {
      if (failure !== undefined) waiter.reject(failure);
      else waiter.resolve({ value: undefined, done: true });
    }
  }

  /** Ends with an error for the consumer (after buffered values). */
  fail(error: unknown): void {
    if (this.ended) return;
    this.failure = error;
    this.end();
  }

  /** Ends with an error at once, dropping what the consumer has not read yet (it may no longer see it). */
  abort(error: unknown): void {
    this.buffer.length = 0;
    this.fail(error);
  }

  get closed(): boolean {
    return this.ended;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffer.length > 0) return Promise.resolve({ value: this.buffer.shift()!, done: false });
    if (this.ended) {
      if (this.failure !== undefined) {
        const failure = this.failure;
        this.failure = undefined;
        return Promise.reject(failure);
      }
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  return(): Promise<IteratorResult<T>> {
    this.buffer.length = 0;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    this.buffer.length = 0;
    this.end();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
