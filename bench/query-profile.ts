/**
 * Statements per openLock and their time, in-process (no child processes): wraps the
 * store's Db to count and time every query while 300 sequential commands run.
 *   node --import tsx bench/query-profile.ts
 */
import 'reflect-metadata';
import { Store } from '../src/store/store.js';
import { startApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { startSimulators } from '../src/simulators/index.js';
import { signToken } from '../src/auth/token-signer.js';
import { gql, gqlData } from './lib/gql.js';
import { pino } from 'pino';
const stats = new Map<string, { n: number; ms: number }>();
let counting = false;
const rec = (sql: string, ms: number) => { if (!counting) return; const k = sql.replace(/\s+/g, ' ').slice(0, 90); const s = stats.get(k) ?? { n: 0, ms: 0 }; s.n++; s.ms += ms; stats.set(k, s); };
const origOpen = Store.open.bind(Store);
(Store as any).open = async (loc: any) => {
  const store = await origOpen(loc); const db: any = store.db;
  const q = db.query; db.query = async (s: string, p?: any) => { const t = performance.now(); try { return await q(s, p); } finally { rec(s, performance.now() - t); } };
  const tx = db.transaction; db.transaction = (w: any) => { const t = performance.now(); return tx((x: any) => w({ query: async (s: string, p?: any) => { const t2 = performance.now(); try { return await x.query(s, p); } finally { rec('  tx: ' + s, performance.now() - t2); } } })).finally(() => rec('TRANSACTION total', performance.now() - t)); };
  return store;
};
const sims = await startSimulators();
const secret = 'x'.repeat(40);
const config = loadConfig({ PORT: '0', DATABASE_URL: 'memory://', AUTH_JWT_SECRET: secret, DEMO_DATA: 'false', LOG_LEVEL: 'silent', COMMAND_RATE_PER_MINUTE: '1000000', COMMAND_RATE_BURST: '1000000', ENGINE_TICK_MS: '10000' });
const app = await startApp({ ...config, providers: sims.providersConfig() } as any, { logger: pino({ level: 'silent' }) });
const key = new TextEncoder().encode(secret);
const admin = await signToken(key, { sub: 'a', roles: ['admin'] }); const user = await signToken(key, { sub: 'u' });
const lockId = (await gqlData<{ registerLock: { id: string } }>(app.url, 'mutation($input: RegisterLockInput!) { registerLock(input: $input) { id } }', { input: { provider: 'SPKEY', externalId: '123' } }, admin)).registerLock.id;
await gql(app.url, 'mutation($input: GrantAccessInput!) { grantAccess(input: $input) }', { input: { userId: 'u', targetId: lockId } }, admin);
const M = 'mutation($input: OpenLockInput!) { openLock(input: $input) { id status version error { code } } }';
for (let i = 0; i < 100; i++) await gql(app.url, M, { input: { lockId } }, user);
counting = true; const N = 300; const t = performance.now();
for (let i = 0; i < N; i++) await gql(app.url, M, { input: { lockId } }, user);
console.log('per command ms', ((performance.now() - t) / N).toFixed(2));
counting = false;
let total = 0; for (const [k, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms)) { if (!k.startsWith('TRANS')) total += s.ms; console.log((s.n / N).toFixed(2).padStart(5), (s.ms / N).toFixed(3).padStart(7), 'ms/cmd ', k); }
console.log('sum of statement time ms/cmd', (total / N).toFixed(2));
await app.stop(); await sims.close(); process.exit(0);
