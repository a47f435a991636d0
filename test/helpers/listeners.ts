import pg from 'pg';
import { TEST_DATABASE_URL, type TestDatabase } from './databases.js';
import type { TestApp } from './test-app.js';

/** Ends this database's LISTEN connection(s), as a failover or a network cut would. */
export async function terminateListeners(database: TestDatabase): Promise<number> {
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    const name = new URL((database.location as { url: string }).url).pathname.slice(1);
    const rows = await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'LISTEN%'`,
      [name],
    );
    return rows.rowCount ?? 0;
  } finally {
    await admin.end();
  }
}

/** Whether a replica's LISTEN connection is up again. */
export async function listening(app: TestApp): Promise<boolean> {
  const rows = await app.store.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`,
  );
  return rows[0]!.n > 0;
}
