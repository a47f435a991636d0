import DataLoader from 'dataloader';
import type { Logger } from 'pino';
import { isConnectionError } from '../store/db.js';
import type { ExecutionRepository, FeedChange } from '../store/execution-repository.js';
import type { ExecutionNotice } from '../store/execution-writes.js';
import type { ExecutionRecord } from '../store/records.js';
import { VersionOrder } from './version-order.js';

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

/** How long the feed remembers an execution it delivered nothing of since: longer than any resync window. */
const DELIVERED_RETENTION_MS = 10 * 60_000;
/** A read that failed because the database was away is tried again after this long. */
const RETRY_MS = 1_000;

/** One recently changed execution, its versions in order for every feed subscriber. */
interface FeedTopic {
  order: VersionOrder<FeedChange>;
  requestedBy: string;
  /** A read that failed while the database was away, to be tried again. */
  retry?: NodeJS.Timeout;
}

/**
 * `commandExecutionsUpdated` for a whole process: each committed change is
 * delivered once and in order per execution (`VersionOrder`), also when a
 * resync after a lost LISTEN connection re-reads a time window; its
 * visibility is decided once (the requester's grant is read with it); then it
 * goes to every local subscriber who may see it. A change that arrives
 * without its snapshot, or after a gap, is read from the history, batched
 * with every other execution's read of the same moment in one query.
 */
export class ExecutionFeed {
  private readonly admins = new Set<FeedSubscriber>();
  private readonly byUser = new Map<string, Set<FeedSubscriber>>();
  private readonly topics = new Map<string, FeedTopic>();
  /** The gap reads of one moment, for every execution, in one query. */
  private readonly reads = new DataLoader<{ id: string; version: number }, FeedChange[]>(
    async (keys) => {
      const changes = await this.executions.feedChangesAfter(keys);
      return keys.map(({ id, version }) =>
        changes.filter(({ snapshot }) => snapshot.id === id && snapshot.version > version),
      );
    },
    // Gathered over one macrotask, not one microtask: notices of one NOTIFY batch arrive as separate events.
    { cache: false, batchScheduleFn: (callback) => setTimeout(callback, 0) },
  );

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

  /** A committed change, only if someone here may see it; its snapshot when the notice carried it. */
  notice(notice: ExecutionNotice, carried?: FeedChange): void {
    if (!this.follows(notice.requestedBy)) return;
    this.topic(notice.id, notice.requestedBy).order.offer(notice.version, carried, notice.at);
  }

  /**
   * After the LISTEN connection was lost: every change subscribers may see
   * made since `since` is read and delivered, skipping what was delivered.
   */
  resyncSince(since: Date): void {
    if (this.subscriberCount === 0) return;
    const requesters = this.admins.size > 0 ? 'anyone' : [...this.byUser.keys()];
    this.executions.feedChangesSince(since, requesters).then(
      (changes) => {
        for (const change of changes) {
          const { id, version, requestedBy } = change.snapshot;
          this.topic(id, requestedBy).order.offer(version, change);
        }
      },
      (error: unknown) => {
        // The connection came back and is gone again: the next restore resyncs.
        if (isConnectionError(error)) this.logger.warn({ err: error }, 'could not resync the executions feed');
        else this.failSubscribers(error, 'anyone');
      },
    );
  }

  /** Forgets executions quiet for long (bounded memory); never one with a read under way or to retry. */
  prune(now = Date.now()): void {
    for (const [id, topic] of this.topics) {
      if (now - topic.order.activeAt > DELIVERED_RETENTION_MS && topic.order.idle && !topic.retry) {
        topic.order.close();
        this.topics.delete(id);
      }
    }
  }

  private topic(id: string, requestedBy: string): FeedTopic {
    let topic = this.topics.get(id);
    if (topic) return topic;
    const order: VersionOrder<FeedChange> = new VersionOrder({
      versionOf: (change) => change.snapshot.version,
      readAfter: (version) => this.reads.load({ id, version }),
      deliver: (change, madeAt) => this.deliver(change, madeAt),
      onFailure: (error) => {
        if (!isConnectionError(error)) {
          // Not a hiccup: retrying will not help, so the subscribers concerned
          // learn it (coded and masked by the GraphQL layer) rather than wait.
          this.failSubscribers(error, [requestedBy]);
          return;
        }
        // The database is away: read again later (once, however many reads failed meanwhile),
        // so subscribers wait rather than miss a change.
        this.logger.warn({ err: error, executionId: id }, 'could not fetch execution changes for the feed');
        if (created.retry) return;
        created.retry = setTimeout(() => {
          created.retry = undefined;
          order.refresh();
        }, RETRY_MS).unref();
      },
    });
    const created: FeedTopic = { order, requestedBy };
    topic = created;
    this.topics.set(id, topic);
    return topic;
  }

  private failSubscribers(error: unknown, requesters: readonly string[] | 'anyone'): void {
    const users = requesters === 'anyone' ? [...this.byUser.keys()] : new Set(requesters);
    const concerned = [...this.admins];
    for (const user of users) concerned.push(...(this.byUser.get(user) ?? []));
    for (const subscriber of concerned) subscriber.listener.fail(error);
  }

  private deliver({ snapshot, requesterGranted }: FeedChange, madeAt: number | undefined): void {
    for (const subscriber of this.admins) this.offer(subscriber, snapshot);
    if (requesterGranted) {
      for (const subscriber of this.byUser.get(snapshot.requestedBy) ?? []) this.offer(subscriber, snapshot);
    }
    if (madeAt !== undefined) this.onPushDelay(Date.now() - madeAt);
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
}
