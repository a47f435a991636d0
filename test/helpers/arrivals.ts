/**
 * Items as a stream reader receives them, read in order by a test: `next()`
 * waits for the next one, and answers undefined once the stream has ended
 * with nothing more to read.
 */
export class Arrivals<T> {
  readonly items: T[] = [];
  private read = 0;
  private ended = false;
  private wake: (() => void) | undefined;

  push(item: T): void {
    this.items.push(item);
    this.wake?.();
  }

  end(): void {
    this.ended = true;
    this.wake?.();
  }

  async next(timeoutMs: number, what: string): Promise<T | undefined> {
    const deadline = Date.now() + timeoutMs;
    while (this.read >= this.items.length) {
      if (this.ended) return undefined;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${what} within ${timeoutMs} ms (had ${this.items.length})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.items[this.read++]!;
  }
}
