import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { loadMigrations, migrate, pendingMigrations, splitStatements } from '../../src/store/migrate.js';
import { openDb } from '../../src/store/open.js';
import { Store } from '../../src/store/store.js';
import { describeEachStore, STORES, type TestDatabase } from '../helpers/databases.js';

const TABLES = ['execution_transitions', 'executions', 'grants', 'idempotency_keys', 'schema_migrations', 'targets'];

describe('splitStatements', () => {
  it('splits on line-ending semicolons and drops comments', () => {
    expect(splitStatements('-- a\nCREATE TABLE a (x int);\n\n-- b\nCREATE INDEX i ON a (x);\n')).toEqual([
      'CREATE TABLE a (x int)',
      'CREATE INDEX i ON a (x)',
    ]);
  });

  it('keeps a dollar-quoted function body, semicolons and comments inside it, as one statement', () => {
    const body =
      'CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  -- why\n  PERFORM 1;\n  RETURN ' +
        'OLD;\nEND\n$$';
    expect(
      splitStatements(`-- a\n${body};\nCREATE TRIGGER t AFTER DELETE ON g FOR EACH ROW EXECUTE FUNCTION f();\n`),
    ).toEqual([body, 'CREATE TRIGGER t AFTER DELETE ON g FOR EACH ROW EXECUTE FUNCTION f()']);
  });
});

describeEachStore(STORES, 'migrations on $name', ({ create }) => {
  let database: TestDatabase;
  let db: Db;

  beforeAll(async () => {
    database = await create();
    db = await openDb(database.location);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('apply every migration once, and again is a no-op', async () => {
    const all = (await loadMigrations()).map((m) => m.version);
    expect(await migrate(db)).toEqual(all);
    expect(await migrate(db)).toEqual([]);
    expect(await pendingMigrations(db)).toEqual([]);
    const tables = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(TABLES));
  });

  it('are safe when several replicas start at once', async () => {
    if (database.location.kind !== 'postgres') {
      // PGlite is one process's database (the data dir is locked): the race is
      // between concurrent starts inside it, on a fresh database.
      const fresh = await openDb({ kind: 'memory' });
      try {
        const results = await Promise.all([migrate(fresh), migrate(fresh), migrate(fresh)]);
        expect(results.flat().sort()).toEqual((await loadMigrations()).map((m) => m.version).sort());
      } finally {
        await fresh.close();
      }
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

  it('enforce the kinds, statuses and unique provider references', async () => {
    const store = new Store(db);
    const insertTarget = (id: string, kind: string, externalId: string) =>
      db.query(`INSERT INTO targets (id, kind, provider, external_id, created_by) VALUES ($1, $2, 'SPKEY', $3, 'a')`, [
        id,
        kind,
        externalId,
      ]);
    await expect(insertTarget('x1', 'BOAT', '1')).rejects.toThrow();
    await insertTarget('x2', 'LOCK', '2');
    await expect(insertTarget('x3', 'LOCK', '2')).rejects.toThrow();
    await expect(
      db.query(
        `INSERT INTO executions (id, target_id, provider, command_type, status, requested_by, requested_at)
         VALUES ('e1', 'x2', 'SPKEY', 'OPEN_LOCK', 'DONE', 'a', now())`,
      ),
    ).rejects.toThrow();
    expect((await store.readiness()).ready).toBe(true);
  });
});
