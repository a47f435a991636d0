import DataLoader from 'dataloader';
import type { Logger } from 'pino';
import { CursorExpiredError, NotFoundError } from '../domain/errors.js';
import { ValidationError } from '../domain/validation.js';
import { isIdOf } from '../domain/ids.js';
import { isFinal } from '../domain/status.js';
import type { Viewer } from '../domain/viewer.js';
import type { ExecutionRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import { decodeCursor, encodeCursor, replayOrder, type ChangePosition } from './change-cursor.js';
import { Channel } from './channel.js';
import type { FeedFilter, FeedListener, FeedSubscription } from './execution-feed.js';
import type { ExecutionHub } from './execution-hub.js';
import { LiveStreams } from './live-streams.js';
import { VersionOrder } from './version-order.js';

export interface StreamOptions {
  /** Live subscriptions one user may hold on this replica, across sockets. */
  maxSubscriptionsPerUser: number;
  /** How old a feed cursor may be and still resume. */
  changeReplayWindowHours: number;
}

/** One message of `commandExecutionChanges`: a change, and the cursor to resume after it. */
export interface ExecutionChange {
  cursor: string;
  execution: ExecutionRecord;
}

/**
 * How long after a replay a live change that repeats a replayed one is still
 * dropped: the replay and the live feed meet within it. A repeat after it is
 * still allowed by the contract (at least once: the client drops it).
 */
const REPLAY_OVERLAP_MS = 60_000;

/**
 * The live views of executions that subscriptions serve. Each counts against
 * its user's cap, checks visibility before it starts (watching what one may
 * not see is an error, not silence), and ends with an error when the grant it
 * depends on is revoked, on whichever replica.
 */
export class ExecutionStreams {
  private readonly live: LiveStreams;
  /**
   * The current state a subscription starts from, read for every
   * subscription opening meanwhile in one query per viewer: a burst of
   * clients reconnecting costs a few reads, not one each.
   */
  private readonly currentStates = new DataLoader<{ id: string; viewer: Viewer }, ExecutionRecord | null>(
    (keys) => this.readCurrentStatesOneAtATime(keys),
    // Gathered over at least one turn of the event loop (each subscribe message arrives as an event of
    // its own), and for as long as the previous read is still running: under a burst the reads grow
    // instead of queueing up, and a lone subscriber waits for nothing but its turn.
    {
      cache: false,
      batchScheduleFn: (callback) => {
        const previous = this.currentStatesRead;
        if (previous) void previous.finally(() => setImmediate(callback));
        else setImmediate(callback);
      },
    },
  );
  /** The open feeds of users (not admins): which targets they see whole is read again when access changes. */
  private readonly userFeeds = new Set<UserFeed>();
  private readonly staleFeeds = new Set<UserFeed>();
  private refreshing: NodeJS.Timeout | undefined;
  /** The current-state read under way, if any: the next one waits for it. */
  private currentStatesRead: Promise<unknown> | undefined;

  constructor(
    private readonly store: Pick<Store, 'executions' | 'targets' | 'access'>,
    private readonly hub: ExecutionHub,
    private readonly logger: Logger,
    private readonly options: StreamOptions,
  ) {
    this.live = new LiveStreams(
      options.maxSubscriptionsPerUser,
      (needs) => this.store.access.missing(needs),
      (error) => this.logger.warn({ err: error }, 'could not check the access of live streams again'),
    );
    hub.onAccessChanged((changed) => {
      void this.live.changed(changed);
      this.refreshFeeds(changed.userId);
    });
    hub.onRestored(() => {
      void this.live.recheckAll();
      this.refreshFeeds(undefined);
    });
  }

  /**
   * The execution's current state, then every later version in order with no
   * gap and no duplicate, ending after a final status. Resumed (`afterVersion`):
   * every stored version after that one first, in order, instead of the
   * current state, then the same live versions.
   */
  async watchExecution(id: string, viewer: Viewer, afterVersion?: number): Promise<Channel<ExecutionRecord>> {
    if (afterVersion !== undefined && !(Number.isInteger(afterVersion) && afterVersion >= 0)) {
      throw new ValidationError('afterVersion', 'afterVersion must be 0 or more');
    }
    if (!isIdOf('execution', id)) throw new NotFoundError('command execution');
    const stream = this.live.open(viewer);
    const channel: Channel<ExecutionRecord> = new Channel(() => {
      unwatch();
      order.close();
      stream.close();
    });
    // Watch first, read second: what the hub hands on meanwhile waits behind
    // the start (the order begins at the version read), so nothing is lost.
    let begin!: (version: number) => void;
    let refuse!: (error: unknown) => void;
    const started = new Promise<number>((resolve, reject) => {
      begin = resolve;
      refuse = reject;
    });
    const order = new VersionOrder<ExecutionRecord>(
      {
        versionOf: (snapshot) => snapshot.version,
        // This subscriber is behind the hub's delivery: it reads what it missed.
        readAfter: (after) => this.store.executions.snapshotsSince(id, after),
        deliver: (snapshot) => {
          channel.push(snapshot);
          if (isFinal(snapshot.status)) channel.end();
        },
        onFailure: (error) => channel.fail(error),
      },
      started,
    );
    const unwatch = this.hub.watch(id, (snapshot) => order.offer(snapshot.version, snapshot));

    try {
      const current = await this.currentStates.load({ id, viewer });
      if (!current) throw new NotFoundError('command execution');
      if (afterVersion !== undefined && afterVersion > current.version) {
        throw new ValidationError(
          'afterVersion',
          `afterVersion ${afterVersion} is beyond the execution's current version ${current.version}`,
        );
      }
      // Someone else's execution is seen through a role that sees every one on its target.
      const right = current.requestedBy === viewer.userId ? 'see' : 'seeAll';
      stream.follows(current.targetId, right, (error) => channel.abort(error));
      if (afterVersion === undefined) {
        channel.push(current);
        if (isFinal(current.status)) channel.end();
        begin(current.version);
      } else {
        // The replay is the order's own read from that version on: live versions wait behind it.
        begin(afterVersion);
        order.refresh();
        if (afterVersion === current.version && isFinal(current.status)) channel.end();
      }
    } catch (error) {
      refuse(error);
      unwatch();
      order.close();
      stream.close();
      throw error;
    }
    return channel;
  }

  /** When an event these streams delivered was committed (ms since epoch), if known: for the push metrics. */
  commitTimeOf(event: unknown): number | undefined {
    return this.hub.commitTimeOf(event);
  }

  /** Every change of the executions the viewer may see, optionally on one target. */
  async watchExecutions(viewer: Viewer, targetId: string | null): Promise<Channel<ExecutionRecord>> {
    const { channel } = await this.openFeed<ExecutionRecord>(viewer, targetId, (opened) => ({
      next: (snapshot) => opened.push(snapshot),
      fail: (error) => opened.fail(error),
    }));
    return channel;
  }

  /**
   * Every change of the executions the viewer may see (optionally on one
   * target), each with a cursor. With `after`, first every change after that
   * cursor the viewer may see now, in commit order and each execution's
   * versions in order, then the live ones. At least once with no gap: a change
   * repeats only if it was delivered already, with the same id and version.
   */
  async watchChanges(viewer: Viewer, targetId: string | null, after?: string): Promise<Channel<ExecutionChange>> {
    const now = Date.now();
    const from = after === undefined ? undefined : decodeCursor(after, now);
    if (from !== undefined && now - from.at > this.options.changeReplayWindowHours * 3_600_000) {
      throw new CursorExpiredError(this.options.changeReplayWindowHours);
    }
    /** Live changes that arrive while the replay is read wait here, then go after it. */
    let waiting: ExecutionRecord[] | undefined = [];
    /** The last version of each execution the replay delivered: where replay and live meet, live repeats are dropped. */
    let replayed = new Map<string, number>();
    /**
     * The position the changes that waited behind the replay carry: the
     * replay's own. The feed's may already count changes still waiting behind
     * them (it moved on while they waited), and a client that resumed from
     * such a cursor would skip those.
     */
    let drainedAt: ChangePosition | undefined;
    const deliverLive = (execution: ExecutionRecord) => {
      const seen = replayed.get(execution.id);
      if (seen !== undefined && execution.version <= seen) return;
      channel.push({ cursor: encodeCursor(drainedAt ?? following.position), execution });
    };
    // Follow first, replay second: a change committed after the replay's snapshot arrives live.
    const { channel, following } = await this.openFeed<ExecutionChange>(viewer, targetId, (opened) => ({
      next: (execution) => (waiting ? waiting.push(execution) : deliverLive(execution)),
      fail: (error) => opened.fail(error),
    }));
    // Without a cursor the replay starts where the feed stood when this subscriber joined: a change
    // committed since, whose notice was lost, is in it (it may also bring one made a moment before).
    const { watermark } = from ?? following.position;
    following.catchUpFrom(watermark);
    try {
      // The window bounds the replay too, whatever the cursor says (one is only a client's text):
      // with an hour to spare for clock differences between the replicas that wrote the changes.
      const notBefore = new Date(now - (this.options.changeReplayWindowHours + 1) * 3_600_000);
      const { horizon, changes } = await this.store.executions.changesSince(watermark, viewer, targetId, notBefore);
      // Every cursor this API issues is a horizon some read has seen: one beyond the current one was not issued here.
      if (watermark > horizon) throw new ValidationError('after', 'after is not a cursor this API issued');
      const stored = changes.map(({ xid, snapshot }) => ({
        xid,
        executionId: snapshot.id,
        version: snapshot.version,
        value: snapshot,
      }));
      const at = Date.now();
      for (const { change, position } of replayOrder(stored, horizon, at)) {
        // The replay's own position: everything below it was in this read (the feed's may run ahead of it).
        channel.push({ cursor: encodeCursor(position), execution: change.value });
        replayed.set(change.executionId, change.version);
      }
      drainedAt = { watermark: horizon, at };
      following.advanceTo(drainedAt);
    } catch (error) {
      void channel.return();
      throw error;
    }
    const live = waiting;
    waiting = undefined;
    for (const execution of live) deliverLive(execution);
    drainedAt = undefined;
    if (replayed.size > 0) setTimeout(() => (replayed = new Map()), REPLAY_OVERLAP_MS).unref();
    return channel;
  }

  /**
   * The feed for `viewer` (on one target it may see, or all), counted against
   * its cap; closing the channel ends both. A feed on one target ends when its
   * grant goes (at once, if it went while the feed was opening); the feed of
   * all the caller's targets carries on without the changes they no longer see.
   */
  private async openFeed<T>(
    viewer: Viewer,
    targetId: string | null,
    listenerFor: (channel: Channel<T>) => FeedListener,
  ): Promise<{ channel: Channel<T>; following: FeedSubscription }> {
    const stream = this.live.open(viewer);
    const filter = { userId: viewer.userId, isAdmin: viewer.isAdmin, targetId };
    // Known before its first read: a change of access meanwhile marks it stale, and it is read again.
    const feed: UserFeed | undefined = viewer.isAdmin
      ? undefined
      : { filter, seesAll: [], reads: 0, applied: 0, closed: false };
    if (feed) this.userFeeds.add(feed);
    const forget = () => {
      if (!feed) return;
      feed.closed = true;
      this.userFeeds.delete(feed);
      this.staleFeeds.delete(feed);
    };
    try {
      if (targetId !== null) await this.requireVisibleTarget(targetId, viewer);
      if (feed) await this.readSeesAll(feed);
    } catch (error) {
      forget();
      stream.close();
      throw error;
    }
    const channel = new Channel<T>(() => {
      forget();
      following.close();
      stream.close();
    });
    const following = this.hub.follow(filter, listenerFor(channel), feed?.seesAll ?? []);
    if (feed) feed.following = following;
    if (targetId !== null) stream.follows(targetId, 'see', (error) => channel.abort(error));
    return { channel, following };
  }

  /**
   * Reads which targets `feed` shows every execution of, and hands that on —
   * unless a later read has been handed on already (reads may answer out of
   * order) or the feed closed meanwhile.
   */
  private async readSeesAll(feed: UserFeed): Promise<void> {
    const read = ++feed.reads;
    const targets = await this.store.access.targetsWhere('seeAll', feed.filter.userId, feed.filter.targetId);
    if (feed.closed || read < feed.applied) return;
    feed.applied = read;
    feed.seesAll = targets;
    feed.following?.seeAllOf(targets);
  }

  /**
   * Reads again which targets the feeds of `userId` (of every user, when
   * undefined: a target joined or left a fleet) show every execution of.
   * Coalesced: the notices of one change (a fleet of 1,000 targets) cost one
   * read per feed, not one per notice.
   */
  private refreshFeeds(userId: string | undefined): void {
    for (const feed of this.userFeeds)
      if (userId === undefined || feed.filter.userId === userId) this.staleFeeds.add(feed);
    if (this.staleFeeds.size === 0 || this.refreshing) return;
    this.refreshing = setTimeout(() => {
      this.refreshing = undefined;
      const stale = [...this.staleFeeds];
      this.staleFeeds.clear();
      for (const feed of stale) {
        this.readSeesAll(feed).catch((error: unknown) => {
          this.logger.warn({ err: error }, 'could not read again which targets a feed sees whole');
          this.refreshFeeds(feed.filter.userId);
        });
      }
    }, FEED_REFRESH_MS);
    this.refreshing.unref();
  }

  private async readCurrentStatesOneAtATime(
    keys: readonly { id: string; viewer: Viewer }[],
  ): Promise<(ExecutionRecord | null)[]> {
    const read = this.readCurrentStates(keys);
    this.currentStatesRead = read;
    try {
      return await read;
    } finally {
      if (this.currentStatesRead === read) this.currentStatesRead = undefined;
    }
  }

  private async readCurrentStates(
    keys: readonly { id: string; viewer: Viewer }[],
  ): Promise<(ExecutionRecord | null)[]> {
    const byViewer = new Map<string, { viewer: Viewer; ids: string[] }>();
    for (const { id, viewer } of keys) {
      const key = viewerKey(viewer);
      let group = byViewer.get(key);
      if (!group) byViewer.set(key, (group = { viewer, ids: [] }));
      group.ids.push(id);
    }
    const found = new Map<string, ExecutionRecord>();
    await Promise.all(
      [...byViewer].map(async ([key, { viewer, ids }]) => {
        for (const row of await this.store.executions.findVisible([...new Set(ids)], viewer))
          found.set(`${key}|${row.id}`, row);
      }),
    );
    return keys.map(({ id, viewer }) => found.get(`${viewerKey(viewer)}|${id}`) ?? null);
  }

  private async requireVisibleTarget(targetId: string, viewer: Viewer): Promise<void> {
    const [target] =
      isIdOf('vehicle', targetId) || isIdOf('lock', targetId)
        ? await this.store.targets.findVisible([targetId], viewer)
        : [];
    if (!target) throw new NotFoundError('target');
  }
}

/** A user's feed (opening or open), and what decides which executions it shows. */
interface UserFeed {
  filter: FeedFilter;
  /** Set once it is open. */
  following?: FeedSubscription;
  /** The targets whose every execution it shows, as last read. */
  seesAll: string[];
  /** Reads of `seesAll` started, and the latest one handed on. */
  reads: number;
  applied: number;
  closed: boolean;
}

/** How long the notices of one change of access are gathered before the feeds they concern are read again. */
const FEED_REFRESH_MS = 20;

/** Viewers who see the same executions share a key (visibility depends on the user and the admin role only). */
function viewerKey(viewer: Viewer): string {
  return `${viewer.isAdmin ? 'admin' : 'user'}:${viewer.userId}`;
}
