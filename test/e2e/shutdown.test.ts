import { simulated } from '../helpers/simulated-providers.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.js';
import { pgliteFileDatabase, type TestDatabase } from '../helpers/databases.js';
import { OpenLockDocument } from '../../generated/graphql/graphql.js';
import { appRegistry } from '../helpers/registry.js';
import { FAST_ENGINE, startTestApp } from '../helpers/test-app.js';
import { run } from '../helpers/typed-client.js';
import { eventually, subscribe, wsClient } from '../helpers/ws-client.js';

describe('graceful shutdown', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await pgliteFileDatabase();
  });
  afterAll(() => database?.drop());

  it('lets commands in flight over HTTP and WebSocket finish and keeps their writes', async () => {
    const app = await startTestApp(database.location, FAST_ENGINE);
    const lockId = await (await appRegistry(app)).lock({ provider: 'SPKEY', externalId: '123' }, 'alice');
    const alice = await app.token({ sub: 'alice' });
    // The provider takes 700 ms: both commands are mid-flight when the stop begins.
    simulated(app).spkey.configure({ latencyMs: 700 });

    const overHttp = run(app.url, OpenLockDocument, { input: { lockId, reason: 'http' } }, alice);
    const client = wsClient(app.wsUrl, alice);
    // A mutation over WebSocket on purpose, which the typed `watch` (for subscriptions) does not send.
    subscribe(client, `mutation { openLock(input: { lockId: "${lockId}", reason: "ws" }) { id } }`);
    await eventually(
      async () => (await app.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM executions'))[0]!.n === 2,
      5_000,
      'both commands to be stored',
    );

    await app.dispose();
    const answered = await overHttp;
    expect(answered.data!.openLock.status).toBe('SUCCESS');
    await client.dispose();

    const store = await Store.open(database.location);
    try {
      const rows = await store.db.query<{ status: string; reason: string }>(
        `SELECT status, parameters->>'reason' AS reason FROM executions ORDER BY reason`,
      );
      expect(rows).toEqual([
        { status: 'SUCCESS', reason: 'http' },
        { status: 'SUCCESS', reason: 'ws' },
      ]);
    } finally {
      await store.close();
    }
  });
});
