import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';
import type { StoreLocation } from '../../src/store/open.js';

/**
 * PostgreSQL tests run when TEST_DATABASE_URL is set (CI sets it) and are
 * reported skipped, with this reason, otherwise.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
export const POSTGRES_SKIP_REASON = 'TEST_DATABASE_URL not set';

/** A name for a describe block that says, when skipped, why. */
export function postgresSuiteName(name: string): string {
  return TEST_DATABASE_URL ? `${name} [PostgreSQL]` : `${name} [PostgreSQL skipped: ${POSTGRES_SKIP_REASON}]`;
}

export interface TestDatabase {
  location: StoreLocation;
  drop(): Promise<void>;
}

/** A fresh, empty PostgreSQL database per suite, dropped afterwards. */
export async function createPostgresDatabase(): Promise<TestDatabase> {
  if (!TEST_DATABASE_URL) throw new Error(POSTGRES_SKIP_REASON);
  const name = `vas_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    location: { kind: 'postgres', url: url.toString() },
    async drop() {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export function memoryDatabase(): TestDatabase {
  return { location: { kind: 'memory' }, drop: async () => {} };
}

/** PGlite on disk, for tests that stop an app and start another on the same data. */
export async function pgliteFileDatabase(): Promise<TestDatabase> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'vas-pglite-'));
  return { location: { kind: 'pglite', dataDir }, drop: () => rm(dataDir, { recursive: true, force: true }) };
}

export interface TestStore {
  name: string;
  enabled: boolean;
  create(): Promise<TestDatabase>;
}

/** PostgreSQL's name in a per-store suite's title; skipped, it says why. */
const POSTGRES_STORE = TEST_DATABASE_URL ? 'PostgreSQL' : `PostgreSQL [skipped: ${POSTGRES_SKIP_REASON}]`;

/** Stores that outlive an app: a restart sees the same data. */
export const DURABLE_STORES: readonly TestStore[] = [
  { name: 'PGlite (on disk)', enabled: true, create: pgliteFileDatabase },
  { name: POSTGRES_STORE, enabled: Boolean(TEST_DATABASE_URL), create: createPostgresDatabase },
];

/** The two stores every store-dependent suite runs on. */
export const STORES: readonly TestStore[] = [
  { name: 'PGlite', enabled: true, create: async () => memoryDatabase() },
  { name: POSTGRES_STORE, enabled: Boolean(TEST_DATABASE_URL), create: createPostgresDatabase },
];

/** A suite that needs PostgreSQL: skipped, with the reason, when TEST_DATABASE_URL is not set. */
export function describePostgres(name: string, body: () => void): void {
  describe.skipIf(!TEST_DATABASE_URL)(postgresSuiteName(name), body);
}

/**
 * One suite per store, `$name` in the title standing for the store's; the
 * stores that cannot run here are skipped whole (their names say why), so
 * the tests and hooks inside need no guard.
 */
export function describeEachStore(stores: readonly TestStore[], title: string, body: (store: TestStore) => void): void {
  for (const store of stores) describe.skipIf(!store.enabled)(title.replace('$name', store.name), () => body(store));
}
