import { afterAll, beforeAll, expect, it } from 'vitest';
import { CommandType } from '../../src/domain/enums.js';
import { viewerFrom } from '../../src/domain/viewer.js';
import { Store } from '../../src/store/store.js';
import { describeEachStore, STORES, type TestDatabase } from '../helpers/databases.js';

/**
 * The list filters answer from an index, not by reading the table, at a
 * history's realistic size: 100,000 executions, one command type rare.
 * Checked on the plan the database chooses for the repository's own SQL.
 */
describeEachStore(STORES, 'commandExecutions filters on $name, at 100,000 executions', (testStore) => {
  let database: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    database = await testStore.create();
    store = await Store.open(database.location);
    await store.db.exec(`
      INSERT INTO targets (id, kind, provider, external_id, created_by)
        SELECT 'veh_' || i, 'VEHICLE', 'SMARTCAR', 'ext-' || i, 'root' FROM generate_series(1, 20) i;
      INSERT INTO grants (target_id, user_id, granted_by)
        SELECT 'veh_' || i, 'alice', 'root' FROM generate_series(1, 20) i;
      INSERT INTO executions (id, target_id, provider, command_type, status, requested_by, requested_at)
        SELECT 'cex_' || i, 'veh_' || (1 + i % 20), 'SMARTCAR',
               (ARRAY['LOCK', 'UNLOCK', 'START_CHARGE', 'STOP_CHARGE'])[1 + i % 4], 'SUCCESS', 'alice', now()
        FROM generate_series(1, 100000) i;
      INSERT INTO executions (id, target_id, provider, command_type, status, requested_by, requested_at)
        SELECT 'cex_rare_' || i, 'veh_1', 'MOBWAY', 'DISABLE_IGNITION', 'SUCCESS', 'alice', now() FROM generate_series(1, 3) i;
      ANALYZE;
    `);
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  /** The plan chosen for the statement `list` sends, with its parameters. */
  async function planOf(list: () => Promise<unknown>): Promise<string> {
    const original = store.db.query.bind(store.db);
    let sent: { sql: string; params?: readonly unknown[] } | undefined;
    store.db.query = (async (sql: string, params?: readonly unknown[]) => {
      sent ??= { sql, params };
      return original(sql, params);
    }) as typeof store.db.query;
    try {
      await list();
    } finally {
      store.db.query = original;
    }
    const rows = await store.db.query<Record<string, string>>(`EXPLAIN ${sent!.sql}`, sent!.params);
    return rows.map((row) => Object.values(row)[0]).join('\n');
  }

  it.each([
    ['a user', viewerFrom('alice', [])],
    ['an admin', viewerFrom('root', ['admin'])],
  ])('a rare commandType, for %s, is read by index', async (_, viewer) => {
    const page = await store.executions.listVisible(viewer, { commandType: CommandType.DISABLE_IGNITION }, 20, null);
    expect(page.items.map((e) => e.commandType)).toEqual(['DISABLE_IGNITION', 'DISABLE_IGNITION', 'DISABLE_IGNITION']);
    const plan = await planOf(() =>
      store.executions.listVisible(viewer, { commandType: CommandType.DISABLE_IGNITION }, 20, null),
    );
    expect(plan).not.toMatch(/Seq Scan on executions/);
    // Read through the commandType index, as an index scan or a bitmap scan (the planner picks
    // by its statistics of the moment; both read only the rows of that type).
    expect(plan).toMatch(/(Index Scan using|Bitmap Index Scan on) executions_(requester_)?type_seq/);
  });
});
