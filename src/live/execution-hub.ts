import type { Logger } from 'pino';
import type { Store } from '../store/store.js';
import { reviveSnapshot, type ExecutionRepository } from '../store/execution-repository.js';
import {
  EXECUTION_CHANNEL,
  ownNoticePrefix,
  type ExecutionNotice,
  type WrittenExecution,
} from '../store/execution-writes.js';
import { ACCESS_CHANGED_CHANNEL } from '../store/grant-repository.js';
import type { AccessChanged } from './live-streams.js';
import type { ExecutionRecord } from '../store/records.js';
import { ExecutionFeed, type FeedFilter, type FeedListener, type FeedSubscription } from './execution-feed.js';
import { VersionOrder } from './version-order.js';
import type { FeedChange } from '../store/execution-repository.js';

export type SnapshotListener = (snapshot: ExecutionRecord) => void;
export type AccessChangeListener = (changed: AccessChanged) => void;

interface Watched {
  /** This execution's versions in order, for every local subscriber. */
  order: VersionOrder<ExecutionRecord>;
  listeners: Set<SnapshotListener>;
}

/**
 * This process's end of the event flow. Changes written by this process are
 * published to it directly by the writer; changes of other replicas arrive
 * by LISTEN, usually carrying the new snapshot. Either way a change goes to
 * every local subscriber of the execution without a read; only a gap (a
 * notice lost, or too large to carry its snapshot) is read from the history,
 * once for all subscribers. Each watched execution's versions go through one
 * `VersionOrder`, the ordered-delivery primitive the feed of all changes
 * (`ExecutionFeed`) and every subscription of one execution also sit on.
 * Revoked grants arrive by LISTEN from any replica. NOTIFY is lost while a
 * listener is down, so when the connection comes back the watched executions
 * and the live streams' grants are read again; the feed catches up in commit
 * order every second anyway; and a periodic resync compares the watched
 * executions' versions with the database as a last resort.
 */
export class ExecutionHub {
  private readonly watched = new Map<string, Watched>();
  /** When each version handed to watchers was committed (while the snapshot lives): how long its writes took. */
  private readonly commitTimes = new WeakMap<object, number>();
  private readonly feed: ExecutionFeed;
  private readonly accessChangeListeners = new Set<AccessChangeListener>();
  private readonly restoredListeners = new Set<() => void>();
  private readonly unlisteners: (() => Promise<void>)[] = [];
  private resyncTimer: NodeJS.Timeout | undefined;
  private feedTimer: NodeJS.Timeout | undefined;

  private readonly ownNoticePrefix: string;

  private constructor(
    private readonly origin: string,
    private readonly executions: ExecutionRepository,
    private readonly logger: Logger,
    private readonly onPushDelay: (ms: number) => void,
  ) {
    this.feed = new ExecutionFeed(executions, logger, onPushDelay);
    this.ownNoticePrefix = ownNoticePrefix(origin);
  }

  /** `onPushDelay` is told, for each delivered change, how long after it was made it reached the subscribers. */
  static async start(
    store: Pick<Store, 'db' | 'executions'>,
    /** The origin of this process's own notices (its execution writes'), which it skips. */
    origin: string,
    logger: Logger,
    options: { resyncMs?: number; feedSyncMs?: number; onPushDelay?: (ms: number) => void } = {},
  ): Promise<ExecutionHub> {
    const { db, executions } = store;
    const hub = new ExecutionHub(origin, executions, logger, options.onPushDelay ?? (() => {}));
    const resyncMs = options.resyncMs ?? 5_000;
    try {
      hub.unlisteners.push(
        await db.listen(EXECUTION_CHANNEL, (payload) => hub.onPayload(payload), {
          onRestored: (lostAt) => hub.catchUp(lostAt),
        }),
        await db.listen(ACCESS_CHANGED_CHANNEL, (payload) => hub.onAccessChangedPayload(payload)),
      );
    } catch (error) {
      await hub.close();
      throw error;
    }
    try {
      // Where the feed's watermark starts: nobody follows it yet, so nothing is owed below it.
      await hub.feed.sync();
    } catch (error) {
      await hub.close();
      throw error;
    }
    hub.resyncTimer = setInterval(() => {
      void hub.resync();
      hub.feed.prune();
    }, resyncMs);
    hub.resyncTimer.unref();
    hub.feedTimer = setInterval(() => hub.feed.syncInBackground(), options.feedSyncMs ?? 1_000);
    hub.feedTimer.unref();
    return hub;
  }

  /** Local subscribers, for metrics and leak checks. */
  get subscriberCount(): number {
    let count = this.feed.subscriberCount;
    for (const watched of this.watched.values()) count += watched.listeners.size;
    return count;
  }

  /** Snapshots of `executionId` as they commit, in version order (listeners drop what they have seen). */
  watch(executionId: string, listener: SnapshotListener): () => void {
    let watched = this.watched.get(executionId);
    if (!watched) {
      const listeners = new Set<SnapshotListener>();
      const order = new VersionOrder<ExecutionRecord>({
        versionOf: (snapshot) => snapshot.version,
        readAfter: (after) => this.executions.snapshotsSince(executionId, after),
        deliver: (snapshot, madeAt) => {
          if (madeAt !== undefined) this.commitTimes.set(snapshot, madeAt);
          for (const each of listeners) this.safely(() => each(snapshot), executionId);
          if (madeAt !== undefined) this.onPushDelay(Date.now() - madeAt);
        },
        // The next notice or resync reads again; subscribers keep waiting.
        onFailure: (error) => this.logger.warn({ err: error, executionId }, 'could not deliver execution changes'),
      });
      watched = { order, listeners };
      this.watched.set(executionId, watched);
    }
    watched.listeners.add(listener);
    const entry = watched;
    return () => {
      entry.listeners.delete(listener);
      if (entry.listeners.size === 0 && this.watched.get(executionId) === entry) {
        entry.order.close();
        this.watched.delete(executionId);
      }
    };
  }

  /** When a snapshot this hub handed to watchers was committed (ms since epoch), if it was announced. */
  commitTimeOf(snapshot: unknown): number | undefined {
    return typeof snapshot === 'object' && snapshot !== null ? this.commitTimes.get(snapshot) : undefined;
  }

  /** Every change of the executions `filter` may see, fetched once per change for all subscribers. */
  follow(filter: FeedFilter, listener: FeedListener, seesAll: readonly string[] = []): FeedSubscription {
    return this.feed.subscribe(filter, listener, seesAll);
  }

  /** Access that changed (grants given or gone, fleets changed), on any replica. */
  onAccessChanged(listener: AccessChangeListener): () => void {
    this.accessChangeListeners.add(listener);
    return () => this.accessChangeListeners.delete(listener);
  }

  /** The LISTEN connection is back after a loss: changes of access may have been missed. */
  onRestored(listener: () => void): () => void {
    this.restoredListeners.add(listener);
    return () => this.restoredListeners.delete(listener);
  }

  async close(): Promise<void> {
    clearInterval(this.resyncTimer);
    clearInterval(this.feedTimer);
    for (const unlisten of this.unlisteners.splice(0)) await unlisten();
  }

  /**
   * A change this process wrote: delivered from what the writer holds (the
   * row's bookkeeping fields ride along; GraphQL reads only the public ones),
   * and only if someone here follows it.
   */
  publish(written: WrittenExecution): void {
    const { execution, requesterGranted, at } = written;
    if (!this.watched.has(execution.id) && !this.feed.follows(execution.requestedBy, execution.targetId)) return;
    this.route(
      {
        id: execution.id,
        version: execution.version,
        targetId: execution.targetId,
        requestedBy: execution.requestedBy,
        at,
      },
      { snapshot: execution, requesterGranted },
    );
  }

  private onPayload(payload: string): void {
    // This process's own changes were published when written: skipped
    // before parsing (the prefix is how PostgreSQL prints the origin first).
    if (payload.startsWith(this.ownNoticePrefix)) return;
    const notice = parseNotice(payload);
    if (!notice) {
      // Anyone with database access can NOTIFY this channel: never trust the shape.
      this.logger.warn('unreadable execution notice ignored');
      return;
    }
    if (notice.origin === this.origin) return;
    const carried =
      notice.snapshot !== undefined && notice.requesterGranted !== undefined && notice.snapshot.id === notice.id
        ? { snapshot: reviveSnapshot(notice.snapshot), requesterGranted: notice.requesterGranted }
        : undefined;
    this.route(notice, carried);
  }

  /** One change, to the feed and to the watchers of its execution, in version order. */
  private route(notice: ExecutionNotice, carried: FeedChange | undefined): void {
    this.feed.notice(notice, carried);
    this.watched.get(notice.id)?.order.offer(notice.version, carried?.snapshot, notice.at);
  }

  private onAccessChangedPayload(payload: string): void {
    const changed = parseAccessChanged(payload);
    if (!changed) {
      this.logger.warn('unreadable grant notice ignored');
      return;
    }
    for (const listener of this.accessChangeListeners) this.safely(() => listener(changed), undefined);
  }

  private catchUp(lostAt: Date): void {
    this.logger.warn({ lostAt }, 'LISTEN connection restored; reading what changed meanwhile');
    void this.resync();
    this.feed.syncInBackground();
    for (const listener of this.restoredListeners) this.safely(listener, undefined);
  }

  /** One subscriber's failure must not skip the others, nor escape into pg's notification handler. */
  private safely(deliver: () => void, executionId: string | undefined): void {
    try {
      deliver();
    } catch (error) {
      this.logger.error({ err: error, executionId }, 'execution subscriber failed');
    }
  }

  /** Catches up on notices that never arrived (listener reconnecting, database failover). */
  private async resync(): Promise<void> {
    if (this.watched.size === 0) return;
    try {
      for (const { id, version } of await this.executions.versionsOf([...this.watched.keys()])) {
        const watched = this.watched.get(id);
        if (watched && version > watched.order.version) watched.order.refresh();
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'execution resync failed');
    }
  }
}

/**
 * A NOTIFY payload parsed as JSON, when it has the shape `isShape` checks; a
 * malformed one (another version's, or written by hand) is ignored.
 */
function parsePayload<T>(payload: string, isShape: (value: Record<string, unknown>) => boolean): T | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return undefined;
  }
  return value !== null && typeof value === 'object' && isShape(value as Record<string, unknown>)
    ? (value as T)
    : undefined;
}

function parseAccessChanged(payload: string): AccessChanged | undefined {
  const optionalId = (value: unknown) => value === undefined || value === null || typeof value === 'string';
  const ref = parsePayload<{ userId?: string | null; targetId?: string | null }>(
    payload,
    (value) =>
      optionalId(value.userId) &&
      optionalId(value.targetId) &&
      (typeof value.userId === 'string' || typeof value.targetId === 'string'),
  );
  return (
    ref && {
      ...(typeof ref.userId === 'string' ? { userId: ref.userId } : {}),
      ...(typeof ref.targetId === 'string' ? { targetId: ref.targetId } : {}),
    }
  );
}

function parseNotice(payload: string): ExecutionNotice | undefined {
  return parsePayload<ExecutionNotice>(
    payload,
    (value) =>
      typeof value.id === 'string' &&
      Number.isInteger(value.version) &&
      typeof value.targetId === 'string' &&
      typeof value.requestedBy === 'string' &&
      Number.isFinite(value.at) &&
      (value.origin === undefined || typeof value.origin === 'string') &&
      (value.snapshot === undefined || (typeof value.snapshot === 'object' && value.snapshot !== null)) &&
      (value.requesterGranted === undefined || typeof value.requesterGranted === 'boolean'),
  );
}
