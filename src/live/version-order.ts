/**
 * What a `VersionOrder` needs from its owner: how to read what it missed,
 * and where each version goes.
 */
export interface VersionOrderOptions<T> {
  versionOf(value: T): number;
  /** Every stored version after `after`, oldest first: how a gap is filled. */
  readAfter(after: number): Promise<readonly T[]>;
  /** One version, handed on in order, each once; `madeAt` is when it was committed, if announced. */
  deliver(value: T, madeAt: number | undefined): void;
  /** A read (or a delivery) failed; later offers go on. The owner retries, waits, or ends its subscribers. */
  onFailure(error: unknown): void;
}

/**
 * The one ordered-delivery primitive of the live paths: the versions of one
 * topic (one execution), handed on in version order with no gap and no
 * duplicate, whatever order they are announced in. An announced version that
 * comes with its value and follows the last one delivered goes on as it is;
 * anything else (no value, or versions missing before it) is read from the
 * history first. Work for one topic runs one step after another, so a value
 * in hand never overtakes a read of an earlier version.
 *
 * It serves the hub (one per watched execution, for every subscriber of this
 * process), the feed (one per recently changed execution) and each
 * subscription of one execution (which starts from the state it read).
 */
export class VersionOrder<T> {
  private last = 0;
  /** No version heard yet, and the consumer has none: the first one heard sets where the topic starts. */
  private unanchored: boolean;
  private queue: Promise<void>;
  /** When each announced version was committed, until it is delivered (the push-delay metric); made on first use. */
  private madeAt: Map<number, number> | undefined;
  private closed = false;
  /** Steps queued and not yet done. */
  private pending = 0;
  /** The version the consumer has is known (a `from` promise has resolved). */
  private started = false;
  /** When this order last delivered, or was made (ms since epoch): how the feed forgets quiet topics. */
  activeAt = Date.now();

  /**
   * `from` is the version the consumer already has: 0 to start at the first
   * version heard, or a promise of it (offers wait behind it, so nothing
   * announced meanwhile is lost; if it rejects, the order closes).
   */
  constructor(
    private readonly options: VersionOrderOptions<T>,
    from: number | Promise<number> = 0,
  ) {
    this.unanchored = from === 0;
    if (typeof from === 'number') {
      this.last = from;
      this.started = true;
      this.queue = Promise.resolve();
    } else {
      this.queue = from.then(
        (version) => {
          this.last = version;
          this.started = true;
        },
        () => this.close(),
      );
    }
  }

  /** Nothing queued: no read or delivery under way (the feed forgets only idle topics). */
  get idle(): boolean {
    return this.pending === 0;
  }

  /** The newest version delivered, or the one before the first heard (0: none heard yet). */
  get version(): number {
    return this.last;
  }

  /**
   * A committed version, with its value when the announcement carried it.
   * When the order started from nothing, the first version heard is where the
   * topic starts: it and what follows are delivered, nothing older.
   */
  offer(version: number, value?: T, madeAt?: number): void {
    if (this.unanchored) {
      this.unanchored = false;
      this.last = Math.max(this.last, version - 1);
    }
    if (this.closed || version <= this.last) return;
    if (madeAt !== undefined) (this.madeAt ??= new Map()).set(version, madeAt);
    if (this.started && this.pending === 0 && value !== undefined && version === this.last + 1) {
      // The next version, in hand, with nothing ahead of it: handed on now, without a turn of the queue
      // (the common case of a live change, for every subscriber).
      try {
        this.hand([value]);
      } catch (error) {
        this.options.onFailure(error);
      }
      return;
    }
    this.enqueue(async () => {
      if (version <= this.last) return;
      if (value !== undefined && version === this.last + 1) this.hand([value]);
      else this.hand(await this.options.readAfter(this.last));
    });
  }

  /** Reads and hands on whatever is stored after the last version delivered (a resync, a retry). */
  refresh(): void {
    if (this.closed) return;
    this.enqueue(async () => this.hand(await this.options.readAfter(this.last)));
  }

  /** Resolves once the work queued so far is done, delivered or failed (a failure went to `onFailure`). */
  settled(): Promise<void> {
    return this.queue;
  }

  /** Nothing more is delivered; work already queued is dropped. */
  close(): void {
    this.closed = true;
    this.madeAt = undefined;
  }

  private hand(values: readonly T[]): void {
    for (const value of values) {
      if (this.closed) return;
      const version = this.options.versionOf(value);
      if (version <= this.last) continue;
      this.last = version;
      this.unanchored = false;
      this.activeAt = Date.now();
      this.options.deliver(value, this.takeMadeAt(version));
    }
  }

  /** When `version` was committed, if announced; forgets it and every older one (delivered or skipped). */
  private takeMadeAt(version: number): number | undefined {
    if (this.madeAt === undefined) return undefined;
    const madeAt = this.madeAt.get(version);
    for (const announced of this.madeAt.keys()) if (announced <= version) this.madeAt.delete(announced);
    return madeAt;
  }

  /** After what is queued; a failure is the owner's to handle, and the queue goes on. */
  private enqueue(work: () => Promise<void>): void {
    this.pending += 1;
    this.queue = this.queue
      .then(() => (this.closed ? undefined : work()))
      .catch((error: unknown) => {
        if (!this.closed) this.options.onFailure(error);
      })
      .finally(() => {
        this.pending -= 1;
      });
  }
}
