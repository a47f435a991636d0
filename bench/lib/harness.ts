import type { EngineSettings } from '../settings.js';
import type { Fleet } from './fleet.js';
import type { AppProc, LoadScript, SimulatorEnv } from './processes.js';
import type { Spawned } from './proc.js';

/** What every scenario gets from the runner: the shared processes and how to start more. */
export interface Harness {
  quick: boolean;
  engine: EngineSettings;
  /** The app's AUTH_JWT_SECRET, to sign the bench's tokens with. */
  secret: string;
  simulators: SimulatorEnv;
  /** The `{ hello }` server. */
  yardstick: { origin: string };
  /** An app replica on `databaseUrl` ('' : the embedded store in its DATA_DIR). */
  startApp(name: string, databaseUrl: string, extraEnv?: Record<string, string>): Promise<AppProc>;
  /** A load generator; the caller stops it. */
  startLoad(script: LoadScript, name: string): Promise<Spawned>;
}

/** A scenario's place: the harness, the app replica it measures and the fleet registered on its database. */
export interface ScenarioOn {
  harness: Harness;
  app: AppProc;
  fleet: Fleet;
}
