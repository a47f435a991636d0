import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { startApp, type App } from '../../src/app.js';
import { signToken, type TokenClaims } from '../../src/auth/token-signer.js';
import { loadConfig } from '../../src/config.js';
import type { ProviderRegistry } from '../../src/providers/registry.js';
import type { StoreLocation } from '../../src/store/open.js';

export const TEST_SECRET = 'test-secret-that-is-at-least-32-bytes-long!!';
const SECRET_BYTES = new TextEncoder().encode(TEST_SECRET);

/** Engine timings short enough for tests; the defaults are seconds. */
export const FAST_ENGINE = {
  ENGINE_TICK_MS: '20',
  POLL_INTERVAL_MS: '100',
  POLL_MAX_INTERVAL_MS: '400',
  ACK_TIMEOUT_MS: '1500',
};

export interface TestApp extends App {
  dataDir: string;
  token(claims: TokenClaims): Promise<string>;
  /** Stops the app and removes its data dir. */
  dispose(): Promise<void>;
}

/**
 * The real app on port 0 with an HS256 secret known to the test. Extra env
 * overrides the defaults (e.g. AUTH_AUDIENCE).
 */
export async function startTestApp(
  store: StoreLocation,
  env: Record<string, string> = {},
  options: { logger?: Logger; providers?: ProviderRegistry } = {},
): Promise<TestApp> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vas-test-'));
  const config = loadConfig(
    {
      PORT: '0',
      DATA_DIR: dataDir,
      AUTH_JWT_SECRET: TEST_SECRET,
      LOG_LEVEL: 'silent',
      DEMO_DATA: 'false',
      // Suites send bursts on purpose; the rate limit has its own test.
      COMMAND_RATE_BURST: '100000',
      COMMAND_RATE_PER_MINUTE: '1000000',
      ...env,
    },
    options.providers,
  );
  const app = await startApp(
    { ...config, store },
    { logger: options.logger ?? pino({ level: 'silent' }), providers: options.providers },
  );
  const defaults = { issuer: config.auth.issuer, audience: config.auth.audience };
  return Object.assign(app, {
    dataDir,
    token: (claims: TokenClaims) => signToken(SECRET_BYTES, { ...defaults, ...claims }),
    async dispose() {
      await app.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  });
}

export { signToken, SECRET_BYTES };
