import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { loadMigrations, migrate, pendingMigrations, splitStatements } from '../../src/store/migrate.js';
import { openDb } from '../../src/store/open.js';
import { Store } from '../../src/store/store.js';
import { STORES, type TestDatabase } from '../helpers/databases.js';

const TABLES = ['execution_transitions', 'executions', 'grants', 'idempotency_keys', 'schema_migrations', 'targets'];

describe('splitStatements', () => {
  it('splits on line-ending semicolons and drops comments', () => {
    expect(splitStatements('-- a\nCREATE TABLE a (x int);\n\n-- b\nCREATE INDEX i ON a (x);\n')).toEqual([
      'CREATE TABLE a (x int)',
      'CREATE INDEX i ON a (x)',
    ]);
  });
});

describe.each(STORES)('migrations on $name', ({ enabled, create }) => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    if (!enabled) return;
    database = await create();
    db = await openDb(database.location);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it.skipIf(!enabled)('apply every migration once, and again is a no-op', async () => {
    const all = (await loadMigrations()).map((m) => m.version);
    expect(await migrate(db)).toEqual(all);
    expect(await migrate(db)).toEqual([]);
    expect(await pendingMigrations(db)).toEqual([]);
    const tables = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(TABLES));
  });

  it.skipIf(!enabled)('are safe when several replicas start at once', async () => {
    if (database.location.kind !== 'postgres') {
      // PGlite is one process's embedded database: there is no second replica to race.
      const results = await Promise.all([migrate(db), migrate(db)]);
      expect(results.flat()).toEqual([]);
      return;
    }
    const fresh = await create();
    try {
      const replicas = await Promise.all([1, 2, 3].map(() => openDb(fresh.location)));
      const results = await Promise.all(replicas.map((replica) => migrate(replica)));
      // Exactly one replica applied each migration; the others found it done.
      const applied = results.flat().sort();
      expect(applied).toEqual((await loadMigrations()).map((m) => m.version).sort());
      const rows = await replicas[0]!.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
      expect(rows[0]!.n).toBe(applied.length);
      await Promise.all(replicas.map((r) => r.close()));
    } finally {
      await fresh.drop();
    }
  });

  it.skipIf(!enabled)('enforce the status values and unique provider references', async () => {
    const store = new Store(db);
    await expect(
      db.query(
        `INSERT INTO targets (id, kind, provider, external_id, created_by) VALUES ('x', 'BOAT', 'SMARTCAR', 'e', 'a')`,
      ),
    ).rejects.toThrow();
    expect((await store.readiness()).ready).toBe(true);
  });
});
