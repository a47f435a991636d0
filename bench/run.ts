/**
 * `npm run bench` — the Vehicle Access subgraph's benchmarks (docs/performance.md).
 *
 * Builds the app (`npm run build`), then starts, as separate child
 * processes: the provider simulators (`src/simulators/main.ts`), the built
 * app (`node dist/main.js`, one or two replicas), an Apollo `{ hello }`
 * server as the yardstick (`bench/baseline/hello-server.mjs`) and the load
 * generators (`bench/load/*.ts`); prints tables and writes
 * bench/results/latest.json plus a dated copy.
 *
 *   npm run bench                         all scenarios, full sizes (~5 min)
 *   npm run bench -- --quick              tiny sizes, seconds (CI: checks that it runs)
 *   npm run bench -- --only=1,3           some scenarios
 *   npm run bench -- --cpu-prof           profile the app child (one .cpuprofile per thread under bench/results/profiles)
 *   BENCH_DATABASE_URL=postgres://…       server for scenario 4 (default TEST_DATABASE_URL, then postgres://postgres@127.0.0.1:5432/postgres)
 */
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { Pool } from 'undici';
import { signToken } from '../src/auth/token-signer.js';
import { gql, getJson } from './lib/gql.js';
import { ask, cpuMs, installExitHandlers, killAll, mainThreadCpuMs, rssBytes, spawnNode, type Spawned } from './lib/proc.js';
import { measureIdleMemory } from './scenarios/idle-memory.js';
import { ratio, round, summarize } from './lib/stats.js';

const args = new Set(process.argv.slice(2));
const QUICK = args.has('--quick');
const CPU_PROF = args.has('--cpu-prof');
const onlyArg = process.argv.slice(2).find((a) => a.startsWith('--only='));
const ONLY = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',')) : null;
const logLevelArg = process.argv.slice(2).find((a) => a.startsWith('--log-level='));
const LOG_LEVEL = logLevelArg ? logLevelArg.slice('--log-level='.length) : 'warn';

const SIZES = QUICK
  ? {
      s1: { c1: 100, c32: 300, warmup: 50 },
      s2: { subscribers: [20, 50], executions: 2 },
      s3: { executions: 20, windowMs: 1_000, completionMs: 360, manyWatchers: 50 },
      s4: { executions: 10, windowMs: 1_000, completionMs: 360 },
      pgS1: { c1: 50, c32: 100, warmup: 20 },
    }
  : {
      s1: { c1: 2_000, c32: 10_000, warmup: 500 },
      s2: { subscribers: [1_000, 5_000, 10_000], executions: 10 },
      s3: { executions: 1_000, windowMs: 10_000, completionMs: 3_600, manyWatchers: 1_000 },
      s4: { executions: 200, windowMs: 5_000, completionMs: 3_600 },
      pgS1: { c1: 1_000, c32: 5_000, warmup: 300 },
    };

// Engine timings: the production defaults in the full run; short ones in quick mode.
const ENGINE = QUICK
  ? { ENGINE_TICK_MS: '20', POLL_INTERVAL_MS: '100', POLL_MAX_INTERVAL_MS: '400' }
  : { ENGINE_TICK_MS: '200', POLL_INTERVAL_MS: '1000', POLL_MAX_INTERVAL_MS: '15000' };

const ROOT = process.cwd();
const RESULTS = path.join(ROOT, 'bench', 'results');
const WORK = mkdtempSync(path.join(tmpdir(), 'vas-bench-'));
const SECRET = randomBytes(32).toString('hex');
const SECRET_BYTES = new TextEncoder().encode(SECRET);
const USER = 'bench-user';
const VIN = '6AHFT68CKAF501652';
const LOCK = '123';

const M = {
  registerVehicle: 'mutation($input: RegisterVehicleInput!) { registerVehicle(input: $input) { id } }',
  registerLock: 'mutation($input: RegisterLockInput!) { registerLock(input: $input) { id } }',
  grant: 'mutation($input: GrantAccessInput!) { grantAccess(input: $input) }',
  lockVehicle: 'mutation($input: VehicleCommandInput!) { lockVehicle(input: $input) { id status version executedAt } }',
  requestIgnition: 'mutation($input: RequestIgnitionInput!) { requestIgnition(input: $input) { id status version confirmation { code } } }',
  confirmIgnition: 'mutation($input: ConfirmIgnitionInput!) { confirmIgnition(input: $input) { id status version } }',
  history: 'query($id: ID!) { commandExecution(id: $id) { id status version history { version status at } } }',
};
const WATCH_ONE = 'subscription($id: ID!) { commandExecutionUpdated(id: $id) { id status version } }';
const WATCH_TARGET = 'subscription($targetId: ID) { commandExecutionsUpdated(targetId: $targetId) { id status version } }';

let step = 0;
function note(text: string): void {
  step += 1;
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}\n`);
}

// ---------------------------------------------------------------- processes

interface SimEnv {
  SMARTCAR_BASE_URL: string;
  SMARTCAR_ACCESS_TOKEN: string;
  MOBWAY_BASE_URL: string;
  MOBWAY_TOKEN: string;
  MOBWAY_SIGN_SECRET: string;
  SPKEY_BASE_URL: string;
  SPKEY_TOKEN: string;
  SPKEY_API_KEY: string;
}

async function startSimulators(): Promise<{ proc: Spawned; env: SimEnv }> {
  const proc = spawnNode('src/simulators/main.ts', { logFile: path.join(WORK, 'simulators.log') });
  await proc.waitFor(/SPKEY_API_KEY=\S+/);
  const env = Object.fromEntries(
    [...proc.log().matchAll(/^([A-Z_]+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!]),
  ) as unknown as SimEnv;
  return { proc, env };
}

interface AppProc {
  proc: Spawned;
  url: string;
  wsUrl: string;
  origin: string;
  pid: number;
}

async function startApp(name: string, sim: SimEnv, databaseUrl: string, extra: Record<string, string> = {}): Promise<AppProc> {
  const dataDir = mkdtempSync(path.join(WORK, `${name}-data-`));
  const nodeArgs: string[] = [];
  if (CPU_PROF) {
    const dir = path.join(RESULTS, 'profiles');
    mkdirSync(dir, { recursive: true });
    // No --cpu-prof-name: with one, every thread (PGlite's worker too) would write the same file.
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${dir}`);
  }
  const proc = spawnNode('dist/main.js', {
    plain: true,
    logFile: path.join(WORK, `${name}.log`),
    nodeArgs,
    env: {
      ...sim,
      ...ENGINE,
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: undefined,
      // Empty: unset, the embedded store in DATA_DIR.
      DATABASE_URL: databaseUrl || undefined,
      DATA_DIR: dataDir,
      DEMO_DATA: 'false',
      AUTH_JWT_SECRET: SECRET,
      LOG_LEVEL,
      // One bench user sends thousands of commands a second: lift the per-user command rate
      // limit (hardening work; ignored by builds without it) — it is not what is measured.
      COMMAND_RATE_PER_MINUTE: '1000000',
      COMMAND_RATE_BURST: '1000000',
      // The fan-out scenarios hold up to 10,000 subscriptions of the one bench user:
      // lift the per-user subscription cap for the same reason.
      WS_MAX_SUBSCRIPTIONS_PER_USER: '100000',
      ...extra,
    },
  });
  const [, url] = await proc.waitFor(/ready at (http:\/\/\S+\/graphql)/, 120_000);
  const origin = new URL(url!).origin;
  return { proc, url: url!, wsUrl: url!.replace(/^http/, 'ws'), origin, pid: proc.child.pid! };
}

/** The yardstick: Apollo Server 5 on express 5 answering `{ hello }`, started once per bench run. */
async function startHello(): Promise<{ proc: Spawned; origin: string }> {
  const proc = spawnNode('bench/baseline/hello-server.mjs', { plain: true, logFile: path.join(WORK, 'hello.log') });
  const [, url] = await proc.waitFor(/ready at (http:\/\/\S+\/graphql)/, 30_000);
  return { proc, origin: new URL(url!).origin };
}

async function startLoad(script: string, name: string): Promise<Spawned> {
  const proc = spawnNode(script, { logFile: path.join(WORK, `${name}.log`), ipc: true });
  await new Promise<void>((resolve, reject) => {
    proc.child.once('message', () => resolve());
    proc.child.once('exit', (code) => reject(new Error(`${script} exited ${code}: ${proc.log().slice(-1000)}`)));
  });
  return proc;
}

// ---------------------------------------------------------------- fixtures

interface Fleet {
  lockId: string;
  mobwayId: string;
  admin: string;
  user: string;
}

async function registerFleet(app: AppProc): Promise<Fleet> {
  const admin = await signToken(SECRET_BYTES, { sub: 'bench-admin', roles: ['admin'], expiresIn: '2h' });
  const user = await signToken(SECRET_BYTES, { sub: USER, expiresIn: '2h' });
  const lock = await gql(app.url, M.registerLock, { input: { provider: 'SPKEY', externalId: LOCK, name: 'bench lock' } }, admin);
  const vehicle = await gql(app.url, M.registerVehicle, { input: { provider: 'MOBWAY', externalId: VIN, name: 'bench vehicle' } }, admin);
  const lockId = lock.data.registerLock.id as string;
  const mobwayId = vehicle.data.registerVehicle.id as string;
  for (const targetId of [lockId, mobwayId]) await gql(app.url, M.grant, { input: { userId: USER, targetId } }, admin);
  return { lockId, mobwayId, admin, user };
}

async function configureSim(baseUrl: string, knobs: Record<string, unknown>): Promise<void> {
  await getJson(`${baseUrl}/__sim/configure`, 'POST', { knobs });
}
async function simCounts(baseUrl: string): Promise<Record<string, number>> {
  return (await getJson<{ counts: Record<string, number> }>(`${baseUrl}/__sim/counts`)).counts;
}
async function resetSimCounts(baseUrl: string): Promise<void> {
  await getJson(`${baseUrl}/__sim/reset-counts`, 'POST', {});
}

/** Every execution's history (`at` of each version: the transition's commit time, ±1 ms). */
async function histories(app: AppProc, token: string, ids: readonly string[]): Promise<Map<string, Map<number, number>>> {
  const out = new Map<string, Map<number, number>>();
  const pool = new Pool(app.origin, { connections: 8 });
  try {
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        const response = await gql(app.url, M.history, { id }, token, { dispatcher: pool });
        const versions = new Map<number, number>();
        for (const entry of response.data.commandExecution.history) versions.set(entry.version, Date.parse(entry.at));
        out.set(id, versions);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  } finally {
    await pool.close();
  }
  return out;
}

/** Push delays: receipt time − the `at` of the version received (versions > `minVersion`). */
function pushDelays(receipts: Record<string, number[]>, history: Map<string, Map<number, number>>, minVersion = 1): number[] {
  const delays: number[] = [];
  for (const [key, times] of Object.entries(receipts)) {
    const [id, versionText] = key.split(':');
    const version = Number(versionText);
    if (version <= minVersion) continue;
    const at = history.get(id!)?.get(version);
    if (at === undefined) continue;
    for (const time of times) delays.push(time - at);
  }
  return delays;
}

/** Polls the schedule allows for a command that completes `completionMs` after it was accepted: the first poll at or after completion ends it. */
function expectedPolls(completionMs: number, firstMs: number, maxMs: number): number {
  let t = 0;
  let attempts = 0;
  while (t < completionMs) {
    t += Math.min(maxMs, Math.round(firstMs * 1.5 ** attempts));
    attempts += 1;
  }
  return attempts;
}

// ---------------------------------------------------------------- scenarios

type Json = Record<string, any>;

async function scenarioCommands(
  app: AppProc,
  sim: SimEnv,
  fleet: Fleet,
  sizes: { c1: number; c32: number; warmup: number },
  store: string,
  hello: { origin: string },
): Promise<Json> {
  await configureSim(sim.SPKEY_BASE_URL, { latencyMs: 0 });
  const load = await startLoad('bench/load/commands.ts', `load-commands-${store}`);
  const rows: Json[] = [];
  try {
    for (const concurrency of [1, 32]) {
      const requests = concurrency === 1 ? sizes.c1 : sizes.c32;
      const result: Json = { concurrency, requests };
      for (const mode of ['direct', 'subgraph'] as const) {
        note(`scenario 1 (${store}): ${mode}, concurrency ${concurrency}, ${requests} requests`);
        const cpuBefore = cpuMs(app.pid);
        const mainBefore = mainThreadCpuMs(app.pid);
        const reply = await ask(load.child, {
          type: 'run',
          mode,
          concurrency,
          requests,
          warmup: sizes.warmup,
          subgraph: { origin: app.origin, token: fleet.user, lockId: fleet.lockId },
          direct: { origin: sim.SPKEY_BASE_URL, lockExternalId: LOCK, token: sim.SPKEY_TOKEN, apiKey: sim.SPKEY_API_KEY },
        });
        result[mode] = reply.result;
        if (reply.result.errors > 0) throw new Error(`scenario 1 ${mode}: ${reply.result.errors} failed requests (see ${load.logFile})`);
        if (mode === 'subgraph') {
          const commands = requests + sizes.warmup;
          result[mode].appCpuMsPerCommand = round((cpuMs(app.pid) - cpuBefore) / commands, 3);
          result[mode].mainThreadCpuMsPerCommand = round((mainThreadCpuMs(app.pid) - mainBefore) / commands, 3);
        }
      }
      if (concurrency === 32) {
        // The yardstick right after, on the same machine in the same state.
        note(`scenario 1 (${store}): Apollo { hello }, concurrency ${concurrency}, ${requests} requests`);
        const reply = await ask(load.child, {
          type: 'run',
          mode: 'hello',
          concurrency,
          requests,
          warmup: sizes.warmup,
          hello: { origin: hello.origin, token: fleet.user },
          subgraph: { origin: app.origin, token: fleet.user, lockId: fleet.lockId },
          direct: { origin: sim.SPKEY_BASE_URL, lockExternalId: LOCK, token: sim.SPKEY_TOKEN, apiKey: sim.SPKEY_API_KEY },
        });
        result.hello = reply.result;
      }
      result.ratio = {
        p50: ratio(result.subgraph.latencyMs.p50, result.direct.latencyMs.p50),
        p99: ratio(result.subgraph.latencyMs.p99, result.direct.latencyMs.p99),
        throughput: ratio(result.subgraph.throughputPerSec, result.direct.throughputPerSec),
        ...(result.hello ? { ofHello: ratio(result.subgraph.throughputPerSec, result.hello.throughputPerSec) } : {}),
      };
      result.overheadP50Ms = round(result.subgraph.latencyMs.p50 - result.direct.latencyMs.p50, 3);
      rows.push(result);
    }
  } finally {
    await ask(load.child, { type: 'exit' }).catch(() => {});
    await load.stop(1_000);
  }
  return { store, runs: rows };
}

async function openSubscribers(
  procs: Spawned[],
  app: AppProc,
  token: string,
  query: string,
  field: string,
  variables: Record<string, unknown>[],
  waitFirst: boolean,
): Promise<{ opened: number; failed: number; elapsedMs: number }> {
  const started = Date.now();
  const parts = procs.map((_, i) => variables.filter((__, j) => j % procs.length === i));
  const replies = await Promise.all(
    procs.map((proc, i) => ask(proc.child, { type: 'open', wsUrl: app.wsUrl, token, query, field, variables: parts[i], waitFirst, parallel: 100 })),
  );
  return { opened: replies.reduce((a, r) => a + r.opened, 0), failed: replies.reduce((a, r) => a + r.failed, 0), elapsedMs: Date.now() - started };
}

async function waitAll(procs: Spawned[], kind: 'received' | 'completed' | 'finals', counts: number[], timeoutMs: number): Promise<boolean> {
  const replies = await Promise.all(procs.map((proc, i) => ask(proc.child, { type: 'waitReceipts', kind, count: counts[i], timeoutMs }, timeoutMs + 5_000)));
  return replies.every((r) => r.ok);
}

async function collectAll(procs: Spawned[]): Promise<{ receipts: Record<string, number[]>; received: number; completed: number; failures: number }> {
  const replies = await Promise.all(procs.map((proc) => ask(proc.child, { type: 'collect' })));
  const receipts: Record<string, number[]> = {};
  for (const reply of replies) for (const [key, times] of Object.entries(reply.receipts as Record<string, number[]>)) (receipts[key] ??= []).push(...times);
  return {
    receipts,
    received: replies.reduce((a, r) => a + r.received, 0),
    completed: replies.reduce((a, r) => a + r.completed, 0),
    failures: replies.reduce((a, r) => a + r.failures, 0),
  };
}

async function scenarioFanOut(app: AppProc, sim: SimEnv, fleet: Fleet): Promise<Json> {
  const { subscribers: sizes, executions } = SIZES.s2;
  await configureSim(sim.MOBWAY_BASE_URL, { completionDelayMs: 200, latencyMs: 0 });
  const processes = Math.max(...sizes) >= 2_000 ? 2 : 1;
  const procs = await Promise.all(Array.from({ length: processes }, (_, i) => startLoad('bench/load/subscribers.ts', `load-subscribers-${i}`)));
  const rows: Json[] = [];
  try {
    for (const n of sizes) {
      note(`scenario 2: ${n} subscribers on ${executions} executions`);
      // Executions that change on demand: ignition requests wait for confirmation; confirming them
      // commits PENDING (v2), then the poll commits SUCCESS (v3).
      const pending: { id: string; code: string }[] = [];
      for (let i = 0; i < executions; i += 1) {
        const r = await gql(app.url, M.requestIgnition, { input: { vehicleId: fleet.mobwayId, enable: true } }, fleet.user);
        pending.push({ id: r.data.requestIgnition.id, code: r.data.requestIgnition.confirmation.code });
      }
      await sleep(500);
      const rssBefore = rssBytes(app.pid);
      const cpuBeforeOpen = cpuMs(app.pid);
      const variables = Array.from({ length: n }, (_, i) => ({ id: pending[i % executions]!.id }));
      const opened = await openSubscribers(procs, app, fleet.user, WATCH_ONE, 'commandExecutionUpdated', variables, true);
      const cpuOpen = cpuMs(app.pid) - cpuBeforeOpen;
      await sleep(QUICK ? 200 : 2_000);
      const rssAfter = rssBytes(app.pid);
      await collectAll(procs); // drop the initial-state messages
      const perProc = procs.map((_, i) => variables.filter((__, j) => j % procs.length === i).length);
      const cpuBeforePush = cpuMs(app.pid);
      const triggered = Date.now();
      await Promise.all(pending.map((p) => gql(app.url, M.confirmIgnition, { input: { executionId: p.id, code: p.code } }, fleet.user)));
      const allDone = await waitAll(procs, 'completed', perProc, QUICK ? 20_000 : 60_000);
      const pushWallMs = Date.now() - triggered;
      const cpuPush = cpuMs(app.pid) - cpuBeforePush;
      const collected = await collectAll(procs);
      const history = await histories(app, fleet.user, pending.map((p) => p.id));
      const delays = pushDelays(collected.receipts, history, 1);
      await Promise.all(procs.map((proc) => ask(proc.child, { type: 'close' })));
      await sleep(QUICK ? 200 : 2_000);
      const row = {
        subscribers: n,
        executions,
        sockets: n,
        subscriptionsPerSocket: 1,
        loadProcesses: processes,
        subscribe: { elapsedMs: opened.elapsedMs, failed: opened.failed, appCpuMs: round(cpuOpen, 0) },
        rss: {
          beforeMiB: round(rssBefore / 2 ** 20, 1),
          afterMiB: round(rssAfter / 2 ** 20, 1),
          perSubscriberKiB: round((rssAfter - rssBefore) / 1024 / n, 2),
          afterCloseMiB: round(rssBytes(app.pid) / 2 ** 20, 1),
        },
        push: {
          messages: collected.received,
          completed: collected.completed,
          failures: collected.failures,
          allCompleted: allDone,
          delayMs: summarize(delays),
          wallMs: pushWallMs,
          appCpuMs: round(cpuPush, 0),
          appCpuUsPerMessage: round((cpuPush * 1000) / Math.max(1, collected.received), 1),
        },
      };
      rows.push(row);
      note(`  → subscribe ${row.subscribe.elapsedMs} ms, RSS +${round((rssAfter - rssBefore) / 2 ** 20, 1)} MiB, push p50 ${row.push.delayMs.p50} p99 ${row.push.delayMs.p99} ms`);
    }
  } finally {
    for (const proc of procs) await proc.stop(1_000);
  }
  return { runs: rows };
}

/** Sends `count` lockVehicle commands at uniformly random times within `windowMs`; answers id → accepted time (executedAt). */
async function sendSpread(app: AppProc, fleet: Fleet, count: number, windowMs: number): Promise<Map<string, number>> {
  const accepted = new Map<string, number>();
  const pool = new Pool(app.origin, { connections: 16 });
  try {
    const offsets = Array.from({ length: count }, () => Math.random() * windowMs).sort((a, b) => a - b);
    const start = Date.now();
    await Promise.all(
      offsets.map(async (offset) => {
        await sleep(Math.max(0, start + offset - Date.now()));
        const r = await gql(app.url, M.lockVehicle, { input: { vehicleId: fleet.mobwayId } }, fleet.user, { dispatcher: pool });
        const e = r.data.lockVehicle;
        if (e.status !== 'PENDING') throw new Error(`lockVehicle answered ${e.status}`);
        accepted.set(e.id, Date.parse(e.executedAt));
      }),
    );
  } finally {
    await pool.close();
  }
  return accepted;
}

async function scenarioPolling(app: AppProc, sim: SimEnv, fleet: Fleet, s: { executions: number; windowMs: number; completionMs: number; manyWatchers: number }): Promise<Json> {
  const interval = Number(ENGINE.POLL_INTERVAL_MS);
  const maxInterval = Number(ENGINE.POLL_MAX_INTERVAL_MS);
  await configureSim(sim.MOBWAY_BASE_URL, { completionDelayMs: s.completionMs, latencyMs: 0 });
  const watcher = await startLoad('bench/load/subscribers.ts', 'load-poll-watcher');
  try {
    note(`scenario 3: ${s.executions} Mobway executions sent within ${s.windowMs} ms, each completing ${s.completionMs} ms after it is accepted`);
    await openSubscribers([watcher], app, fleet.user, WATCH_TARGET, 'commandExecutionsUpdated', [{ targetId: fleet.mobwayId }], false);
    await resetSimCounts(sim.MOBWAY_BASE_URL);
    await collectAll([watcher]);
    const cpuBefore = cpuMs(app.pid);
    const accepted = await sendSpread(app, fleet, s.executions, s.windowMs);
    const done = await waitAll([watcher], 'finals', [s.executions], s.completionMs + 60_000);
    const cpu = cpuMs(app.pid) - cpuBefore;
    const counts = await simCounts(sim.MOBWAY_BASE_URL);
    const collected = await collectAll([watcher]);
    const history = await histories(app, fleet.user, [...accepted.keys()]);
    const polls = counts['GET /vehicle-command/:id'] ?? 0;
    const expected = expectedPolls(s.completionMs, interval, maxInterval);
    const completionToPush: number[] = [];
    const commitToPush: number[] = [];
    for (const [id, acceptedAt] of accepted) {
      const versions = history.get(id)!;
      const finalVersion = Math.max(...versions.keys());
      const receipt = collected.receipts[`${id}:${finalVersion}`]?.[0];
      if (receipt === undefined) continue;
      completionToPush.push(receipt - (acceptedAt + s.completionMs));
      commitToPush.push(receipt - versions.get(finalVersion)!);
    }
    const many: Json = {};
    for (const watchers of [1, s.manyWatchers]) {
      note(`scenario 3: one execution watched by ${watchers} subscriber(s)`);
      const procs = [await startLoad('bench/load/subscribers.ts', `load-poll-same-${watchers}`)];
      try {
        await resetSimCounts(sim.MOBWAY_BASE_URL);
        const r = await gql(app.url, M.lockVehicle, { input: { vehicleId: fleet.mobwayId } }, fleet.user);
        const id = r.data.lockVehicle.id;
        const opened = await openSubscribers(procs, app, fleet.user, WATCH_ONE, 'commandExecutionUpdated', Array.from({ length: watchers }, () => ({ id })), true);
        const completed = await waitAll(procs, 'completed', [watchers], s.completionMs + 30_000);
        const c = await simCounts(sim.MOBWAY_BASE_URL);
        many[String(watchers)] = { polls: c['GET /vehicle-command/:id'] ?? 0, subscribeMs: opened.elapsedMs, allCompleted: completed };
      } finally {
        await procs[0]!.stop(1_000);
      }
    }
    return {
      executions: s.executions,
      windowMs: s.windowMs,
      completionDelayMs: s.completionMs,
      pollIntervalMs: interval,
      allFinal: done,
      providerPosts: counts['POST /vehicle-command'] ?? 0,
      providerGets: polls,
      getsPerExecution: round(polls / s.executions, 3),
      expectedGetsPerExecution: expected,
      pollsPerInterval: round(polls / s.executions / expected, 3),
      completionToPushMs: summarize(completionToPush),
      commitToPushMs: summarize(commitToPush),
      appCpuMsPerExecution: round(cpu / s.executions, 2),
      sameExecution: { ...many, pollCountUnchanged: many['1'].polls === many[String(s.manyWatchers)].polls, expected },
    };
  } finally {
    await watcher.stop(1_000);
  }
}

async function withPostgresDatabase<T>(work: (url: string) => Promise<T>): Promise<T | { skipped: string }> {
  const base = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `vas_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 3_000 });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (error) {
    await admin.end().catch(() => {});
    return { skipped: `PostgreSQL not reachable at ${base.replace(/\/\/[^@]*@/, '//***@')}: ${String(error)}` };
  }
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    const drop = new pg.Client({ connectionString: base });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await drop.end();
  }
}

async function scenarioReplicas(sim: SimEnv, hello: { origin: string }): Promise<Json> {
  return withPostgresDatabase(async (databaseUrl) => {
    const result: Json = {};
    note('PostgreSQL: replica A');
    const a = await startApp('replica-a', sim, databaseUrl);
    try {
      const fleet = await registerFleet(a);
      if (!ONLY || ONLY.has('1')) result.commandsOnPostgres = await scenarioCommands(a, sim, fleet, SIZES.pgS1, 'postgres', hello);
      note('PostgreSQL: replica B');
      const b = await startApp('replica-b', sim, databaseUrl);
      try {
        const s = SIZES.s4;
        note(`scenario 4: ${s.executions} Mobway executions sent to replica A, watched on replica B`);
        await configureSim(sim.MOBWAY_BASE_URL, { completionDelayMs: s.completionMs, latencyMs: 0 });
        const watcher = await startLoad('bench/load/subscribers.ts', 'load-replica-watcher');
        try {
          await openSubscribers([watcher], b, fleet.user, WATCH_TARGET, 'commandExecutionsUpdated', [{ targetId: fleet.mobwayId }], false);
          await sleep(200);
          await resetSimCounts(sim.MOBWAY_BASE_URL);
          await collectAll([watcher]);
          const accepted = await sendSpread(a, fleet, s.executions, s.windowMs);
          const done = await waitAll([watcher], 'finals', [s.executions], s.completionMs + 60_000);
          const counts = await simCounts(sim.MOBWAY_BASE_URL);
          const collected = await collectAll([watcher]);
          const history = await histories(a, fleet.user, [...accepted.keys()]);
          const polls = counts['GET /vehicle-command/:id'] ?? 0;
          const expected = expectedPolls(s.completionMs, Number(ENGINE.POLL_INTERVAL_MS), Number(ENGINE.POLL_MAX_INTERVAL_MS));
          result.replicas = {
            replicas: 2,
            executions: s.executions,
            windowMs: s.windowMs,
            completionDelayMs: s.completionMs,
            allFinal: done,
            providerGets: polls,
            getsPerExecution: round(polls / s.executions, 3),
            expectedGetsPerExecution: expected,
            pollsPerInterval: round(polls / s.executions / expected, 3),
            // Every version after the first: PENDING (v1) is committed by A's mutation, SUCCESS by whichever replica polled.
            crossReplicaPushMs: summarize(pushDelays(collected.receipts, history, 0)),
            messages: collected.received,
          };
        } finally {
          await watcher.stop(1_000);
        }
      } finally {
        await b.proc.stop();
      }
    } finally {
      await a.proc.stop();
    }
    return result;
  });
}

// ---------------------------------------------------------------- output

function fmt(value: unknown): string {
  if (value === null || value === undefined) return '–';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 2 : 1);
  return String(value);
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => '| ' + r.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
  return [line(rows[0]!), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...rows.slice(1).map(line)].join('\n');
}

function render(results: Json): string {
  const out: string[] = [];
  const commandRows = [['store', 'conc.', 'direct p50', 'direct p99', 'direct /s', 'subgraph p50', 'subgraph p99', 'subgraph /s', 'hello /s', '÷ hello', 'overhead p50', 'app CPU ms/cmd', 'main thread ms/cmd']];
  for (const block of [results.commands, results.postgres?.commandsOnPostgres].filter(Boolean)) {
    for (const r of block.runs) {
      commandRows.push([
        block.store,
        fmt(r.concurrency),
        fmt(r.direct.latencyMs.p50),
        fmt(r.direct.latencyMs.p99),
        fmt(r.direct.throughputPerSec),
        fmt(r.subgraph.latencyMs.p50),
        fmt(r.subgraph.latencyMs.p99),
        fmt(r.subgraph.throughputPerSec),
        fmt(r.hello?.throughputPerSec ?? null),
        fmt(r.ratio.ofHello ?? null),
        fmt(r.overheadP50Ms),
        fmt(r.subgraph.appCpuMsPerCommand),
        fmt(r.subgraph.mainThreadCpuMsPerCommand),
      ]);
    }
  }
  if (commandRows.length > 1) out.push('Scenario 1 — openLock, subgraph vs SmartphoneKey simulator direct (latency ms)', table(commandRows), '');
  if (results.fanOut) {
    const rows = [['subscribers', 'subscribe s', 'subscribe CPU ms/sub', 'RSS before MiB', 'RSS after MiB', 'KiB/sub', 'push p50 ms', 'push p99 ms', 'push max ms', 'messages', 'CPU ms (push)', 'CPU µs/msg']];
    for (const r of results.fanOut.runs) {
      rows.push([
        fmt(r.subscribers),
        fmt(r.subscribe.elapsedMs / 1000),
        fmt(round(r.subscribe.appCpuMs / r.subscribers, 3)),
        fmt(r.rss.beforeMiB),
        fmt(r.rss.afterMiB),
        fmt(r.rss.perSubscriberKiB),
        fmt(r.push.delayMs.p50),
        fmt(r.push.delayMs.p99),
        fmt(r.push.delayMs.max),
        fmt(r.push.messages),
        fmt(r.push.appCpuMs),
        fmt(r.push.appCpuUsPerMessage),
      ]);
    }
    out.push('Scenario 2 — subscription fan-out, one app process (push delay: committed transition → receipt)', table(rows), '');
  }
  if (results.polling) {
    const p = results.polling;
    out.push(
      'Scenario 3 — polling efficiency (embedded store)',
      table([
        ['executions', 'GETs', 'GETs/exec', 'expected/exec', 'polls/interval', 'completion→push p50', 'p99', 'commit→push p50', 'p99', '1 watcher polls', `${SIZES.s3.manyWatchers} watchers polls`],
        [fmt(p.executions), fmt(p.providerGets), fmt(p.getsPerExecution), fmt(p.expectedGetsPerExecution), fmt(p.pollsPerInterval), fmt(p.completionToPushMs.p50), fmt(p.completionToPushMs.p99), fmt(p.commitToPushMs.p50), fmt(p.commitToPushMs.p99), fmt(p.sameExecution['1'].polls), fmt(p.sameExecution[String(SIZES.s3.manyWatchers)].polls)],
      ]),
      '',
    );
  }
  if (results.postgres?.replicas) {
    const r = results.postgres.replicas;
    out.push(
      'Scenario 4 — two replicas on PostgreSQL',
      table([
        ['executions', 'GETs', 'GETs/exec', 'expected/exec', 'polls/interval', 'cross-replica push p50', 'p99', 'max'],
        [fmt(r.executions), fmt(r.providerGets), fmt(r.getsPerExecution), fmt(r.expectedGetsPerExecution), fmt(r.pollsPerInterval), fmt(r.crossReplicaPushMs.p50), fmt(r.crossReplicaPushMs.p99), fmt(r.crossReplicaPushMs.max)],
      ]),
      '',
    );
  } else if (results.postgres?.skipped) out.push(`Scenario 4 skipped: ${results.postgres.skipped}`, '');
  if (results.idleMemory) {
    const m = results.idleMemory;
    const rows = [['store', 'start s', 'RSS at ready MiB', `RSS idle (+${m.settleMs / 1000} s) MiB`]];
    for (const r of m.rows) rows.push([r.store, fmt(r.startMs / 1000), fmt(r.atReadyMiB), fmt(r.idleMiB)]);
    out.push('Scenario 5 — idle memory of the built app, by store', table(rows), ...(m.postgresSkipped ? [`(PostgreSQL skipped: ${m.postgresSkipped})`] : []), '');
  }
  if (results.aims) {
    out.push('Aims', table([['aim', 'measured', 'met'], ...results.aims.map((a: Json) => [a.aim, a.measured, a.met === null ? '–' : a.met ? 'yes' : 'NO'])]));
  }
  return out.join('\n');
}

function aims(results: Json): Json[] {
  const list: Json[] = [];
  const add = (aim: string, value: number | null | undefined, unit: string, met: (v: number) => boolean) => {
    if (value === null || value === undefined || Number.isNaN(value)) return;
    list.push({ aim, measured: `${fmt(value)} ${unit}`, met: met(value) });
  };
  const blocks = [results.commands, results.postgres?.commandsOnPostgres].filter(Boolean);
  for (const block of blocks) {
    const pg = block.store === 'postgres';
    const c1 = block.runs.find((r: Json) => r.concurrency === 1);
    const c32 = block.runs.find((r: Json) => r.concurrency === 32);
    if (pg) add('app CPU per openLock ≤ 1.0 ms (PostgreSQL, concurrency 32)', c32?.subgraph.appCpuMsPerCommand, 'ms', (v) => v <= 1.0);
    else add('main-thread CPU per openLock ≤ 1.5 ms (embedded, concurrency 32)', c32?.subgraph.mainThreadCpuMsPerCommand, 'ms', (v) => v <= 1.5);
    add(`commands/s ÷ Apollo { hello }/s ≥ ${pg ? '0.25' : '0.15'} (${block.store}, concurrency 32)`, c32?.ratio.ofHello, '', (v) => v >= (pg ? 0.25 : 0.15));
    add(`overhead over a direct provider call ≤ 1.5 ms p50 (${block.store}, concurrency 1)`, c1?.overheadP50Ms, 'ms', (v) => v <= 1.5);
  }
  for (const row of results.idleMemory?.rows ?? []) {
    const limit = row.store === 'postgres' ? 120 : 300;
    if (row.store === 'embedded, memory://') continue; // a test fixture, not a way to run the app
    add(`idle RSS ≤ ${limit} MB (${row.store})`, (row.idleMiB * 2 ** 20) / 1e6, 'MB', (v) => v <= limit);
  }
  const big = results.fanOut?.runs.at(-1);
  if (big) {
    add(`subscribe ≤ 0.5 ms CPU each (${big.subscribers} subscribers)`, big.subscribe.appCpuMs / big.subscribers, 'ms', (v) => v <= 0.5);
    add(`≤ 16 KiB each above idle (${big.subscribers} subscribers)`, big.rss.perSubscriberKiB, 'KiB', (v) => v <= 16);
    add(`p99 push ≤ 100 ms (${big.subscribers} subscribers)`, big.push.delayMs.p99, 'ms', (v) => v <= 100);
  }
  if (results.polling) {
    const p = results.polling;
    list.push({ aim: 'one poll per pending execution per interval (1 replica)', measured: `${fmt(p.pollsPerInterval)} polls/interval`, met: p.pollsPerInterval <= 1 });
    list.push({ aim: `poll count unchanged by subscribers (1 vs ${SIZES.s3.manyWatchers})`, measured: `${p.sameExecution['1'].polls} vs ${p.sameExecution[String(SIZES.s3.manyWatchers)].polls}`, met: p.sameExecution.pollCountUnchanged });
  }
  if (results.postgres?.replicas) {
    list.push({ aim: 'one poll per pending execution per interval (2 replicas)', measured: `${fmt(results.postgres.replicas.pollsPerInterval)} polls/interval`, met: results.postgres.replicas.pollsPerInterval <= 1 });
  }
  if (QUICK) for (const a of list) a.met = null; // quick mode never judges times
  return list;
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  installExitHandlers();
  const runs = (n: string) => !ONLY || ONLY.has(n);
  const started = new Date();
  const results: Json = {
    startedAt: started.toISOString(),
    mode: QUICK ? 'quick' : 'full',
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: round(totalmem() / 2 ** 30, 1), node: process.version, ulimitNoFile: execSync('ulimit -n', { shell: '/bin/sh' }).toString().trim() },
    engine: ENGINE,
    logLevel: LOG_LEVEL,
    sizes: SIZES,
  };
  note(`mode ${results.mode}; work dir ${WORK}`);
  if (!args.has('--no-build')) {
    note('building the app (npm run build): the bench measures the built JavaScript');
    execSync('npm run build', { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const sims = await startSimulators();
  const hello = await startHello();
  try {
    if (runs('1') || runs('2') || runs('3')) {
      note('embedded store (in-memory PGlite): starting the app');
      const app = await startApp('app', sims.env, 'memory://');
      try {
        const fleet = await registerFleet(app);
        if (runs('1')) results.commands = await scenarioCommands(app, sims.env, fleet, SIZES.s1, 'embedded', hello);
        if (runs('2')) results.fanOut = await scenarioFanOut(app, sims.env, fleet);
        if (runs('3')) results.polling = await scenarioPolling(app, sims.env, fleet, SIZES.s3);
      } finally {
        await app.proc.stop();
      }
    }
    if (runs('4')) results.postgres = await scenarioReplicas(sims.env, hello);
    if (runs('5')) {
      results.idleMemory = await measureIdleMemory({
        workDir: WORK,
        settleMs: QUICK ? 1_000 : 10_000,
        note,
        withPostgres: withPostgresDatabase,
        start: async (name, databaseUrl, dataDir) => {
          const app = await startApp(name, sims.env, databaseUrl, { DATA_DIR: dataDir });
          return { pid: app.pid, stop: () => app.proc.stop() };
        },
      });
    }
  } finally {
    await hello.proc.stop();
    await sims.proc.stop();
  }
  results.aims = aims(results);
  results.finishedAt = new Date().toISOString();
  results.durationSeconds = round((Date.now() - started.getTime()) / 1000, 1);
  mkdirSync(RESULTS, { recursive: true });
  const json = JSON.stringify(results, null, 2) + '\n';
  const dated = path.join(RESULTS, `${started.toISOString().replace(/[:.]/g, '-')}${QUICK ? '-quick' : ''}.json`);
  writeFileSync(path.join(RESULTS, 'latest.json'), json);
  writeFileSync(dated, json);
  console.log(render(results));
  console.log(`\nwrote ${path.relative(ROOT, path.join(RESULTS, 'latest.json'))} and ${path.relative(ROOT, dated)} (${results.durationSeconds} s)`);
  rmSync(WORK, { recursive: true, force: true });
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
