import DataLoader from 'dataloader';
import type { Logger } from 'pino';
import { NotFoundError } from '../domain/errors.js';
import { ValidationError } from '../domain/validation.js';
import { isIdOf } from '../domain/ids.js';
import { isFinal } from '../domain/status.js';
import type { Viewer } from '../domain/viewer.js';
import type { ExecutionRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import { Channel } from './channel.js';
import type { ExecutionHub } from './execution-hub.js';
import { LiveStreams } from './live-streams.js';
import { VersionOrder } from './version-order.js';

export interface StreamOptions {
  /** Live subscriptions one user may hold on this replica, across sockets. */
  maxSubscriptionsPerUser: number;
}

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
   * subscription opening in the same tick in one query per viewer: a burst of
   * clients reconnecting costs a few reads, not one each.
   */
  private readonly currentStates = new DataLoader<{ id: string; viewer: Viewer }, ExecutionRecord | null>(
    (keys) => this.readCurrentStates(keys),
    { cache: false },
  );

  constructor(
    private readonly store: Store,
    private readonly hub: ExecutionHub,
    private readonly logger: Logger,
    options: StreamOptions,
  ) {
    this.live = new LiveStreams(options.maxSubscriptionsPerUser);
    hub.onRevoked((revoked) => this.live.revoke(revoked));
    hub.onRestored(() => void this.recheckGrants());
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
      stream.follows(current.targetId, (error) => channel.abort(error));
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

  /** Every change of the executions the viewer may see, optionally on one target. */
  async watchExecutions(viewer: Viewer, targetId: string | null): Promise<Channel<ExecutionRecord>> {
    const stream = this.live.open(viewer);
    try {
      if (targetId !== null) await this.requireVisibleTarget(targetId, viewer);
    } catch (error) {
      stream.close();
      throw error;
    }
    let unfollow = () => {};
    const channel: Channel<ExecutionRecord> = new Channel(() => {
      unfollow();
      stream.close();
    });
    unfollow = this.hub.follow(
      { userId: viewer.userId, isAdmin: viewer.isAdmin, targetId },
      { next: (snapshot) => channel.push(snapshot), fail: (error) => channel.fail(error) },
    );
    // A stream on one target ends when its grant goes (at once, if it went
    // while the stream was opening); the stream of all the caller's targets
    // carries on without the changes they no longer see.
    if (targetId !== null) stream.follows(targetId, (error) => channel.abort(error));
    return channel;
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

  /** After notices may have been missed: ends the live streams whose grant is gone. */
  private async recheckGrants(): Promise<void> {
    try {
      for (const revoked of await this.store.grants.missing(this.live.dependencies())) this.live.revoke(revoked);
    } catch (error) {
      this.logger.warn({ err: error }, 'could not re-check the grants of live streams');
    }
  }
}

/** Viewers who see the same executions share a key (visibility depends on the user and the admin role only). */
function viewerKey(viewer: Viewer): string {
  return `${viewer.isAdmin ? 'admin' : 'user'}:${viewer.userId}`;
}
