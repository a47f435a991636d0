/**
 * Takes a channel's values itself, in order, instead of its iterator: the
 * transport writes them out directly. A returned promise holds the next value
 * (and the end) back until it settles.
 */
export type DirectDelivery<T> = (value: T) => void | Promise<void>;

/**
 * A push-fed async iterator. Unlike an async generator, `return()` takes
 * effect at once even while the consumer waits for the next value, so a
 * client that unsubscribes releases its listeners immediately (no leak).
 *
 * A consumer may take the values directly (`deliverWith`): then the iterator
 * only reports how the channel ends, after the last value was delivered.
 * That is the fan-out's fast path: one value reaches a socket without a
 * round of promises through every layer of async iteration.
 */
export class Channel<T> implements AsyncIterableIterator<T> {
  private readonly buffer: T[] = [];
  private readonly waiting: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void }[] = [];
  private failure: unknown;
  /** No more values are taken. */
  private ended = false;
  /** The iterator reports the end (after the direct deliveries under way, if any). */
  private finished = false;
  private direct: DirectDelivery<T> | undefined;
  /** The direct deliveries under way: values and the end wait behind them. */
  private inFlight: Promise<void> | undefined;
  /** Set when the consumer left or the channel aborted: what is still on its way is dropped. */
  private dropped = false;

  constructor(private readonly onClose: () => void = () => {}) {}

  push(value: T): void {
    if (this.ended) return;
    if (this.direct) {
      this.deliverDirectly(value);
      return;
    }
    const waiter = this.waiting.shift();
    if (waiter) waiter.resolve({ value, done: false });
    else this.buffer.push(value);
  }

  /** From now on `deliver` takes every value (those buffered first); the iterator reports only the end. */
  deliverWith(deliver: DirectDelivery<T>): void {
    this.direct = deliver;
    const buffered = this.buffer.splice(0);
    if (buffered.length === 0) return;
    // A channel that ended with values still buffered reports its end only after they are delivered.
    const ended = this.finished;
    this.finished = false;
    for (const value of buffered) this.deliverDirectly(value);
    if (ended && this.inFlight === undefined) this.finish();
  }

  private deliverDirectly(value: T): void {
    const deliver = this.direct!;
    if (this.inFlight === undefined) {
      // Nothing ahead of it: delivered now, and only a promise it returns holds the next one back.
      const pending = deliver(value);
      if (pending) this.hold(pending);
      return;
    }
    this.hold(this.inFlight.then(() => (this.dropped ? undefined : deliver(value))));
  }

  private hold(pending: Promise<void>): void {
    const settled: Promise<void> = pending.then(
      () => this.settle(settled),
      (error: unknown) => {
        // A delivery that failed ends the channel with that error (the transport maps it).
        this.dropped = true;
        this.settle(settled);
        this.fail(error);
      },
    );
    this.inFlight = settled;
  }

  private settle(settled: Promise<void>): void {
    if (this.inFlight !== settled) return;
    this.inFlight = undefined;
    // Ended while deliveries were under way: the end was held back until now.
    if (this.ended && !this.finished) this.finish();
  }

  /** Ends after the buffered values are consumed. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.onClose();
    // Deliveries still under way hold the end back until they settle.
    if (this.inFlight !== undefined && !this.dropped) return;
    this.finish();
  }

  private finish(): void {
    this.finished = true;
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
    this.dropped = true;
    this.fail(error);
  }

  get closed(): boolean {
    return this.ended;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffer.length > 0) return Promise.resolve({ value: this.buffer.shift()!, done: false });
    if (this.finished) {
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
    this.dropped = true;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    this.buffer.length = 0;
    this.dropped = true;
    this.end();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }
}
