import { PGlite } from '@electric-sql/pglite';
import { assertChannelName, type Db, type NotificationHandler, type Queryable } from './db.js';

/**
 * PGlite, the embedded default. `dataDir` undefined means in-memory
 * (`DATABASE_URL=memory://`). PGlite is a single connection; it queues
 * queries and transactions itself.
 */
export async function openPglite(dataDir: string | undefined): Promise<Db> {
  const pg = dataDir === undefined ? new PGlite() : new PGlite(dataDir);
  await pg.waitReady;

  const wrap = (q: { query: PGlite['query'] }): Queryable => ({
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const result = await q.query<Row>(sql, params as unknown[]);
      return result.rows;
    },
  });
  const root = wrap(pg);

  return {
    kind: 'pglite',
    query: root.query,
    transaction: (work) => pg.transaction((tx) => work(wrap(tx))),
    exec: async (sql) => {
      await pg.exec(sql);
    },
    // In-process: the "connection" is never lost, so there is nothing to restore.
    async listen(channel: string, handler: NotificationHandler) {
      assertChannelName(channel);
      const unsubscribe = await pg.listen(channel, handler);
      return async () => {
        if (!pg.closed) await unsubscribe();
      };
    },
    async close() {
      if (!pg.closed) await pg.close();
    },
  };
}
