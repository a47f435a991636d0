import { stat } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'undici';
import { RegisterLockDocument } from '../../generated/graphql/graphql.js';
import { startMain } from '../helpers/child-process.js';
import { readyDemoApp } from '../helpers/demo-app.js';
import { gql } from '../helpers/graphql-client.js';
import { processScope } from '../helpers/process-scope.js';
import { signToken, startTestApp } from '../helpers/test-app.js';
import { run } from '../helpers/typed-client.js';

const FLEET = '{ vehicles { edges { node { id name provider } } } locks { edges { node { id name provider } } } }';
type Target = { id: string; name: string | null; provider: string };
/** Both lists at once: no operation of the client's asks for them together. */
type Fleet = { vehicles: { edges: { node: Target }[] }; locks: { edges: { node: Target }[] } };

describe('the process, as `npm start` runs it', () => {
  const scope = processScope();
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await scope.tempDir('vas-main-');
  });
  afterAll(() => scope.dispose());

  async function start() {
    const main = scope.track(startMain({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' }));
    return { main, ...(await readyDemoApp(main)) };
  }

  it(
    'serves the demo fleet with the printed tokens, keeps writes across a graceful restart',
    { timeout: 90_000 },
    async () => {
      const first = await start();
      const fleet = await gql<Fleet>(first.url, FLEET, {}, { token: first.userToken });
      expect(fleet.errors).toBeUndefined();
      expect(fleet.data!.vehicles.edges.map((e) => e.node.provider).sort()).toEqual(['MOBWAY', 'SMARTCAR']);
      expect(fleet.data!.locks.edges.map((e) => e.node.provider)).toEqual(['SPKEY']);
      expect(first.main.output()).toContain('curl -s');
      expect((await stat(path.join(dataDir, 'dev-jwt-secret'))).mode & 0o777).toBe(0o600);

      // A write in flight when SIGTERM arrives completes and is kept.
      const write = run(
        first.url,
        RegisterLockDocument,
        { input: { provider: 'SPKEY', externalId: '4242', name: 'Garage' } },
        first.adminToken,
      );
      await new Promise((resolve) => setTimeout(resolve, 5));
      first.main.kill('SIGTERM');
      const written = await write;
      expect(written.errors).toBeUndefined();
      expect(await first.main.exited()).toBe(0);

      // Same data dir: same dev secret (old tokens still work), no second demo fleet, the write is there.
      const second = await start();
      const admin = await gql<Fleet>(second.url, FLEET, {}, { token: first.adminToken });
      expect(admin.errors).toBeUndefined();
      expect(admin.data!.vehicles.edges).toHaveLength(2);
      expect(admin.data!.locks.edges.map((e) => e.node.name).sort()).toEqual(['Demo front door', 'Garage']);
      second.main.kill('SIGINT');
      expect(await second.main.exited()).toBe(0);
    },
  );

  it('prints no tokens when a real secret is configured', async () => {
    const main = scope.track(
      startMain({
        DATA_DIR: await scope.tempDir('vas-configured-'),
        PORT: '0',
        LOG_LEVEL: 'warn',
        DATABASE_URL: 'memory://',
        AUTH_JWT_SECRET: 'x'.repeat(40),
      }),
    );
    await main.waitFor(/ready at/);
    main.kill('SIGTERM');
    expect(await main.exited()).toBe(0);
    expect(main.output()).not.toMatch(/demo-admin|eyJ/);
  });

  it(
    'registers and grants nothing in production on the embedded store; DEMO_DATA=true is refused there',
    { timeout: 90_000 },
    async () => {
      const secret = 'p'.repeat(40);
      const env = {
        DATA_DIR: await scope.tempDir('vas-production-'),
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'production',
        AUTH_JWT_SECRET: secret,
      };
      const refused = scope.track(startMain({ ...env, DEMO_DATA: 'true' }));
      expect(await refused.exited()).toBe(2);
      expect(refused.output().trim()).toBe(
        'configuration error: DEMO_DATA cannot be true with NODE_ENV=production (it grants targets to demo-user)',
      );

      const main = scope.track(startMain(env));
      const [, url] = await main.waitFor(/ready at (http:\/\/\S+\/graphql)/, 60_000);
      const admin = await signToken(new TextEncoder().encode(secret), { sub: 'ops', roles: ['admin'] });
      const demoUser = await signToken(new TextEncoder().encode(secret), { sub: 'demo-user' });
      const everything = await gql(
        url!,
        '{ vehicles { edges { node { id } } } locks { edges { node { id } } } }',
        {},
        { token: admin },
      );
      expect(everything.data).toEqual({ vehicles: { edges: [] }, locks: { edges: [] } });
      const asDemo = await gql(url!, '{ vehicles { edges { node { id } } } }', {}, { token: demoUser });
      expect(asDemo.data).toEqual({ vehicles: { edges: [] } });
      main.kill('SIGTERM');
      expect(await main.exited()).toBe(0);
    },
  );

  it('exits non-zero with one line naming a wrong variable', async () => {
    const main = scope.track(startMain({ DATA_DIR: dataDir, PORT: 'eighty' }));
    expect(await main.exited()).toBe(2);
    expect(main.output().trim()).toBe('configuration error: PORT must be a port number 0-65535, got "eighty"');
  });

  it('exits non-zero with a clear message when the database is unreachable at start', async () => {
    const main = scope.track(
      startMain({ DATA_DIR: dataDir, PORT: '0', DATABASE_URL: 'postgres://nobody:secret-pw@127.0.0.1:1/none' }),
    );
    expect(await main.exited()).toBe(1);
    expect(main.output()).toMatch(
      /cannot start: cannot open the database \(postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none\)/,
    );
    expect(main.output()).not.toContain('secret-pw');
  });
});

describe('readiness', () => {
  it('turns false when the database is gone, while liveness stays true', async () => {
    const app = await startTestApp({ kind: 'memory' });
    const base = app.url.replace(/\/graphql$/, '');
    try {
      expect((await request(`${base}/readyz`)).statusCode).toBe(200);
      await app.store.close();
      const ready = await request(`${base}/readyz`);
      expect(ready.statusCode).toBe(503);
      expect(await ready.body.json()).toMatchObject({
        status: 'unavailable',
        reason: expect.stringMatching(/database unreachable/),
      });
      expect((await request(`${base}/healthz`)).statusCode).toBe(200);
    } finally {
      await app.dispose();
    }
  });
});
