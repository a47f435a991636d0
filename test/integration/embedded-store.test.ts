import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateDevSecret } from '../../src/auth/dev-secret.js';
import { DEMO_USER, seedDemoFleet } from '../../src/engine/demo-fleet.js';
import { RegistryService } from '../../src/engine/registry-service.js';
import { DataDirInUseError } from '../../src/store/data-dir-lock.js';
import { openDb } from '../../src/store/open.js';
import { Store } from '../../src/store/store.js';

describe('the embedded store and its data dir', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'vas-embedded-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a second process-level opener of the same data dir, and frees it on close', async () => {
    const first = await openDb({ kind: 'pglite', dataDir });
    await expect(openDb({ kind: 'pglite', dataDir })).rejects.toThrow(DataDirInUseError);
    await first.close();
    const again = await openDb({ kind: 'pglite', dataDir });
    await again.close();
  });

  it('takes over a lock left by a process that is gone', async () => {
    await writeFile(path.join(dataDir, 'pglite.lock'), '999999999');
    const db = await openDb({ kind: 'pglite', dataDir });
    await db.close();
  });

  it('seeds the demo fleet once, and finishes an interrupted seeding instead of failing', async () => {
    const store = await Store.open({ kind: 'pglite', dataDir });
    try {
      const registry = new RegistryService(store);
      const first = await seedDemoFleet(store, registry);
      expect(first).toHaveLength(3);
      expect(await seedDemoFleet(store, registry)).toBeUndefined();
      // As if the process had stopped after registering but before recording the seed.
      await store.db.query('DELETE FROM app_meta');
      await store.db.query('DELETE FROM grants');
      const second = await seedDemoFleet(store, registry);
      expect(second!.map((t) => t.id)).toEqual(first!.map((t) => t.id));
      const grants = await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM grants WHERE user_id = $1', [DEMO_USER]);
      expect(grants[0]!.n).toBe(3);
    } finally {
      await store.close();
    }
  });
});

describe('the generated development secret', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'vas-secret-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is created once, 32 bytes, and the same for concurrent starters', async () => {
    const secrets = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateDevSecret(dataDir)));
    expect(secrets[0]!.length).toBe(32);
    for (const secret of secrets) expect(Buffer.from(secret).equals(Buffer.from(secrets[0]!))).toBe(true);
    const stored = (await readFile(path.join(dataDir, 'dev-jwt-secret'), 'utf8')).trim();
    expect(Buffer.from(stored, 'base64url').equals(Buffer.from(secrets[0]!))).toBe(true);
  });

  it('refuses a short secret rather than signing with it', async () => {
    await writeFile(path.join(dataDir, 'dev-jwt-secret'), 'abc\n');
    await expect(loadOrCreateDevSecret(dataDir)).rejects.toThrow(/shorter than 32 bytes/);
  });
});
