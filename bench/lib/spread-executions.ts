import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import type { EngineSettings } from '../settings.js';
import type { Fleet } from './fleet.js';
import type { Harness } from './harness.js';
import { histories, type Histories } from './history.js';
import { lockVehicle } from './operations.js';
import { cpuMs, type Spawned } from './proc.js';
import type { AppProc } from './processes.js';
import { configureSimulator, mobwayPolls, resetSimulatorCounts, simulatorCounts } from './simulator-control.js';
import { round } from './stats.js';
import { collectAll, waitAll, type Collected } from './subscriber-client.js';

/**
 * Mobway executions spread in time (scenarios 3 and 4): the simulator fixes each command's
 * completion delay, so completions are spread by spreading the sending.
 */
export interface SpreadSizes {
  executions: number;
  /** Commands are sent at uniformly random times within this window. */
  windowMs: number;
  /** Each completes at the provider this long after it was accepted. */
  completionMs: number;
}

/** Sets the Mobway completion delay and runs `work` with one subscriber process, stopped afterwards. */
export async function withMobwayWatcher<T>(
  harness: Harness,
  name: string,
  sizes: SpreadSizes,
  work: (watcher: Spawned) => Promise<T>,
): Promise<T> {
  await configureSimulator(harness.simulators.MOBWAY_BASE_URL, { completionDelayMs: sizes.completionMs, latencyMs: 0 });
  const watcher = await harness.startLoad('bench/load/subscribers.ts', name);
  try {
    return await work(watcher);
  } finally {
    await watcher.stop(1_000);
  }
}

export interface SpreadRun {
  /** Execution id → when the app accepted it (its `executedAt`). */
  accepted: Map<string, number>;
  /** Whether the watcher saw every execution's final status in time. */
  allFinal: boolean;
  /** The Mobway simulator's request counts during the run. */
  counts: Record<string, number>;
  collected: Collected;
  history: Histories;
  /** The sending replica's CPU from the first command to the last final status seen. */
  senderCpuMs: number;
}

/**
 * Sends the executions to `sender` while `watcher`, already subscribed to the vehicle, waits
 * for all their final statuses; then reads the provider's counts, the receipts and the histories.
 */
export async function runSpreadExecutions(
  harness: Harness,
  sender: AppProc,
  watcher: Spawned,
  fleet: Fleet,
  sizes: SpreadSizes,
): Promise<SpreadRun> {
  const mobway = harness.simulators.MOBWAY_BASE_URL;
  await resetSimulatorCounts(mobway);
  await collectAll([watcher]);
  const cpuBefore = cpuMs(sender.pid);
  const accepted = await sendSpread(sender, fleet, sizes.executions, sizes.windowMs);
  const allFinal = await waitAll([watcher], 'finals', [sizes.executions], sizes.completionMs + 60_000);
  const senderCpuMs = cpuMs(sender.pid) - cpuBefore;
  const counts = await simulatorCounts(mobway);
  const collected = await collectAll([watcher]);
  const history = await histories(sender, fleet.user, [...accepted.keys()]);
  return { accepted, allFinal, counts, collected, history, senderCpuMs };
}

/** Sends `count` lockVehicle commands at uniformly random times within `windowMs`; answers id → accepted time. */
async function sendSpread(app: AppProc, fleet: Fleet, count: number, windowMs: number): Promise<Map<string, number>> {
  const accepted = new Map<string, number>();
  const pool = new Pool(app.origin, { connections: 16 });
  try {
    const offsets = Array.from({ length: count }, () => Math.random() * windowMs).sort((a, b) => a - b);
    const start = Date.now();
    await Promise.all(
      offsets.map(async (offset, i) => {
        await sleep(Math.max(0, start + offset - Date.now()));
        // A vehicle each: commands to one vehicle would be sent one at a time.
        const vehicleId = fleet.mobwayIds[i % fleet.mobwayIds.length]!;
        const execution = await lockVehicle(app, fleet.user, vehicleId, pool);
        if (execution.status !== 'PENDING') throw new Error(`lockVehicle answered ${execution.status}`);
        accepted.set(execution.id, Date.parse(execution.executedAt));
      }),
    );
  } finally {
    await pool.close();
  }
  return accepted;
}

/** Provider polls against the schedule's. */
export interface PollStats {
  providerGets: number;
  getsPerExecution: number | null;
  /** What the schedule allows per execution. */
  expectedGetsPerExecution: number;
  /** GETs per execution ÷ expected: 1 is one poll per pending execution per interval. */
  pollsPerInterval: number | null;
}

export function pollStats(counts: Record<string, number>, sizes: SpreadSizes, engine: EngineSettings): PollStats {
  const polls = mobwayPolls(counts);
  const expected = expectedPolls(sizes.completionMs, engine.pollIntervalMs, engine.pollMaxIntervalMs);
  return {
    providerGets: polls,
    getsPerExecution: round(polls / sizes.executions, 3),
    expectedGetsPerExecution: expected,
    pollsPerInterval: round(polls / sizes.executions / expected, 3),
  };
}

/**
 * Polls the schedule allows for a command that completes `completionMs` after it was accepted:
 * the first poll at or after completion ends it.
 */
export function expectedPolls(completionMs: number, firstMs: number, maxMs: number): number {
  let t = 0;
  let attempts = 0;
  while (t < completionMs) {
    t += Math.min(maxMs, Math.round(firstMs * 1.5 ** attempts));
    attempts += 1;
  }
  return attempts;
}
