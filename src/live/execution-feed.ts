import DataLoader from 'dataloader';
import type { Logger } from 'pino';
import { isConnectionError } from '../store/db.js';
import type { ExecutionRepository, FeedChange } from '../store/execution-repository.js';
import type { ExecutionNotice } from '../store/execution-writes.js';
import type { ExecutionRecord } from '../store/records.js';
import { laterPosition, type ChangePosition } from './change-cursor.js';
import { VersionOrder } from './version-order.js';

/**
 * Who follows the feed, and on which target: a user sees their own
 * executions on targets they still see, and every execution on the targets
 * where their role sees them all (`seesAll`, VIEWER or SUPERVISOR).
 */
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
  /** The targets whose every execution it sees (not only its own), as last read from the grant rule. */
  seesAll: ReadonlySet<string>;
  /** Where it started, or what it read for itself since (a replay). */
  base: ChangePosition;
  /** Catch-ups issued before it subscribed: only later ones move it on. */
  since: number;
  /**
   * A change the catch-up found (its notice never came) reaches this
   * subscriber only if written at or above this transaction id: one made
   * before it subscribed is not live news. Unset until known: a feed
   * subscriber without a cursor gets it from its first catch-up.
   */
  floor: bigint | undefined;
}

/** One subscriber of the feed, and where it stands in the stream of committed changes. */
export interface FeedSubscription {
  /** Every change this subscriber may see below this position has been handed to it. */
  readonly position: ChangePosition;
  /** What the subscriber read for itself (a replay, after it subscribed) moves it on too. */
  advanceTo(position: ChangePosition): void;
  /** From where changes found by a catch-up are owed to it (a subscriber that replays from there). */
  catchUpFrom(watermark: bigint): void;
  /** The targets whose every execution it sees, read again after its user's access changed. */
  seeAllOf(targetIds: readonly string[]): void;
  close(): void;
}

/** A change on its way through a topic; `caughtUp` if the commit-order catch-up found it rather than a notice. */
type FeedItem = FeedChange & { caughtUp?: true };

/** A catch-up the feed has finished: every change below `watermark` has been handed on. */
interface Synced extends ChangePosition {
  generation: number;
}

/** How long the feed remembers an execution it delivered nothing of since: far longer than a catch-up takes. */
const DELIVERED_RETENTION_MS = 10 * 60_000;
/** While nobody follows the feed it still moves its horizon on this often, so a new subscriber starts near now. */
const IDLE_SYNC_MS = 5_000;
/** A read that failed because the database was away is tried again after this long. */
const RETRY_MS = 1_000;

/** One recently changed execution, its versions in order for every feed subscriber. */
interface FeedTopic {
  order: VersionOrder<FeedItem>;
  requestedBy: string;
  targetId: string;
  /** A read that failed while the database was away, to be tried again. */
  retry?: NodeJS.Timeout;
}

/**
 * The feed of all changes (`commandExecutionsUpdated`,
 * `commandExecutionChanges`) for a whole process: each committed change is
 * delivered once and in order per execution (`VersionOrder`); its visibility
 * is decided once (the requester's grant is read with it); then it goes to
 * every local subscriber who may see it. A change that arrives without its
 * snapshot, or after a gap, is read from the history, batched with every
 * other execution's read of the same moment in one query.
 *
 * Notices are fast but can be lost (a LISTEN connection down). So the feed
 * also catches up in commit order (`sync`): it reads which versions were
 * written below the current snapshot's horizon since the last one, hands on
 * any it has not, and only then moves its watermark there. The watermark is
 * what a subscriber's cursor is made of (`ChangePosition`).
 */
export class ExecutionFeed {
  private readonly admins = new Set<FeedSubscriber>();
  private readonly byUser = new Map<string, Set<FeedSubscriber>>();
  /** Subscribers who see every execution on a target, by target. */
  private readonly byTarget = new Map<string, Set<FeedSubscriber>>();
  private readonly topics = new Map<string, FeedTopic>();
  /** The last catch-up finished: changes below its watermark have all been handed on. */
  private synced: Synced = { watermark: 0n, at: 0, generation: 0 };
  /** Catch-ups started so far. */
  private issued = 0;
  private syncing: Promise<void> | undefined;
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

  subscribe(filter: FeedFilter, listener: FeedListener, seesAll: readonly string[] = []): FeedSubscription {
    // Everything below the last finished catch-up committed before now: nothing of it is owed to a new subscriber.
    const subscriber: FeedSubscriber = {
      filter,
      listener,
      seesAll: new Set(),
      base: this.synced,
      since: this.issued,
      floor: undefined,
    };
    const wasIdle = this.subscriberCount === 0;
    const remove = this.add(subscriber);
    this.watch(subscriber, seesAll);
    // After a quiet spell the watermark is old: move it on at once rather than at the next tick.
    if (wasIdle) this.syncInBackground();
    const positionOf = () => this.positionOf(subscriber);
    let closed = false;
    return {
      get position() {
        return positionOf();
      },
      advanceTo: (position) => {
        subscriber.base = laterPosition(subscriber.base, position);
      },
      catchUpFrom: (watermark) => {
        subscriber.floor = watermark;
      },
      seeAllOf: (targetIds) => {
        if (!closed) this.watch(subscriber, targetIds);
      },
      close: () => {
        closed = true;
        this.watch(subscriber, []);
        remove();
      },
    };
  }

  /** Where `subscriber` stands: its own base, or a catch-up started after it subscribed, whichever is later. */
  private positionOf(subscriber: FeedSubscriber): ChangePosition {
    return laterPosition(subscriber.base, this.synced.generation > subscriber.since ? this.synced : undefined);
  }

  private add(subscriber: FeedSubscriber): () => void {
    const { filter } = subscriber;
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

  /** Indexes `subscriber` under the targets whose every execution it sees (its own filter's target only). */
  private watch(subscriber: FeedSubscriber, targetIds: readonly string[]): void {
    const { targetId } = subscriber.filter;
    const next = new Set(targetId === null ? targetIds : targetIds.filter((id) => id === targetId));
    for (const id of subscriber.seesAll) {
      if (next.has(id)) continue;
      const watchers = this.byTarget.get(id);
      watchers?.delete(subscriber);
      if (watchers?.size === 0) this.byTarget.delete(id);
    }
    for (const id of next) {
      let watchers = this.byTarget.get(id);
      if (!watchers) this.byTarget.set(id, (watchers = new Set()));
      watchers.add(subscriber);
    }
    subscriber.seesAll = next;
  }

  /** Whether a change requested by `requestedBy` on `targetId` may interest a subscriber here. */
  follows(requestedBy: string, targetId: string): boolean {
    return this.admins.size > 0 || this.byUser.has(requestedBy) || this.byTarget.has(targetId);
  }

  /** A committed change, only if someone here may see it; its snapshot when the notice carried it. */
  notice(notice: ExecutionNotice, carried?: FeedChange): void {
    if (!this.follows(notice.requestedBy, notice.targetId)) return;
    this.topic(notice.id, notice.requestedBy, notice.targetId).order.offer(notice.version, carried, notice.at);
  }

  /**
   * Catches up in commit order: every version written since the watermark
   * by transactions below the current horizon, of executions someone here
   * may see, is handed on if it was not (a notice lost); then the watermark
   * moves to that horizon. Runs on the hub's tick while anyone follows the
   * feed (and now and then while nobody does), at once after a lost LISTEN
   * connection, and once at start. One at a time; a call during one joins it.
   */
  sync(now = Date.now()): Promise<void> {
    if (this.subscriberCount === 0 && this.synced.generation > 0 && now - this.synced.at < IDLE_SYNC_MS) {
      return Promise.resolve();
    }
    this.syncing ??= this.catchUp().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  /** `sync`, its failure logged: the next tick catches up again (the watermark stays where it was). */
  syncInBackground(): void {
    this.sync().catch((error: unknown) => {
      if (isConnectionError(error)) this.logger.warn({ err: error }, 'the executions feed could not catch up');
      else this.logger.error({ err: error }, 'the executions feed could not catch up');
    });
  }

  private async catchUp(): Promise<void> {
    const generation = ++this.issued;
    const requesters = this.admins.size > 0 ? 'anyone' : [...this.byUser.keys()];
    const { horizon, notices } = await this.executions.changeNoticesBetween(this.synced.watermark, requesters, [
      ...this.byTarget.keys(),
    ]);
    const at = Date.now();
    // What no notice brought: each such execution is read once, from its first missing version.
    const missing = new Map<string, number>();
    for (const { id, version } of notices) {
      const known = this.topics.get(id)?.order.version ?? 0;
      if (version > known && !missing.has(id)) missing.set(id, version - 1);
    }
    const found =
      missing.size === 0 ? [] : await this.reads.loadMany([...missing].map(([id, version]) => ({ id, version })));
    const offered = new Map<FeedTopic, number>();
    for (const changes of found) {
      if (changes instanceof Error) throw changes;
      for (const change of changes) {
        // Above the horizon is for the notice (or the next catch-up): it may still be on its way.
        if (change.xid === undefined || change.xid >= horizon) continue;
        const topic = this.topic(change.snapshot.id, change.snapshot.requestedBy, change.snapshot.targetId);
        topic.order.offer(change.snapshot.version, { ...change, caughtUp: true });
        offered.set(topic, change.snapshot.version);
      }
    }
    await Promise.all([...offered.keys()].map((topic) => topic.order.settled()));
    // A version not handed on (a read failed) keeps the watermark where it was: the next catch-up reads it again.
    if (![...offered].every(([topic, version]) => topic.order.version >= version)) return;
    this.synced = { watermark: horizon, at, generation };
    // A subscriber without a cursor is owed what a catch-up finds from the first horizon after it joined.
    for (const subscriber of this.everySubscriber()) {
      if (subscriber.floor === undefined && subscriber.since < generation) subscriber.floor = horizon;
    }
  }

  private *everySubscriber(): Iterable<FeedSubscriber> {
    yield* this.admins;
    for (const subscribers of this.byUser.values()) yield* subscribers;
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

  private topic(id: string, requestedBy: string, targetId: string): FeedTopic {
    let topic = this.topics.get(id);
    if (topic) return topic;
    const order: VersionOrder<FeedItem> = new VersionOrder({
      versionOf: (change) => change.snapshot.version,
      readAfter: (version) => this.reads.load({ id, version }),
      deliver: (change, madeAt) => this.deliver(change, madeAt),
      onFailure: (error) => {
        if (!isConnectionError(error)) {
          // Not a hiccup: retrying will not help, so the subscribers concerned
          // learn it (coded and masked by the GraphQL layer) rather than wait.
          this.failSubscribersOf(requestedBy, targetId, error);
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
    const created: FeedTopic = { order, requestedBy, targetId };
    topic = created;
    this.topics.set(id, topic);
    return topic;
  }

  /** Ends, with `error`, every subscriber who may see the executions `requestedBy` sent on `targetId`. */
  private failSubscribersOf(requestedBy: string, targetId: string, error: unknown): void {
    const concerned = new Set([
      ...this.admins,
      ...(this.byUser.get(requestedBy) ?? []),
      ...(this.byTarget.get(targetId) ?? []),
    ]);
    for (const subscriber of concerned) subscriber.listener.fail(error);
  }

  private deliver({ snapshot, requesterGranted, xid, caughtUp }: FeedItem, madeAt: number | undefined): void {
    // Found by the catch-up: only for those who joined before it was written.
    const owed = (subscriber: FeedSubscriber) =>
      !caughtUp || (subscriber.floor !== undefined && xid !== undefined && xid >= subscriber.floor);
    for (const subscriber of this.admins) if (owed(subscriber)) this.offer(subscriber, snapshot);
    const requesters = (requesterGranted && this.byUser.get(snapshot.requestedBy)) || new Set<FeedSubscriber>();
    for (const subscriber of requesters) if (owed(subscriber)) this.offer(subscriber, snapshot);
    // Those who see every execution on the target, each once (a SUPERVISOR's own command is theirs already).
    for (const subscriber of this.byTarget.get(snapshot.targetId) ?? []) {
      if (!requesters.has(subscriber) && owed(subscriber)) this.offer(subscriber, snapshot);
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
