import { mkdirSync, mkdtempSync } from 'node:fs';
import path from 'node:path';
import type { EngineSettings } from '../settings.js';
import { spawnNode, type Spawned } from './proc.js';

/** The simulators' base URLs and credentials, as they print them: the app's environment for its providers. */
export interface SimulatorEnv {
  SMARTCAR_BASE_URL: string;
  SMARTCAR_ACCESS_TOKEN: string;
  MOBWAY_BASE_URL: string;
  MOBWAY_TOKEN: string;
  MOBWAY_SIGN_SECRET: string;
  SPKEY_BASE_URL: string;
  SPKEY_TOKEN: string;
  SPKEY_API_KEY: string;
}

export interface Simulators {
  proc: Spawned;
  env: SimulatorEnv;
}

/** One running app replica. */
export interface AppProc {
  proc: Spawned;
  /** The GraphQL endpoint over HTTP. */
  url: string;
  wsUrl: string;
  origin: string;
  pid: number;
}

/** How every app replica of one bench run is started. */
export interface AppSettings {
  workDir: string;
  /** Where `--cpu-prof` writes its profiles (under it, `profiles/`). */
  resultsDir: string;
  cpuProf: boolean;
  logLevel: string;
  engine: EngineSettings;
  /** AUTH_JWT_SECRET: the bench signs its tokens with it. */
  secret: string;
  simulators: SimulatorEnv;
}

/** The load generators, driven over IPC. */
export type LoadScript = 'bench/load/commands.ts' | 'bench/load/subscribers.ts';

export async function startSimulators(workDir: string): Promise<Simulators> {
  const proc = spawnNode('src/simulators/main.ts', { logFile: path.join(workDir, 'simulators.log') });
  await proc.waitFor(/^Known targets: /m);
  const printed = Object.fromEntries([...proc.log().matchAll(/^([A-Z_]+)=(\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
  return { proc, env: printed as unknown as SimulatorEnv };
}

/** The built app (`node dist/main.js`) on `databaseUrl` ('' : the embedded store in DATA_DIR). */
export async function startApp(
  settings: AppSettings,
  name: string,
  databaseUrl: string,
  extraEnv: Record<string, string> = {},
): Promise<AppProc> {
  const proc = spawnNode('dist/main.js', {
    plain: true,
    logFile: path.join(settings.workDir, `${name}.log`),
    nodeArgs: settings.cpuProf ? cpuProfArgs(settings.resultsDir) : [],
    env: { ...appEnv(settings, name, databaseUrl), ...extraEnv },
  });
  const [, url] = await proc.waitFor(/ready at (http:\/\/\S+\/graphql)/, 120_000);
  return { proc, url: url!, wsUrl: url!.replace(/^http/, 'ws'), origin: new URL(url!).origin, pid: proc.child.pid! };
}

function cpuProfArgs(resultsDir: string): string[] {
  const dir = path.join(resultsDir, 'profiles');
  mkdirSync(dir, { recursive: true });
  // No --cpu-prof-name: with one, every thread (PGlite's worker too) would write the same file.
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`];
}

function appEnv(settings: AppSettings, name: string, databaseUrl: string): Record<string, string | undefined> {
  return {
    ...settings.simulators,
    ENGINE_TICK_MS: String(settings.engine.tickMs),
    POLL_INTERVAL_MS: String(settings.engine.pollIntervalMs),
    POLL_MAX_INTERVAL_MS: String(settings.engine.pollMaxIntervalMs),
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: undefined,
    // Empty: unset, the embedded store in DATA_DIR.
    DATABASE_URL: databaseUrl || undefined,
    DATA_DIR: mkdtempSync(path.join(settings.workDir, `${name}-data-`)),
    DEMO_DATA: 'false',
    AUTH_JWT_SECRET: settings.secret,
    LOG_LEVEL: settings.logLevel,
    // One bench user sends thousands of commands a second: lift the per-user command rate
    // limit (hardening work; ignored by builds without it) — it is not what is measured.
    COMMAND_RATE_PER_MINUTE: '1000000',
    COMMAND_RATE_BURST: '1000000',
    // The fan-out scenarios hold up to 10,000 subscriptions of the one bench user:
    // lift the per-user subscription cap for the same reason.
    WS_MAX_SUBSCRIPTIONS_PER_USER: '100000',
  };
}

/** The yardstick: Apollo Server 5 on express 5 answering `{ hello }`, started once per bench run. */
export async function startYardstick(workDir: string): Promise<{ proc: Spawned; origin: string }> {
  const proc = spawnNode('bench/baseline/hello-server.mjs', { plain: true, logFile: path.join(workDir, 'hello.log') });
  const [, url] = await proc.waitFor(/ready at (http:\/\/\S+\/graphql)/, 30_000);
  return { proc, origin: new URL(url!).origin };
}

/** A load generator, once it said it is ready. */
export async function startLoad(workDir: string, script: LoadScript, name: string): Promise<Spawned> {
  const proc = spawnNode(script, { logFile: path.join(workDir, `${name}.log`), ipc: true });
  await new Promise<void>((resolve, reject) => {
    proc.child.once('message', () => resolve());
    proc.child.once('exit', (code) => reject(new Error(`${script} exited ${code}: ${proc.log().slice(-1000)}`)));
  });
  return proc;
}
