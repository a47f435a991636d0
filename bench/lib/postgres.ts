import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** What a PostgreSQL scenario records when no server answers. */
export interface Skipped {
  skipped: string;
}

export function isSkipped(value: object): value is Skipped {
  return 'skipped' in value;
}

/**
 * Runs `work` on a fresh database (`vas_bench_<random>`) of the server at BENCH_DATABASE_URL,
 * else TEST_DATABASE_URL, else the local default, and drops it afterwards.
 */
export async function withPostgresDatabase<T>(work: (url: string) => Promise<T>): Promise<T | Skipped> {
  const base =
    process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `vas_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 3_000 });
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (error) {
    await admin.end().catch(() => {});
    return { skipped: `PostgreSQL not reachable at ${base.replace(/\/\/[^@]*@/, '//***@')}: ${String(error)}` };
  }
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    const drop = new pg.Client({ connectionString: base });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    await drop.end();
  }
}
