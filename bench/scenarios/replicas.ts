import { setTimeout as sleep } from 'node:timers/promises';
import type { ScenarioOn } from '../lib/harness.js';
import { pushDelays } from '../lib/history.js';
import { note } from '../lib/note.js';
import { WATCH_TARGET } from '../lib/operations.js';
import {
  pollStats,
  runSpreadExecutions,
  withMobwayWatcher,
  type PollStats,
  type SpreadSizes,
} from '../lib/spread-executions.js';
import { summarize, type Summary } from '../lib/stats.js';
import { openSubscribers } from '../lib/subscriber-client.js';

export type ReplicasSizes = SpreadSizes;

export interface ReplicasResult extends PollStats {
  replicas: number;
  executions: number;
  windowMs: number;
  completionDelayMs: number;
  allFinal: boolean;
  /** Each committed version → its push on replica B. */
  crossReplicaPushMs: Summary;
  messages: number;
}

/** `app` is replica A, on `databaseUrl`, with its fleet registered. */
export interface ReplicasOptions extends ScenarioOn {
  databaseUrl: string;
  sizes: ReplicasSizes;
}

/**
 * Scenario 4: two replicas on one PostgreSQL database. Commands are sent to replica A and
 * watched on a replica B started here; the poll count must be the schedule's across both.
 */
export async function measureReplicas(options: ReplicasOptions): Promise<ReplicasResult> {
  const { harness, app: replicaA, fleet, sizes } = options;
  note('PostgreSQL: replica B');
  const replicaB = await harness.startApp('replica-b', options.databaseUrl);
  try {
    note(`scenario 4: ${sizes.executions} Mobway executions sent to replica A, watched on replica B`);
    return await withMobwayWatcher(harness, 'load-replica-watcher', sizes, async (watcher) => {
      await openSubscribers([watcher], replicaB, fleet.user, WATCH_TARGET, [{}], false);
      await sleep(200);
      const run = await runSpreadExecutions(harness, replicaA, watcher, fleet, sizes);
      return {
        replicas: 2,
        executions: sizes.executions,
        windowMs: sizes.windowMs,
        completionDelayMs: sizes.completionMs,
        allFinal: run.allFinal,
        ...pollStats(run.counts, sizes, harness.engine),
        // Every version, v1 included: PENDING (v1) is committed by A's mutation, SUCCESS by whichever replica polled.
        crossReplicaPushMs: summarize(pushDelays(run.collected.receipts, run.history, 0)),
        messages: run.collected.received,
      };
    });
  } finally {
    await replicaB.proc.stop();
  }
}
