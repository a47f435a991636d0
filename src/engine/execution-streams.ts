import { NotFoundError } from '../domain/errors.js';
import { isIdOf } from '../domain/ids.js';
import { isFinal } from '../domain/status.js';
import type { Viewer } from '../domain/viewer.js';
import type { ExecutionRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import { Channel } from './channel.js';
import type { ExecutionHub } from './execution-hub.js';

/**
 * The live views of executions that subscriptions serve. Each checks
 * visibility before it starts, so watching what one may not see is an error,
 * not silence.
 */
export class ExecutionStreams {
  constructor(
    private readonly store: Store,
    private readonly hub: ExecutionHub,
  ) {}

  /**
   * The execution's current state, then every later version in order with no
   * gap and no duplicate, ending after a final status.
   */
  async watchExecution(id: string, viewer: Viewer): Promise<Channel<ExecutionRecord>> {
    if (!isIdOf('execution', id)) throw new NotFoundError('command execution');
    let last = 0;
    let chain = Promise.resolve();
    const early: ExecutionRecord[] = [];
    let started = false;

    const channel: Channel<ExecutionRecord> = new Channel(() => unwatch());
    const emit = (snapshot: ExecutionRecord) => {
      if (snapshot.version <= last || channel.closed) return;
      channel.push(snapshot);
      last = snapshot.version;
      if (isFinal(snapshot.status)) channel.end();
    };
    const deliver = async (snapshot: ExecutionRecord) => {
      if (snapshot.version <= last) return;
      if (snapshot.version > last + 1) {
        // This subscriber is behind the shared fetch: read what it missed.
        for (const missed of await this.store.executions.snapshotsSince(id, last)) emit(missed);
      } else {
        emit(snapshot);
      }
    };
    // Watch first, read second: a change committed in between is not lost.
    const unwatch = this.hub.watch(id, (snapshot) => {
      if (!started) {
        early.push(snapshot);
        return;
      }
      chain = chain.then(() => deliver(snapshot)).catch((error: unknown) => channel.fail(error));
    });

    try {
      const [current] = await this.store.executions.findVisible([id], viewer);
      if (!current) throw new NotFoundError('command execution');
      emit(current);
      started = true;
      for (const snapshot of early.splice(0)) chain = chain.then(() => deliver(snapshot));
      await chain;
    } catch (error) {
      unwatch();
      throw error;
    }
    return channel;
  }

  /** Every change of the executions the viewer may see, optionally on one target. */
  async watchExecutions(viewer: Viewer, targetId: string | null): Promise<Channel<ExecutionRecord>> {
    if (targetId !== null) {
      const [target] = isIdOf('vehicle', targetId) || isIdOf('lock', targetId)
        ? await this.store.targets.findVisible([targetId], viewer)
        : [];
      if (!target) throw new NotFoundError('target');
    }
    let chain = Promise.resolve();
    const channel: Channel<ExecutionRecord> = new Channel(() => unsubscribe());
    const unsubscribe = this.hub.onNotice((notice) => {
      if (!viewer.isAdmin && notice.requestedBy !== viewer.userId) return;
      if (targetId !== null && notice.targetId !== targetId) return;
      chain = chain
        .then(async () => {
          // Visibility is re-checked per change: a revoked grant stops the stream's flow.
          if (!viewer.isAdmin && !(await this.store.grants.has(notice.targetId, viewer.userId))) return;
          const snapshots = await this.store.executions.snapshotsSince(notice.id, notice.version - 1);
          const snapshot = snapshots.find((s) => s.version === notice.version);
          if (snapshot) channel.push(snapshot);
        })
        .catch((error: unknown) => channel.fail(error));
    });
    return channel;
  }
}
