import type { StoreLocation } from '../../src/store/open.js';
import { startMain, type RunningProcess } from './child-process.js';
import type { ProcessScope } from './process-scope.js';
import { providerEnv, type Simulators } from './simulated-providers.js';
import { FAST_ENGINE, TEST_SECRET } from './test-app.js';

/**
 * `npm start` as a child process on a durable store, pointed at standalone
 * simulators (which outlive it): what a suite kills (SIGKILL) and starts again
 * on the same data. A replica stops counting as alive after 1 s of silence, so
 * what the killed one had in flight ends soon after the restart.
 */
export async function startAppProcess(
  scope: ProcessScope,
  location: StoreLocation,
  simulators: Simulators,
): Promise<{ main: RunningProcess; url: string; wsUrl: string }> {
  const main = scope.track(
    startMain({
      ...FAST_ENGINE,
      ...providerEnv(simulators),
      PORT: '0',
      LOG_LEVEL: 'warn',
      DEMO_DATA: 'false',
      AUTH_JWT_SECRET: TEST_SECRET,
      INSTANCE_STALE_MS: '1000',
      ...(location.kind === 'postgres'
        ? { DATABASE_URL: location.url }
        : { DATA_DIR: (location as { dataDir: string }).dataDir }),
    }),
  );
  const [, url] = await main.waitFor(/ready at (http:\/\/\S+\/graphql)/);
  return { main, url: url!, wsUrl: url!.replace(/^http/, 'ws') };
}
