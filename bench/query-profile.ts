/**
 * Statements per openLock and their time, in-process (no child processes): the
 * app's database is wrapped to count and time every statement while 300
 * sequential commands run on the embedded in-memory store, against the app's
 * built-in simulators.
 *   node --import tsx bench/query-profile.ts
 */
import 'reflect-metadata';
import { pino } from 'pino';
import { startApp } from '../src/app.js';
import { signToken } from '../src/auth/token-signer.js';
import { loadConfig } from '../src/config.js';
import type { Db, Queryable } from '../src/store/db.js';
import { gqlData } from './lib/gql.js';

const WARM_UP = 100;
const MEASURED = 300;
/** Statements are grouped by their first characters, whitespace folded. */
const STATEMENT_KEY_LENGTH = 90;
const TRANSACTION = 'TRANSACTION total';

/** Count and time of each statement while `measuring` is on. */
class StatementProfile {
  measuring = false;
  readonly byStatement = new Map<string, { count: number; ms: number }>();

  record(statement: string, ms: number): void {
    if (!this.measuring) return;
    const key = statement.replace(/\s+/g, ' ').slice(0, STATEMENT_KEY_LENGTH);
    const entry = this.byStatement.get(key) ?? { count: 0, ms: 0 };
    entry.count++;
    entry.ms += ms;
    this.byStatement.set(key, entry);
  }

  /** `queryable.query`, timed under `prefix` + the statement. */
  timed(queryable: Queryable, prefix = ''): Queryable['query'] {
    const query = queryable.query.bind(queryable);
    return (async (sql: string, params?: readonly unknown[], options?: Parameters<Queryable['query']>[2]) => {
      const started = performance.now();
      try {
        return await query(sql, params, options);
      } finally {
        this.record(prefix + sql, performance.now() - started);
      }
    }) as Queryable['query'];
  }

  /** Wraps every statement `db` runs, in a transaction or not, and each transaction as a whole. */
  instrument(db: Db): void {
    db.query = this.timed(db);
    const transaction = db.transaction.bind(db);
    db.transaction = (<T>(work: (tx: Queryable) => Promise<T>): Promise<T> => {
      const started = performance.now();
      return transaction((tx) => work({ query: this.timed(tx, '  tx: ') })).finally(() =>
        this.record(TRANSACTION, performance.now() - started),
      );
    }) as Db['transaction'];
  }
}

const secret = 'x'.repeat(40);
const config = loadConfig({
  PORT: '0',
  DATABASE_URL: 'memory://',
  AUTH_JWT_SECRET: secret,
  DEMO_DATA: 'false',
  LOG_LEVEL: 'silent',
  COMMAND_RATE_PER_MINUTE: '1000000',
  COMMAND_RATE_BURST: '1000000',
  ENGINE_TICK_MS: '10000',
});
const app = await startApp(config, { logger: pino({ level: 'silent' }) });
const profile = new StatementProfile();
profile.instrument(app.store.db);

const key = new TextEncoder().encode(secret);
const admin = await signToken(key, { sub: 'a', roles: ['admin'] });
const user = await signToken(key, { sub: 'u' });
const { registerLock } = await gqlData<{ registerLock: { id: string } }>(
  app.url,
  'mutation($input: RegisterLockInput!) { registerLock(input: $input) { id } }',
  { input: { provider: 'SPKEY', externalId: '123' } },
  admin,
);
const lockId = registerLock.id;
await gqlData(
  app.url,
  'mutation($input: GrantAccessInput!) { grantAccess(input: $input) }',
  { input: { userId: 'u', targetId: lockId } },
  admin,
);
const OPEN_LOCK = 'mutation($input: OpenLockInput!) { openLock(input: $input) { id status version error { code } } }';
const openLock = () => gqlData(app.url, OPEN_LOCK, { input: { lockId } }, user);

for (let i = 0; i < WARM_UP; i++) await openLock();
profile.measuring = true;
const started = performance.now();
for (let i = 0; i < MEASURED; i++) await openLock();
console.log('per command ms', ((performance.now() - started) / MEASURED).toFixed(2));
profile.measuring = false;

let statementMs = 0;
for (const [statement, { count, ms }] of [...profile.byStatement].sort((a, b) => b[1].ms - a[1].ms)) {
  if (statement !== TRANSACTION) statementMs += ms;
  const perCommand = (count / MEASURED).toFixed(2).padStart(5);
  console.log(perCommand, (ms / MEASURED).toFixed(3).padStart(7), 'ms/cmd ', statement);
}
console.log('sum of statement time ms/cmd', (statementMs / MEASURED).toFixed(2));
await app.stop();
