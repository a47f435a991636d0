import { createHash } from 'node:crypto';
import pg from 'pg';
import {
  assertChannelName,
  DatabaseUnavailableError,
  isConnectionError,
  type Db,
  type ListenOptions,
  type NotificationHandler,
  type QueryOptions,
} from './db.js';
import { withTimeout } from '../util/with-timeout.js';

/** How often the LISTEN connection is asked to prove it is alive, and how long it has to answer. */
const LISTENER_PING_MS = 10_000;
const LISTENER_PING_TIMEOUT_MS = 5_000;

/**
 * Opens a connection; a refusal, whatever its cause (server down, database
 * not accepting connections, too many clients, credentials rotated), means
 * the database is unavailable to us, not that a statement was wrong.
 */
async function connected<T>(connect: () => Promise<T>): Promise<T> {
  try {
    return await connect();
  } catch (error) {
    throw new DatabaseUnavailableError('cannot connect to the database', { cause: error });
  }
}

/**
 * PostgreSQL through a `pg` pool, for production and many replicas. LISTEN
 * needs a connection of its own that stays open, so it gets one dedicated
 * client, reconnected if the server drops it.
 */
export async function openPostgres(connectionString: string, options: { max?: number } = {}): Promise<Db> {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // A stuck statement must not hang readiness checks or shutdown.
    statement_timeout: 30_000,
    query_timeout: 35_000,
  });
  // An idle client that errors (server restart) must not crash the process;
  // the pool discards it and the next query reconnects.
  pool.on('error', () => {});
  // pg-pool listens for a client's errors only while it is idle. A connection that
  // dies while its client is out — under a statement, or just made and not yet used
  // (its FATAL can arrive with its first ReadyForQuery) — emits 'error' too, and with
  // no listener that crashes the process. Every client the pool makes is heard for
  // its whole life ('connect' comes before the pool hands it out); what it heard
  // keeps it from being given back.
  const lostConnections = new WeakMap<pg.Client, Error>();
  pool.on('connect', (client) => client.on('error', (error) => lostConnections.set(client, error)));
  // Fail fast with a clear error when the server is unreachable at start.
  try {
    const probe = await pool.connect();
    probe.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }

  const handlers = new Map<string, Set<NotificationHandler>>();
  const restoredListeners = new Set<NonNullable<ListenOptions['onRestored']>>();
  let listener: pg.Client | undefined;
  let lostAt: Date | undefined;
  /** When the LISTEN connection last proved it was delivering (LISTEN done, or a ping answered). */
  let lastHealthyAt = new Date();
  let relistenScheduled = false;
  let closed = false;

  /**
   * Forgets a dropped LISTEN connection and re-LISTENs on a fresh one.
   * Notifications sent meanwhile are lost, which is why NOTIFY only says
   * "look again": listeners are told, once back, since when to look — the
   * last moment the old connection was known to deliver.
   */
  function lose(client: pg.Client): void {
    if (listener === client) listener = undefined;
    lostAt ??= lastHealthyAt;
    void client.end().catch(() => {});
    scheduleRelisten();
  }

  function scheduleRelisten(): void {
    if (closed || relistenScheduled) return;
    relistenScheduled = true;
    setTimeout(() => {
      relistenScheduled = false;
      void relisten();
    }, 1_000).unref();
  }

  // A connection can die without a word (a host lost, a failover): TCP
  // keep-alive would take minutes to notice, so the listener is pinged.
  const ping = setInterval(() => void pingListener(), LISTENER_PING_MS);
  ping.unref();

  async function pingListener(): Promise<void> {
    const client = listener;
    if (!client || handlers.size === 0) return;
    try {
      const answered = await withTimeout(client.query('SELECT 1'), LISTENER_PING_TIMEOUT_MS);
      if (answered.done) lastHealthyAt = new Date();
      else lose(client); // it did not answer a ping in time
    } catch {
      lose(client);
    }
  }

  async function listenerClient(): Promise<pg.Client> {
    if (listener) return listener;
    // Keep-alive probes find a silently dead connection (no FIN from a lost host).
    const client = new pg.Client({ connectionString, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
    client.on('notification', (msg) => {
      for (const handler of handlers.get(msg.channel) ?? []) handler(msg.payload ?? '');
    });
    client.on('error', () => lose(client));
    await connected(() => client.connect());
    listener = client;
    return client;
  }

  async function relisten(): Promise<void> {
    try {
      const client = await listenerClient();
      for (const channel of handlers.keys()) await client.query(`LISTEN ${channel}`);
      lastHealthyAt = new Date();
      const since = lostAt;
      lostAt = undefined;
      if (since) {
        for (const restored of restoredListeners) {
          try {
            restored(since);
          } catch {
            // A listener's failure must not undo the LISTEN that succeeded.
          }
        }
      }
    } catch {
      scheduleRelisten();
    }
  }

  /** A client taken from the pool; given back destroyed if its connection was lost while out. */
  async function checkOut(): Promise<{ client: pg.PoolClient; release(error?: Error): void }> {
    const client = await connected(() => pool.connect());
    return {
      client,
      release(error) {
        client.release(error ?? lostConnections.get(client));
      },
    };
  }

  async function query<Row>(sql: string, params: readonly unknown[] = [], options?: QueryOptions): Promise<Row[]> {
    const { client, release } = await checkOut();
    let broken: Error | undefined;
    try {
      const result = await client.query(statement(sql, params, options));
      return result.rows as Row[];
    } catch (error) {
      // A connection that failed under the statement must not go back to the pool.
      if (isConnectionError(error)) broken = error as Error;
      throw error;
    } finally {
      release(broken);
    }
  }

  return {
    kind: 'postgres',
    query,
    async transaction(work) {
      const { client, release } = await checkOut();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work({
          async query<Row>(sql: string, params: readonly unknown[] = [], options?: QueryOptions) {
            const r = await client.query(statement(sql, params, options));
            return r.rows as Row[];
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          // A connection that cannot roll back must not go back to the pool.
          broken = rollbackError;
        });
        throw error;
      } finally {
        release(broken);
      }
    },
    async exec(sql) {
      await query(sql);
    },
    async listen(channel, handler, options = {}) {
      assertChannelName(channel);
      const { onRestored } = options;
      if (onRestored) restoredListeners.add(onRestored);
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
        await (await listenerClient()).query(`LISTEN ${channel}`);
        lastHealthyAt = new Date();
      }
      set.add(handler);
      return async () => {
        set.delete(handler);
        if (onRestored) restoredListeners.delete(onRestored);
        if (set.size === 0 && handlers.get(channel) === set) {
          handlers.delete(channel);
          await listener?.query(`UNLISTEN ${channel}`).catch(() => {});
        }
      };
    },
    async close() {
      closed = true;
      clearInterval(ping);
      const client = listener;
      listener = undefined;
      await client?.end().catch(() => {});
      await pool.end();
    },
  };
}

/** Names of prepared statements, by text: a name is the same on every connection and every replica. */
const statementNames = new Map<string, string>();

/**
 * The statement `pg` sends. A prepared one is named after its text, so each
 * connection parses and plans it once and then only binds and executes:
 * for the command path's writes that halves the server's time per statement.
 */
function statement(sql: string, params: readonly unknown[], options: QueryOptions | undefined): pg.QueryConfig {
  if (!options?.prepare) return { text: sql, values: params as unknown[] };
  let name = statementNames.get(sql);
  if (name === undefined) {
    name = `vas_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    statementNames.set(sql, name);
  }
  return { name, text: sql, values: params as unknown[] };
}
