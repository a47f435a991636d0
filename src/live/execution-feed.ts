import type { Logger } from 'pino';
import { isConnectionError } from '../store/db.js';
import type { ExecutionRepository, FeedChange } from '../store/execution-repository.js';
import type { ExecutionNotice } from '../store/execution-writes.js';
import type { ExecutionRecord } from '../store/records.js';

/** Who follows the feed, and on which target: a user sees their own executions on targets still granted to them. */
export interface FeedFilter {
  userId: string;
  isAdmin: boolean;
  targetId: string | null;
}

export interface FeedListener {
  next(snapshot: ExecutionRecord): void;
  /** The feed could not read changes this subscriber may see, for a reason waiting will not cure. */
  fail(error: unknown): void;
}

interface FeedSubscriber {
  filter: FeedFilter;
  listener: FeedListener;
}

interface Announced {
  /** The oldest version announced since the last fetch. */
  oldest: number;
  requestedBy: string;
}

/** How long the feed remembers what it delivered of an execution: longer than any resync window. */
const DELIVERED_RETENTION_MS = 10 * 60_000;
/** A fetch that failed (database hiccup) is tried again after this long; notices are kept meanwhile. */
const RETRY_MS = 1_000;

/**
 * `commandExecutionsUpdated` for a whole process: each committed change is
 * fetched once, with every other change that arrived meanwhile in the same
 * query, and its visibility decided once (the requester's grant is read with
 * it); then it goes to every local subscriber who may see it. Each version
 * is delivered once and in order per execution, also when a resync after a
 * lost LISTEN connection re-reads a time window.
 */
export class ExecutionFeed {
  private readonly admins = new Set<FeedSubscriber>();
  private readonly byUser = new Map<string, Set<FeedSubscriber>>();
  /** The newest version delivered per recently changed execution, and when. */
  private readonly delivered = new Map<string, { version: number; at: number }>();
  /** Executions announced since the last fetch. */
  private readonly announced = new Map<string, Announced>();
  /** When each announced version was made, until delivered (push-delay metric). */
  private readonly madeAt = new Map<string, number>();
  /** Fetches run one at a time, so deliveries stay in order. */
  private queue: Promise<void> = Promise.resolve();
  private flushScheduled = false;

  constructor(
    private readonly executions: ExecutionRepository,
    private readonly logger: Logger,
    private readonly onPushDelay: (ms: number) => void,
  ) {}

  get subscriberCount(): number {
    let count = this.admins.size;
    for (const subscribers of this.byUser.values()) count += subscribers.size;
    return count;
  }

  subscribe(filter: FeedFilter, listener: FeedListener): () => void {
    const subscriber = { filter, listener };
    if (filter.isAdmin) {
      this.admins.add(subscriber);
      return () => this.admins.delete(subscriber);
    }
    let subscribers = this.byUser.get(filter.userId);
    if (!subscribers) {
      subscribers = new Set();
      this.byUser.set(filter.userId, subscribers);
    }
    subscribers.add(subscriber);
    const entry = subscribers;
    return () => {
      entry.delete(subscriber);
      if (entry.size === 0 && this.byUser.get(filter.userId) === entry) this.byUser.delete(filter.userId);
    };
  }

  /** Whether a change requested by `requestedBy` may interest a subscriber here. */
  follows(requestedBy: string): boolean {
    return this.admins.size > 0 || this.byUser.has(requestedBy);
  }

  /**
   * A committed change, only if someone here may see it: delivered as it is
   * when it came with its snapshot and follows what was delivered (or is the
   * first heard of that execution); otherwise fetched, batched with others.
   */
  notice(notice: ExecutionNotice, carried?: FeedChange): void {
    if (!this.follows(notice.requestedBy)) return;
    const delivered = this.delivered.get(notice.id)?.version;
    if (notice.version <= (delivered ?? 0)) return;
    this.madeAt.set(versionKey(notice.id, notice.version), notice.at);
    if (
      carried !== undefined &&
      !this.announced.has(notice.id) &&
      (delivered === undefined || notice.version === delivered + 1)
    ) {
      // Behind the queue, so it never overtakes a fetch of an earlier version.
      this.enqueue(async () => {
        const now = this.delivered.get(notice.id)?.version;
        if (now === undefined || notice.version === now + 1) this.deliver([carried]);
        else if (notice.version > now) this.fetchLater(notice);
      }, 'could not deliver an execution change to the feed');
      return;
    }
    this.fetchLater(notice);
  }

  private fetchLater(notice: ExecutionNotice): void {
    this.announce(notice.id, notice.version, notice.requestedBy);
    this.scheduleFlush(0);
  }

  /**
   * After the LISTEN connection was lost: every change subscribers may see
   * made since `since` is read and delivered, skipping what was delivered.
   */
  resyncSince(since: Date): void {
    if (this.subscriberCount === 0) return;
    this.enqueue(async () => {
      const requesters = this.admins.size > 0 ? 'anyone' : [...this.byUser.keys()];
      try {
        this.deliver(await this.executions.feedChangesSince(since, requesters));
      } catch (error) {
        if (isConnectionError(error)) {
          // The connection just came back and is gone again: the next restore resyncs.
          throw error;
        }
        this.failSubscribers(error, 'anyone');
      }
    }, 'could not resync the executions feed');
  }

  /** Forgets what was delivered long ago (bounded memory). */
  prune(now = Date.now()): void {
    for (const [id, entry] of this.delivered) if (now - entry.at > DELIVERED_RETENTION_MS) this.delivered.delete(id);
    for (const [key, at] of this.madeAt) if (now - at > DELIVERED_RETENTION_MS) this.madeAt.delete(key);
  }

  private scheduleFlush(delayMs: number): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setTimeout(() => {
      this.flushScheduled = false;
      this.enqueue(() => this.flush(), 'could not fetch execution changes for the feed');
    }, delayMs).unref();
  }

  private announce(id: string, version: number, requestedBy: string): void {
    const known = this.announced.get(id);
    if (known === undefined || version < known.oldest) this.announced.set(id, { oldest: version, requestedBy });
  }

  private async flush(): Promise<void> {
    if (this.announced.size === 0) return;
    const batch = [...this.announced].map(([id, { oldest, requestedBy }]) => ({
      id,
      requestedBy,
      version: this.delivered.get(id)?.version ?? oldest - 1,
    }));
    this.announced.clear();
    try {
      this.deliver(await this.executions.feedChangesAfter(batch));
    } catch (error) {
      if (!isConnectionError(error)) {
        // Not a hiccup: retrying will not help, so the subscribers concerned
        // learn it (coded and masked by the GraphQL layer) rather than wait.
        this.failSubscribers(
          error,
          batch.map((b) => b.requestedBy),
        );
        return;
      }
      // The database is away: keep the notices and try again, so subscribers
      // wait rather than miss a change.
      for (const { id, version, requestedBy } of batch) this.announce(id, version + 1, requestedBy);
      this.scheduleFlush(RETRY_MS);
      throw error;
    }
  }

  private failSubscribers(error: unknown, requesters: readonly string[] | 'anyone'): void {
    const users = requesters === 'anyone' ? [...this.byUser.keys()] : new Set(requesters);
    const concerned = [...this.admins];
    for (const user of users) concerned.push(...(this.byUser.get(user) ?? []));
    for (const subscriber of concerned) subscriber.listener.fail(error);
  }

  private deliver(changes: readonly FeedChange[]): void {
    const now = Date.now();
    for (const { snapshot, requesterGranted } of changes) {
      if (snapshot.version <= (this.delivered.get(snapshot.id)?.version ?? 0)) continue;
      this.delivered.set(snapshot.id, { version: snapshot.version, at: now });
      for (const subscriber of this.admins) this.offer(subscriber, snapshot);
      if (requesterGranted) {
        for (const subscriber of this.byUser.get(snapshot.requestedBy) ?? []) this.offer(subscriber, snapshot);
      }
      const key = versionKey(snapshot.id, snapshot.version);
      const madeAt = this.madeAt.get(key);
      if (madeAt !== undefined) {
        this.madeAt.delete(key);
        this.onPushDelay(now - madeAt);
      }
    }
  }

  private offer(subscriber: FeedSubscriber, snapshot: ExecutionRecord): void {
    if (subscriber.filter.targetId !== null && subscriber.filter.targetId !== snapshot.targetId) return;
    try {
      subscriber.listener.next(snapshot);
    } catch (error) {
      // One subscriber's failure must not skip the others.
      this.logger.error({ err: error, executionId: snapshot.id }, 'execution feed subscriber failed');
    }
  }

  private enqueue(work: () => Promise<void>, failure: string): void {
    this.queue = this.queue.then(work).catch((error: unknown) => this.logger.warn({ err: error }, failure));
  }
}

function versionKey(id: string, version: number): string {
  return `${id}@${version}`;
}
