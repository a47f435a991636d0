import { setTimeout as sleep } from 'node:timers/promises';
import type { ScenarioOn } from '../lib/harness.js';
import { histories, pushDelays } from '../lib/history.js';
import { note } from '../lib/note.js';
import { confirmIgnition, requestIgnition, WATCH_EXECUTION } from '../lib/operations.js';
import { cpuMs, rssBytes, type Spawned } from '../lib/proc.js';
import { configureSimulator } from '../lib/simulator-control.js';
import { round, summarize, type Summary } from '../lib/stats.js';
import { closeAll, collectAll, openSubscribers, shares, waitAll } from '../lib/subscriber-client.js';

export interface SubscriptionFanOutSizes {
  /** Subscribers of each run, one socket with one subscription each. */
  subscribers: number[];
  /** Executions they watch, N / executions subscribers each. */
  executions: number;
}

export interface FanOutRun {
  subscribers: number;
  executions: number;
  sockets: number;
  subscriptionsPerSocket: number;
  loadProcesses: number;
  subscribe: { elapsedMs: number; failed: number; appCpuMs: number | null };
  /** The app's VmRSS before the sockets open, settled after, and after they closed. */
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
    wallMs: number;
    appCpuMs: number | null;
    appCpuUsPerMessage: number | null;
  };
}

export interface SubscriptionFanOutResult {
  runs: FanOutRun[];
}

/** The subscriber processes, for each run. */
interface FanOut extends ScenarioOn {
  procs: Spawned[];
  executions: number;
}

/**
 * Scenario 2: N subscribers on a few executions that change on demand, in one app process:
 * what subscribing costs, the memory per subscriber, and the push delay and CPU when the
 * executions change together.
 */
export async function measureSubscriptionFanOut(
  options: ScenarioOn & { sizes: SubscriptionFanOutSizes },
): Promise<SubscriptionFanOutResult> {
  const { harness, sizes } = options;
  await configureSimulator(harness.simulators.MOBWAY_BASE_URL, { completionDelayMs: 200, latencyMs: 0 });
  // Above 2,000 subscribers the sockets are spread over two processes, at most 5,000 in each.
  const processes = Math.max(...sizes.subscribers) >= 2_000 ? 2 : 1;
  const procs = await Promise.all(
    Array.from({ length: processes }, (_, i) =>
      harness.startLoad('bench/load/subscribers.ts', `load-subscribers-${i}`),
    ),
  );
  const runs: FanOutRun[] = [];
  try {
    for (const n of sizes.subscribers)
      runs.push(await measureFanOut({ ...options, procs, executions: sizes.executions }, n));
  } finally {
    for (const proc of procs) await proc.stop(1_000);
  }
  return { runs };
}

async function measureFanOut(fanOut: FanOut, subscribers: number): Promise<FanOutRun> {
  const { app, procs, executions } = fanOut;
  note(`scenario 2: ${subscribers} subscribers on ${executions} executions`);
  const pending = await pendingIgnitions(fanOut);
  const variables = Array.from({ length: subscribers }, (_, i) => ({ id: pending[i % executions]!.id }));
  const subscribed = await subscribeAll(fanOut, variables);
  const push = await pushToAll(fanOut, pending, shares(variables, procs.length));
  await closeAll(procs);
  await sleep(settleMs(fanOut));
  const { rssBefore, rssAfter } = subscribed;
  const run: FanOutRun = {
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
  note(`  → subscribe ${run.subscribe.elapsedMs} ms, RSS +${grewMiB} MiB, push p50 ${p50} p99 ${p99} ms`);
  return run;
}

/** How long the app is left alone after the sockets open and after they close. */
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
  for (let i = 0; i < fanOut.executions; i += 1) pending.push(await requestIgnition(app, fleet.user, fleet.mobwayId));
  await sleep(500);
  return pending;
}

/** Opens the sockets: their time and CPU, and the app's RSS before and once settled. */
async function subscribeAll(
  fanOut: FanOut,
  variables: { id: string }[],
): Promise<{ subscribe: FanOutRun['subscribe']; rssBefore: number; rssAfter: number }> {
  const { app, fleet, procs } = fanOut;
  const rssBefore = rssBytes(app.pid);
  const cpuBefore = cpuMs(app.pid);
  const opened = await openSubscribers(procs, app, fleet.user, WATCH_EXECUTION, variables, true);
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
    wallMs,
    appCpuMs: round(cpuPush, 0),
    appCpuUsPerMessage: round((cpuPush * 1000) / Math.max(1, collected.received), 1),
  };
}
