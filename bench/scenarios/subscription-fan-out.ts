import { setTimeout as sleep } from 'node:timers/promises';
import { registerFleet } from '../lib/fleet.js';
import type { ScenarioOn } from '../lib/harness.js';
import { histories, pushDelays } from '../lib/history.js';
import { note } from '../lib/note.js';
import { confirmIgnition, requestIgnition, WATCH_EXECUTION } from '../lib/operations.js';
import { cpuMs, rssBytes, type Spawned } from '../lib/proc.js';
import { configureSimulator } from '../lib/simulator-control.js';
import { round, summarize, type Summary } from '../lib/stats.js';
import { serverWrites, type ServerWrites } from '../lib/push-metrics.js';
import { closeAll, collectAll, openSubscribers, shares, waitAll } from '../lib/subscriber-client.js';
import type { Transport } from '../load/subscribers.js';
import { measureFeedResume, type FeedResumeRun } from './feed-resume.js';

export type { Transport };

export interface SubscriptionFanOutSizes {
  /** Subscribers of each run, one connection with one subscription each. */
  subscribers: number[];
  /** Executions they watch, N / executions subscribers each. */
  executions: number;
  /** The transports each size runs over, in this order, one after the other. */
  transports: Transport[];
  /** Changes a feed client misses before it resumes. */
  missedChanges: number;
}

export interface FanOutRun {
  /** Result files written before SSE was measured have no `transport`: their runs are graphql-ws. */
  transport: Transport;
  subscribers: number;
  executions: number;
  sockets: number;
  subscriptionsPerSocket: number;
  loadProcesses: number;
  subscribe: { elapsedMs: number; failed: number; appCpuMs: number | null };
  /** The app's VmRSS before the connections open, settled after, and after they closed. */
  rss: {
    beforeMiB: number | null;
    afterMiB: number | null;
    perSubscriberKiB: number | null;
    afterCloseMiB: number | null;
  };
  push: {
    messages: number;
    completed: number;
    failures: number;
    allCompleted: boolean;
    /** Committed transition → receipt. */
    delayMs: Summary;
    /** Committed transition → the app's last write of it (its own metric); absent before it existed. */
    serverWriteMs?: ServerWrites | null;
    wallMs: number;
    appCpuMs: number | null;
    appCpuUsPerMessage: number | null;
  };
}

/** SSE's figure, graphql-ws's, and SSE ÷ graphql-ws (null unless both are positive). */
export interface TransportRatio {
  graphqlWs: number | null;
  sse: number | null;
  ratio: number | null;
}

/** The two transports at one size, side by side. */
export interface TransportComparison {
  subscribers: number;
  subscribeCpuMsPerSubscriber: TransportRatio;
  rssPerSubscriberKiB: TransportRatio;
  pushP50Ms: TransportRatio;
  pushP99Ms: TransportRatio;
  pushCpuUsPerMessage: TransportRatio;
}

export interface SubscriptionFanOutResult {
  /** In the order they ran: at each size, each transport of `sizes.transports`. */
  runs: FanOutRun[];
  /** A feed client resuming after missed changes; absent in results from before it was measured. */
  resume?: FeedResumeRun;
  /** At each size that ran over both transports. */
  sseVsGraphqlWs: TransportComparison[];
}

/** The app's CPU to subscribe, per subscriber (ms). */
export function subscribeCpuMsPerSubscriber(run: FanOutRun): number | null {
  return run.subscribe.appCpuMs === null ? null : round(run.subscribe.appCpuMs / run.subscribers, 3);
}

/** The subscriber processes, for each run. */
interface FanOut extends ScenarioOn {
  procs: Spawned[];
  executions: number;
}

/**
 * Scenario 2: N subscribers on a few executions that change on demand, in one app process
 * started for each run:
 * what subscribing costs, the memory per subscriber, and the push delay and CPU when the
 * executions change together; at each size over each transport in turn (graphql-ws, SSE),
 * so that they compare within one sitting.
 */
export async function measureSubscriptionFanOut(
  options: ScenarioOn & { sizes: SubscriptionFanOutSizes },
): Promise<SubscriptionFanOutResult> {
  const { harness, sizes } = options;
  await configureSimulator(harness.simulators.MOBWAY_BASE_URL, { completionDelayMs: 200, latencyMs: 0 });
  // Above 2,000 subscribers the connections are spread over two processes, at most 5,000 in each;
  // the transports take turns, each closing its connections before the next opens its own.
  const processes = Math.max(...sizes.subscribers) >= 2_000 ? 2 : 1;
  const procs = await Promise.all(
    Array.from({ length: processes }, (_, i) =>
      harness.startLoad('bench/load/subscribers.ts', `load-subscribers-${i}`),
    ),
  );
  const runs: FanOutRun[] = [];
  try {
    for (const n of sizes.subscribers)
      for (const transport of sizes.transports) {
        // Each run on an app of its own, started for it: a process that served a run before
        // keeps the heap it grew (V8 returns pages slowly), so the next run's memory per
        // subscriber would read near zero or below, and the transports would not compare.
        const app = await harness.startApp('app-fan-out', 'memory://');
        try {
          const fleet = await registerFleet(app, harness, { vehicles: sizes.executions });
          const fanOut = { ...options, app, fleet, procs, executions: sizes.executions };
          runs.push(await measureFanOut(fanOut, n, transport));
        } finally {
          await app.proc.stop();
        }
      }
  } finally {
    for (const proc of procs) await proc.stop(1_000);
  }
  const resume = await measureFeedResume(harness, sizes.missedChanges);
  return { runs, resume, sseVsGraphqlWs: compareTransports(runs) };
}

async function measureFanOut(fanOut: FanOut, subscribers: number, transport: Transport): Promise<FanOutRun> {
  const { app, procs, executions } = fanOut;
  note(`scenario 2: ${subscribers} subscribers on ${executions} executions over ${transport}`);
  const pending = await pendingIgnitions(fanOut);
  const variables = Array.from({ length: subscribers }, (_, i) => ({ id: pending[i % executions]!.id }));
  const subscribed = await subscribeAll(fanOut, variables, transport);
  const push = await pushToAll(fanOut, pending, shares(variables, procs.length));
  await closeAll(procs);
  await sleep(settleMs(fanOut));
  const { rssBefore, rssAfter } = subscribed;
  const run: FanOutRun = {
    transport,
    subscribers,
    executions,
    sockets: subscribers,
    subscriptionsPerSocket: 1,
    loadProcesses: procs.length,
    subscribe: subscribed.subscribe,
    rss: {
      beforeMiB: round(rssBefore / 2 ** 20, 1),
      afterMiB: round(rssAfter / 2 ** 20, 1),
      perSubscriberKiB: round((rssAfter - rssBefore) / 1024 / subscribers, 2),
      afterCloseMiB: round(rssBytes(app.pid) / 2 ** 20, 1),
    },
    push,
  };
  const grewMiB = round((rssAfter - rssBefore) / 2 ** 20, 1);
  const { p50, p99 } = push.delayMs;
  const failed = run.subscribe.failed + push.failures;
  const written = push.serverWriteMs ? `, last write p99 ${push.serverWriteMs.p99} ms` : '';
  note(
    `  → subscribe ${run.subscribe.elapsedMs} ms, RSS +${grewMiB} MiB, push p50 ${p50} p99 ${p99} ms${written}, ${failed} failed`,
  );
  return run;
}

/** SSE beside graphql-ws at each size both ran. */
function compareTransports(runs: FanOutRun[]): TransportComparison[] {
  const comparisons: TransportComparison[] = [];
  for (const sse of runs.filter((r) => r.transport === 'sse')) {
    const ws = runs.find((r) => r.transport === 'graphql-ws' && r.subscribers === sse.subscribers);
    if (!ws) continue;
    const side = (figure: (run: FanOutRun) => number | null): TransportRatio => {
      const [graphqlWs, ofSse] = [figure(ws), figure(sse)];
      const ratio = graphqlWs !== null && ofSse !== null && graphqlWs > 0 && ofSse > 0 ? ofSse / graphqlWs : null;
      return { graphqlWs, sse: ofSse, ratio: ratio === null ? null : round(ratio, 2) };
    };
    comparisons.push({
      subscribers: sse.subscribers,
      subscribeCpuMsPerSubscriber: side(subscribeCpuMsPerSubscriber),
      rssPerSubscriberKiB: side((r) => r.rss.perSubscriberKiB),
      pushP50Ms: side((r) => r.push.delayMs.p50),
      pushP99Ms: side((r) => r.push.delayMs.p99),
      pushCpuUsPerMessage: side((r) => r.push.appCpuUsPerMessage),
    });
  }
  return comparisons;
}

/** How long the app is left alone after the connections open and after they close. */
function settleMs(fanOut: FanOut): number {
  return fanOut.harness.quick ? 200 : 2_000;
}

/**
 * Executions that change on demand: ignition requests wait for confirmation; confirming them
 * commits PENDING (v2), then the poll commits SUCCESS (v3).
 */
async function pendingIgnitions(fanOut: FanOut): Promise<{ id: string; code: string }[]> {
  const { app, fleet } = fanOut;
  const pending: { id: string; code: string }[] = [];
  // Each on a vehicle of its own: confirmed at once, they are all sent at once (one vehicle would take them in turn).
  for (let i = 0; i < fanOut.executions; i += 1) {
    pending.push(await requestIgnition(app, fleet.user, fleet.mobwayIds[i % fleet.mobwayIds.length]!));
  }
  await sleep(500);
  return pending;
}

/** Opens the connections: their time and CPU, and the app's RSS before and once settled. */
async function subscribeAll(
  fanOut: FanOut,
  variables: { id: string }[],
  transport: Transport,
): Promise<{ subscribe: FanOutRun['subscribe']; rssBefore: number; rssAfter: number }> {
  const { app, fleet, procs } = fanOut;
  const rssBefore = rssBytes(app.pid);
  const cpuBefore = cpuMs(app.pid);
  const opened = await openSubscribers(procs, app, fleet.user, WATCH_EXECUTION, variables, true, transport);
  const cpuOpen = cpuMs(app.pid) - cpuBefore;
  await sleep(settleMs(fanOut));
  const rssAfter = rssBytes(app.pid);
  await collectAll(procs); // drop the initial-state messages
  const subscribe = { elapsedMs: opened.elapsedMs, failed: opened.failed, appCpuMs: round(cpuOpen, 0) };
  return { subscribe, rssBefore, rssAfter };
}

/** Confirms every execution at once and measures the pushes until every subscription completed. */
async function pushToAll(
  fanOut: FanOut,
  pending: { id: string; code: string }[],
  perProcess: { id: string }[][],
): Promise<FanOutRun['push']> {
  const { harness, app, fleet, procs } = fanOut;
  const cpuBefore = cpuMs(app.pid);
  const triggered = Date.now();
  await Promise.all(pending.map((p) => confirmIgnition(app, fleet.user, p)));
  const counts = perProcess.map((part) => part.length);
  const allCompleted = await waitAll(procs, 'completed', counts, harness.quick ? 20_000 : 60_000);
  const wallMs = Date.now() - triggered;
  const cpuPush = cpuMs(app.pid) - cpuBefore;
  const collected = await collectAll(procs);
  const history = await histories(
    app,
    fleet.user,
    pending.map((p) => p.id),
  );
  return {
    messages: collected.received,
    completed: collected.completed,
    failures: collected.failures,
    allCompleted,
    delayMs: summarize(pushDelays(collected.receipts, history, 1)),
    serverWriteMs: await serverWrites(app),
    wallMs,
    appCpuMs: round(cpuPush, 0),
    appCpuUsPerMessage: round((cpuPush * 1000) / Math.max(1, collected.received), 1),
  };
}
