import type { Logger } from 'pino';
import type { Db } from '../store/db.js';
import { EXECUTION_CHANNEL, type ExecutionNotice, type ExecutionRepository } from '../store/execution-repository.js';
import type { ExecutionRecord } from '../store/records.js';

export type SnapshotListener = (snapshot: ExecutionRecord) => void;
export type NoticeListener = (notice: ExecutionNotice) => void;

interface Watched {
  /** The newest version fetched and delivered for this execution. */
  lastVersion: number;
  /** When each announced version was made, until it is delivered (for the push-delay metric). */
  madeAt: Map<number, number>;
  listeners: Set<SnapshotListener>;
  /** Fetches for one execution run one after another, so snapshots go out in order. */
  queue: Promise<void>;
}

/**
 * This process's end of the event flow: it LISTENs once for committed
 * changes (from any replica), fetches the new snapshots of a watched
 * execution once, and hands them to every local subscriber of it. NOTIFY is
 * lost while a listener is down, so a periodic resync compares the watched
 * executions' versions with the database and fetches what was missed.
 */
export class ExecutionHub {
  private readonly watched = new Map<string, Watched>();
  private readonly noticeListeners = new Set<NoticeListener>();
  private unlisten: (() => Promise<void>) | undefined;
  private resyncTimer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly db: Db,
    private readonly executions: ExecutionRepository,
    private readonly logger: Logger,
    private readonly onPushDelay: (ms: number) => void,
  ) {}

  /** `onPushDelay` is told, for each delivered change, how long after it was made it reached the subscribers. */
  static async start(
    db: Db,
    executions: ExecutionRepository,
    logger: Logger,
    options: { resyncMs?: number; onPushDelay?: (ms: number) => void } = {},
  ): Promise<ExecutionHub> {
    const hub = new ExecutionHub(db, executions, logger, options.onPushDelay ?? (() => {}));
    const resyncMs = options.resyncMs ?? 5_000;
    hub.unlisten = await db.listen(EXECUTION_CHANNEL, (payload) => hub.onPayload(payload));
    hub.resyncTimer = setInterval(() => void hub.resync(), resyncMs);
    hub.resyncTimer.unref();
    return hub;
  }

  /** Local subscribers, for metrics and leak checks. */
  get subscriberCount(): number {
    let count = this.noticeListeners.size;
    for (const watched of this.watched.values()) count += watched.listeners.size;
    return count;
  }

  /** Snapshots of `executionId` as they commit, in version order (listeners drop what they have seen). */
  watch(executionId: string, listener: SnapshotListener): () => void {
    let watched = this.watched.get(executionId);
    if (!watched) {
      watched = { lastVersion: 0, madeAt: new Map(), listeners: new Set(), queue: Promise.resolve() };
      this.watched.set(executionId, watched);
    }
    watched.listeners.add(listener);
    const entry = watched;
    return () => {
      entry.listeners.delete(listener);
      if (entry.listeners.size === 0 && this.watched.get(executionId) === entry) this.watched.delete(executionId);
    };
  }

  /** Every committed change's notice, whatever the execution. */
  onNotice(listener: NoticeListener): () => void {
    this.noticeListeners.add(listener);
    return () => this.noticeListeners.delete(listener);
  }

  async close(): Promise<void> {
    clearInterval(this.resyncTimer);
    await this.unlisten?.();
    this.unlisten = undefined;
  }

  private onPayload(payload: string): void {
    const notice = parseNotice(payload);
    if (!notice) {
      // Anyone with database access can NOTIFY this channel: never trust the shape.
      this.logger.warn('unreadable execution notice ignored');
      return;
    }
    if (this.noticeListeners.size > 0) {
      for (const listener of this.noticeListeners) this.safely(() => listener(notice), notice.id);
      this.onPushDelay(Date.now() - notice.at);
    }
    const watched = this.watched.get(notice.id);
    if (watched && notice.version > watched.lastVersion) {
      watched.madeAt.set(notice.version, notice.at);
      this.refresh(notice.id, watched);
    }
  }

  private refresh(executionId: string, watched: Watched): void {
    watched.queue = watched.queue.then(async () => {
      try {
        const snapshots = await this.executions.snapshotsSince(executionId, watched.lastVersion);
        for (const snapshot of snapshots) {
          if (snapshot.version <= watched.lastVersion) continue;
          watched.lastVersion = snapshot.version;
          for (const listener of watched.listeners) this.safely(() => listener(snapshot), executionId);
          const madeAt = watched.madeAt.get(snapshot.version);
          if (madeAt !== undefined) {
            watched.madeAt.delete(snapshot.version);
            this.onPushDelay(Date.now() - madeAt);
          }
        }
      } catch (error) {
        // The next notice or resync tries again; subscribers keep waiting.
        this.logger.warn({ err: error, executionId }, 'could not fetch execution snapshots');
      }
    });
  }

  /** One subscriber's failure must not skip the others, nor escape into pg's notification handler. */
  private safely(deliver: () => void, executionId: string): void {
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
      const ids = [...this.watched.keys()];
      const rows = await this.db.query<{ id: string; version: number }>(
        'SELECT id, version FROM executions WHERE id = ANY($1::text[])',
        [ids],
      );
      for (const { id, version } of rows) {
        const watched = this.watched.get(id);
        if (watched && version > watched.lastVersion) this.refresh(id, watched);
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'execution resync failed');
    }
  }
}

function parseNotice(payload: string): ExecutionNotice | undefined {
  try {
    const value = JSON.parse(payload) as Partial<ExecutionNotice> | null;
    if (
      value !== null &&
      typeof value === 'object' &&
      typeof value.id === 'string' &&
      Number.isInteger(value.version) &&
      typeof value.targetId === 'string' &&
      typeof value.requestedBy === 'string' &&
      typeof value.at === 'number'
    ) {
      return value as ExecutionNotice;
    }
  } catch {
    // fall through
  }
  return undefined;
}
