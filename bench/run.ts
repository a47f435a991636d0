/**
 * `npm run bench` — the Vehicle Access subgraph's benchmarks (docs/performance.md).
 *
 * Builds the app (`npm run build`), then starts, as separate child
 * processes: the provider simulators (`src/simulators/main.ts`), the built
 * app (`node dist/main.js`, one or two replicas), an Apollo `{ hello }`
 * server as the yardstick (`bench/baseline/hello-server.mjs`) and the load
 * generators (`bench/load/*.ts`); runs the scenarios of `bench/scenarios/`,
 * prints tables and writes bench/results/latest.json plus a dated copy
 * (the `BenchResults` of bench/results.ts).
 *
 *   npm run bench                         all scenarios, full sizes (~5 min)
 *   npm run bench -- --quick              tiny sizes, seconds (CI: checks that it runs)
 *   npm run bench -- --only=1,3           some scenarios, by number: 1 command throughput, 2 subscription
 *                                         fan-out, 3 polling efficiency, 4 two replicas on PostgreSQL (with 1:
 *                                         1 again on PostgreSQL), 5 idle memory (SCENARIOS in bench/settings.ts)
 *   npm run bench -- --cpu-prof           profile the app children (a .cpuprofile per thread, bench/results/profiles)
 *   npm run bench -- --no-build           measure the dist/ already built
 *   npm run bench -- --log-level=info     the app's LOG_LEVEL (default warn)
 *   BENCH_DATABASE_URL=postgres://…       server for scenario 4 (default TEST_DATABASE_URL, then
 *                                         postgres://postgres@127.0.0.1:5432/postgres)
 */
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { registerFleet } from './lib/fleet.js';
import type { Harness } from './lib/harness.js';
import { note } from './lib/note.js';
import { isSkipped, withPostgresDatabase, type Skipped } from './lib/postgres.js';
import { installExitHandlers, killAll } from './lib/proc.js';
import { startApp, startLoad, startSimulators, startYardstick, type AppSettings } from './lib/processes.js';
import { round } from './lib/stats.js';
import { judgeAims } from './report/aims.js';
import { renderTables } from './report/tables.js';
import type { BenchResults, Machine, ScenarioResults } from './results.js';
import {
  MAX_CONCURRENCY,
  measureCommandThroughput,
  type CommandThroughputResult,
} from './scenarios/command-throughput.js';
import { measureIdleMemory, type IdleMemoryResult } from './scenarios/idle-memory.js';
import { measurePollingEfficiency } from './scenarios/polling-efficiency.js';
import { measureReplicas, type ReplicasResult } from './scenarios/replicas.js';
import { measureSubscriptionFanOut } from './scenarios/subscription-fan-out.js';
import { engineFor, parseFlags, selected, sizesFor, type BenchFlags, type BenchSizes } from './settings.js';

const ROOT = process.cwd();
const RESULTS = path.join(ROOT, 'bench', 'results');
const WORK = mkdtempSync(path.join(tmpdir(), 'vas-bench-'));

async function main(): Promise<void> {
  installExitHandlers();
  const flags = parseFlags(process.argv.slice(2));
  const sizes = sizesFor(flags.quick);
  const started = new Date();
  note(`mode ${flags.quick ? 'quick' : 'full'}; work dir ${WORK}`);
  if (flags.build) {
    note('building the app (npm run build): the bench measures the built JavaScript');
    execSync('npm run build', { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const scenarios = await withSharedProcesses(flags, (harness) => runScenarios(harness, flags, sizes));
  const results: BenchResults = {
    startedAt: started.toISOString(),
    mode: flags.quick ? 'quick' : 'full',
    machine: machine(),
    engine: engineFor(flags.quick),
    logLevel: flags.logLevel,
    sizes,
    ...scenarios,
    aims: [],
    finishedAt: new Date().toISOString(),
    durationSeconds: round((Date.now() - started.getTime()) / 1000, 1),
  };
  results.aims = judgeAims(results, flags.quick);
  const written = writeResults(results, started);
  console.log(renderTables(results));
  console.log(
    `\nwrote ${written.map((file) => path.relative(ROOT, file)).join(' and ')} (${results.durationSeconds} s)`,
  );
  rmSync(WORK, { recursive: true, force: true });
}

/** Starts the simulators and the yardstick, shared by every scenario, and stops them after `work`. */
async function withSharedProcesses<T>(flags: BenchFlags, work: (harness: Harness) => Promise<T>): Promise<T> {
  const simulators = await startSimulators(WORK);
  const yardstick = await startYardstick(WORK);
  const appSettings: AppSettings = {
    workDir: WORK,
    resultsDir: RESULTS,
    cpuProf: flags.cpuProf,
    logLevel: flags.logLevel,
    engine: engineFor(flags.quick),
    secret: randomBytes(32).toString('hex'),
    simulators: simulators.env,
  };
  try {
    return await work({
      quick: flags.quick,
      engine: appSettings.engine,
      secret: appSettings.secret,
      simulators: simulators.env,
      yardstick,
      startApp: (name, databaseUrl, extraEnv) => startApp(appSettings, name, databaseUrl, extraEnv),
      startLoad: (script, name) => startLoad(WORK, script, name),
    });
  } finally {
    await yardstick.proc.stop();
    await simulators.proc.stop();
  }
}

/** The selected scenarios, in order: 1-3 share one app on the embedded store, 4 (and 1 again) PostgreSQL. */
async function runScenarios(harness: Harness, flags: BenchFlags, sizes: BenchSizes): Promise<ScenarioResults> {
  const results: ScenarioResults = {};
  if (selected(flags, 1) || selected(flags, 2) || selected(flags, 3)) {
    Object.assign(results, await runOnEmbeddedStore(harness, flags, sizes));
  }
  if (selected(flags, 4)) {
    const postgres = await runOnPostgres(harness, flags, sizes);
    if (isSkipped(postgres)) results.replicas = postgres;
    else {
      const { postgresStore, replicas } = postgres;
      if (postgresStore) results.commandThroughput = { ...results.commandThroughput, postgresStore };
      results.replicas = replicas;
    }
  }
  if (selected(flags, 5)) results.idleMemory = await runIdleMemory(harness);
  return results;
}

/** Scenario 5: the app alone, started on each store in turn. */
function runIdleMemory(harness: Harness): Promise<IdleMemoryResult> {
  return measureIdleMemory({
    workDir: WORK,
    settleMs: harness.quick ? 1_000 : 10_000,
    note,
    withPostgres: withPostgresDatabase,
    start: async (name, databaseUrl, dataDir) => {
      const app = await harness.startApp(name, databaseUrl, { DATA_DIR: dataDir });
      return { pid: app.pid, stop: () => app.proc.stop() };
    },
  });
}

/** Scenarios 1-3 on one app replica on the in-memory embedded store. */
async function runOnEmbeddedStore(harness: Harness, flags: BenchFlags, sizes: BenchSizes): Promise<ScenarioResults> {
  note('embedded store (in-memory PGlite): starting the app');
  const app = await harness.startApp('app', 'memory://');
  const results: ScenarioResults = {};
  try {
    const fleet = await registerFleet(app, harness, {
      locks: MAX_CONCURRENCY,
      vehicles: sizes.pollingEfficiency.executions,
    });
    const scenario = { harness, app, fleet };
    if (selected(flags, 1)) {
      const embeddedStore = await measureCommandThroughput({
        ...scenario,
        store: 'embedded',
        sizes: sizes.commandThroughput.embeddedStore,
      });
      results.commandThroughput = { embeddedStore };
    }
    if (selected(flags, 2)) {
      results.subscriptionFanOut = await measureSubscriptionFanOut({ ...scenario, sizes: sizes.subscriptionFanOut });
    }
    if (selected(flags, 3)) {
      results.pollingEfficiency = await measurePollingEfficiency({ ...scenario, sizes: sizes.pollingEfficiency });
    }
  } finally {
    await app.proc.stop();
  }
  return results;
}

/** Scenario 4 on a fresh PostgreSQL database, and scenario 1 on its replica A first when selected. */
async function runOnPostgres(
  harness: Harness,
  flags: BenchFlags,
  sizes: BenchSizes,
): Promise<{ postgresStore?: CommandThroughputResult; replicas: ReplicasResult } | Skipped> {
  return withPostgresDatabase(async (databaseUrl) => {
    note('PostgreSQL: replica A');
    const replicaA = await harness.startApp('replica-a', databaseUrl);
    try {
      const fleet = await registerFleet(replicaA, harness, {
        locks: MAX_CONCURRENCY,
        vehicles: sizes.replicas.executions,
      });
      const postgresStore = selected(flags, 1)
        ? await measureCommandThroughput({
            harness,
            app: replicaA,
            fleet,
            store: 'postgres',
            sizes: sizes.commandThroughput.postgresStore,
          })
        : undefined;
      const replicas = await measureReplicas({ harness, app: replicaA, fleet, databaseUrl, sizes: sizes.replicas });
      return { postgresStore, replicas };
    } finally {
      await replicaA.proc.stop();
    }
  });
}

function machine(): Machine {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    ulimitNoFile: execSync('ulimit -n', { shell: '/bin/sh' }).toString().trim(),
  };
}

/** latest.json and a dated copy (`-quick` for quick runs); answers both paths. */
function writeResults(results: BenchResults, started: Date): string[] {
  mkdirSync(RESULTS, { recursive: true });
  const json = JSON.stringify(results, null, 2) + '\n';
  const latest = path.join(RESULTS, 'latest.json');
  const dated = path.join(
    RESULTS,
    `${started.toISOString().replace(/[:.]/g, '-')}${results.mode === 'quick' ? '-quick' : ''}.json`,
  );
  writeFileSync(latest, json);
  writeFileSync(dated, json);
  return [latest, dated];
}

main().then(
  () => {
    killAll();
    process.exit(0);
  },
  (error: unknown) => {
    console.error('bench failed:', error);
    console.error(`logs kept in ${WORK}`);
    killAll();
    process.exit(1);
  },
);
