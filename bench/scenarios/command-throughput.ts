import type { LoadRunResult, RunMessage } from '../load/commands.js';
import { LOCK_EXTERNAL_ID } from '../lib/fleet.js';
import type { ScenarioOn } from '../lib/harness.js';
import { note } from '../lib/note.js';
import { ask, cpuMs, mainThreadCpuMs, type Spawned } from '../lib/proc.js';
import { configureSimulator } from '../lib/simulator-control.js';
import { ratio, round } from '../lib/stats.js';

export type Store = 'embedded' | 'postgres';

/** The closed loop's larger concurrency: each of its clients commands a lock of its own. */
export const MAX_CONCURRENCY = 32;

export interface CommandThroughputSizes {
  /** Measured requests at each concurrency. */
  requests: { concurrency1: number; concurrency32: number };
  /** Requests sent first and not measured, before each measured loop. */
  warmup: number;
}

/** The subgraph's run, with the app's CPU per command. */
export interface SubgraphRun extends LoadRunResult {
  /** All threads (/proc/<pid>/stat), warm-up included in the commands counted. */
  appCpuMsPerCommand: number | null;
  /** The main thread alone: the event loop (the embedded store's PGlite runs in a worker thread). */
  mainThreadCpuMsPerCommand: number | null;
}

export interface CommandRun {
  concurrency: number;
  requests: number;
  /** The same SmartphoneKey call made straight to the simulator. */
  direct: LoadRunResult;
  /** openLock through the app. */
  subgraph: SubgraphRun;
  /** `{ hello }` on the yardstick, right after (concurrency 32 only). */
  hello?: LoadRunResult;
  /** subgraph ÷ direct, and subgraph throughput ÷ hello throughput. */
  ratio: { p50: number | null; p99: number | null; throughput: number | null; ofHello?: number | null };
  /** subgraph p50 − direct p50. */
  overheadP50Ms: number | null;
}

export interface CommandThroughputResult {
  store: Store;
  concurrency1: CommandRun;
  concurrency32: CommandRun;
}

export interface CommandThroughputOptions extends ScenarioOn {
  store: Store;
  sizes: CommandThroughputSizes;
}

/** One store's load generator, for the runs at each concurrency. */
interface CommandLoad extends ScenarioOn {
  load: Spawned;
  store: Store;
  warmup: number;
}

/**
 * Scenario 1: openLock through the subgraph against the same provider call made directly,
 * closed loops at concurrency 1 and 32, and the `{ hello }` yardstick right after the
 * concurrency-32 run.
 */
export async function measureCommandThroughput(options: CommandThroughputOptions): Promise<CommandThroughputResult> {
  const { harness, store, sizes } = options;
  await configureSimulator(harness.simulators.SPKEY_BASE_URL, { latencyMs: 0 });
  const load = await harness.startLoad('bench/load/commands.ts', `load-commands-${store}`);
  const commandLoad: CommandLoad = { ...options, load, warmup: sizes.warmup };
  try {
    return {
      store,
      concurrency1: await measureAt(commandLoad, 1, sizes.requests.concurrency1),
      concurrency32: await measureAt(commandLoad, MAX_CONCURRENCY, sizes.requests.concurrency32),
    };
  } finally {
    await ask(load.child, { type: 'exit' }).catch(() => {});
    await load.stop(1_000);
  }
}

async function measureAt(run: CommandLoad, concurrency: number, requests: number): Promise<CommandRun> {
  const direct = await runLoad(run, 'direct', concurrency, requests);
  const subgraph = await runSubgraph(run, concurrency, requests);
  // The yardstick right after, on the same machine in the same state.
  const hello = concurrency === 32 ? await runLoad(run, 'hello', concurrency, requests) : undefined;
  return {
    concurrency,
    requests,
    direct,
    subgraph,
    ...(hello ? { hello } : {}),
    ratio: {
      p50: ratio(subgraph.latencyMs.p50, direct.latencyMs.p50),
      p99: ratio(subgraph.latencyMs.p99, direct.latencyMs.p99),
      throughput: ratio(subgraph.throughputPerSec, direct.throughputPerSec),
      ...(hello ? { ofHello: ratio(subgraph.throughputPerSec, hello.throughputPerSec) } : {}),
    },
    overheadP50Ms: round((subgraph.latencyMs.p50 ?? 0) - (direct.latencyMs.p50 ?? 0), 3),
  };
}

async function runSubgraph(run: CommandLoad, concurrency: number, requests: number): Promise<SubgraphRun> {
  const cpuBefore = cpuMs(run.app.pid);
  const mainBefore = mainThreadCpuMs(run.app.pid);
  const result = await runLoad(run, 'subgraph', concurrency, requests);
  const commands = requests + run.warmup;
  return {
    ...result,
    appCpuMsPerCommand: round((cpuMs(run.app.pid) - cpuBefore) / commands, 3),
    mainThreadCpuMsPerCommand: round((mainThreadCpuMs(run.app.pid) - mainBefore) / commands, 3),
  };
}

async function runLoad(
  run: CommandLoad,
  mode: RunMessage['mode'],
  concurrency: number,
  requests: number,
): Promise<LoadRunResult> {
  const label = mode === 'hello' ? 'Apollo { hello }' : mode;
  note(`scenario 1 (${run.store}): ${label}, concurrency ${concurrency}, ${requests} requests`);
  const { simulators, yardstick } = run.harness;
  const message: RunMessage = {
    type: 'run',
    mode,
    concurrency,
    requests,
    warmup: run.warmup,
    subgraph: { origin: run.app.origin, token: run.fleet.user, lockIds: run.fleet.lockIds },
    direct: {
      origin: simulators.SPKEY_BASE_URL,
      lockExternalId: LOCK_EXTERNAL_ID,
      token: simulators.SPKEY_TOKEN,
      apiKey: simulators.SPKEY_API_KEY,
    },
    ...(mode === 'hello' ? { hello: { origin: yardstick.origin, token: run.fleet.user } } : {}),
  };
  const { result } = await ask<{ result: LoadRunResult }>(run.load.child, { ...message });
  if (mode !== 'hello' && result.errors > 0) {
    throw new Error(`scenario 1 ${mode}: ${result.errors} failed requests (see ${run.load.logFile})`);
  }
  return result;
}
