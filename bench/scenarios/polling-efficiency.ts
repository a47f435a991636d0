import type { ScenarioOn } from '../lib/harness.js';
import { note } from '../lib/note.js';
import { lockVehicle, WATCH_EXECUTION, WATCH_TARGET } from '../lib/operations.js';
import type { Spawned } from '../lib/proc.js';
import { mobwayPolls, resetSimulatorCounts, simulatorCounts } from '../lib/simulator-control.js';
import {
  pollStats,
  runSpreadExecutions,
  withMobwayWatcher,
  type PollStats,
  type SpreadRun,
  type SpreadSizes,
} from '../lib/spread-executions.js';
import { round, summarize, type Summary } from '../lib/stats.js';
import { openSubscribers, waitAll } from '../lib/subscriber-client.js';

export interface PollingEfficiencySizes extends SpreadSizes {
  /** Subscribers of the one execution compared with a single one's poll count. */
  manyWatchers: number;
}

export interface PollingEfficiencyOptions extends ScenarioOn {
  sizes: PollingEfficiencySizes;
}

/** One execution watched by `watchers` subscribers. */
export interface WatchedExecution {
  watchers: number;
  /** Provider GETs it took. */
  polls: number;
  subscribeMs: number;
  allCompleted: boolean;
}

export interface PollingEfficiencyResult extends PollStats {
  executions: number;
  windowMs: number;
  completionDelayMs: number;
  pollIntervalMs: number;
  allFinal: boolean;
  providerPosts: number;
  /** Completion at the provider (accepted + completion delay) → the final status's push. */
  completionToPushMs: Summary;
  /** The final status's commit → its push. */
  commitToPushMs: Summary;
  appCpuMsPerExecution: number | null;
  /** Polls must not depend on how many watch. */
  sameExecution: {
    oneWatcher: WatchedExecution;
    manyWatchers: WatchedExecution;
    pollCountUnchanged: boolean;
    expected: number;
  };
}

/**
 * Scenario 3, one replica on the embedded store: executions completing spread in time,
 * polled at one request per pending execution per interval whatever the subscribers.
 */
export async function measurePollingEfficiency(options: PollingEfficiencyOptions): Promise<PollingEfficiencyResult> {
  const { harness, app, fleet, sizes } = options;
  // The target's watcher stays subscribed through the same-execution runs below,
  // as when these figures were first taken.
  return withMobwayWatcher(harness, 'load-poll-watcher', sizes, async (watcher) => {
    const spread = `${sizes.executions} Mobway executions sent within ${sizes.windowMs} ms`;
    note(`scenario 3: ${spread}, each completing ${sizes.completionMs} ms after it is accepted`);
    // Every execution of the user: they go to vehicles of their own.
    await openSubscribers([watcher], app, fleet.user, WATCH_TARGET, [{}], false);
    const run = await runSpreadExecutions(harness, app, watcher, fleet, sizes);
    const stats = pollStats(run.counts, sizes, harness.engine);
    const oneWatcher = await watchOneExecution(options, 1);
    const manyWatchers = await watchOneExecution(options, sizes.manyWatchers);
    return {
      executions: sizes.executions,
      windowMs: sizes.windowMs,
      completionDelayMs: sizes.completionMs,
      pollIntervalMs: harness.engine.pollIntervalMs,
      allFinal: run.allFinal,
      providerPosts: run.counts['POST /vehicle-command'] ?? 0,
      ...stats,
      ...pushDelaysOfFinals(run, sizes.completionMs),
      appCpuMsPerExecution: round(run.senderCpuMs / sizes.executions, 2),
      sameExecution: {
        oneWatcher,
        manyWatchers,
        pollCountUnchanged: oneWatcher.polls === manyWatchers.polls,
        expected: stats.expectedGetsPerExecution,
      },
    };
  });
}

/** The final status's push, against the completion at the provider and against its commit. */
function pushDelaysOfFinals(
  run: SpreadRun,
  completionMs: number,
): { completionToPushMs: Summary; commitToPushMs: Summary } {
  const completionToPush: number[] = [];
  const commitToPush: number[] = [];
  for (const [id, acceptedAt] of run.accepted) {
    const versions = run.history.get(id)!;
    const finalVersion = Math.max(...versions.keys());
    const receipt = run.collected.receipts[`${id}:${finalVersion}`]?.[0];
    if (receipt === undefined) continue;
    completionToPush.push(receipt - (acceptedAt + completionMs));
    commitToPush.push(receipt - versions.get(finalVersion)!);
  }
  return { completionToPushMs: summarize(completionToPush), commitToPushMs: summarize(commitToPush) };
}

/** One new execution watched by `watchers` subscribers (opened before it completes), and its polls. */
async function watchOneExecution(options: PollingEfficiencyOptions, watchers: number): Promise<WatchedExecution> {
  const { harness, app, fleet, sizes } = options;
  note(`scenario 3: one execution watched by ${watchers} subscriber(s)`);
  const procs: Spawned[] = [await harness.startLoad('bench/load/subscribers.ts', `load-poll-same-${watchers}`)];
  try {
    const mobway = harness.simulators.MOBWAY_BASE_URL;
    await resetSimulatorCounts(mobway);
    const { id } = await lockVehicle(app, fleet.user, fleet.mobwayId);
    const variables = Array.from({ length: watchers }, () => ({ id }));
    const opened = await openSubscribers(procs, app, fleet.user, WATCH_EXECUTION, variables, true);
    const allCompleted = await waitAll(procs, 'completed', [watchers], sizes.completionMs + 30_000);
    const polls = mobwayPolls(await simulatorCounts(mobway));
    return { watchers, polls, subscribeMs: opened.elapsedMs, allCompleted };
  } finally {
    await procs[0]!.stop(1_000);
  }
}
