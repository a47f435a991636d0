import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { openPostgres } from '../../src/store/postgres-db.js';
import {
  createPostgresDatabase,
  describePostgres,
  TEST_DATABASE_URL,
  type TestDatabase,
} from '../helpers/databases.js';

describePostgres('the PostgreSQL pool while its connections are being killed', () => {
  let database: TestDatabase;
  let db: Db;
  let admin: pg.Client;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    db = await openPostgres((database.location as { url: string }).url);
    admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
  });
  afterAll(async () => {
    await db?.close();
    await admin?.end();
    await database?.drop();
  });

  it('fails the statements caught in it, keeps the process up, and answers once it stops', async () => {
    // A connection can die in any state: idle, under a statement, or just made and not yet
    // given a statement (its 'error' then comes before anyone used it). None may crash.
    const name = new URL((database.location as { url: string }).url).pathname.slice(1);
    const until = Date.now() + 3_000;
    const load = (async () => {
      let failed = 0;
      while (Date.now() < until) {
        const batch = await Promise.allSettled(
          Array.from({ length: 20 }, (_, i) =>
            i % 4 === 0 ? db.transaction((tx) => tx.query('SELECT 1')) : db.query('SELECT pg_sleep(0.001)'),
          ),
        );
        failed += batch.filter((result) => result.status === 'rejected').length;
      }
      return failed;
    })();
    let kills = 0;
    while (Date.now() < until) {
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      );
      kills++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const failed = await load;
    expect(kills).toBeGreaterThan(10);
    expect(failed).toBeGreaterThan(0);
    expect(await db.query<{ n: number }>('SELECT 1 AS n')).toEqual([{ n: 1 }]);
  });
});
