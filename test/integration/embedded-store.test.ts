import { PROVIDERS } from '../../src/providers/registry.js';
import { mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateDevSecret } from '../../src/auth/dev-secret.js';
import { DEMO_USER, seedDemoFleet } from '../../src/services/demo-fleet.js';
import { RegistryService } from '../../src/services/registry-service.js';
import { DataDirInUseError, lockDataDir } from '../../src/store/data-dir-lock.js';
import { openDb } from '../../src/store/open.js';
import { Store } from '../../src/store/store.js';
import { startScript, type RunningProcess } from '../helpers/child-process.js';
import { describeUnless } from '../helpers/gates.js';

/** This process's start time and the boot id, as the lock records them (Linux). */
async function ownIdentity() {
  const stat = await readFile(`/proc/${process.pid}/stat`, 'utf8');
  return {
    startTime: stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]!,
    bootId: (await readFile('/proc/sys/kernel/random/boot_id', 'utf8')).trim(),
  };
}
const onLinux = process.platform === 'linux';

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

  // Lock identity is read from /proc: these run on Linux only.
  describeUnless(onLinux ? undefined : 'needs Linux /proc', 'locks left by a restarted or foreign process', () => {
    it('takes over a lock whose PID is alive again as another process (a container restarted)', async () => {
      const { bootId } = await ownIdentity();
      // What a crashed holder that had this process's PID left: same PID, another start time.
      await writeFile(path.join(dataDir, 'pglite.lock'), JSON.stringify({ pid: process.pid, startTime: '1', bootId }));
      const db = await openDb({ kind: 'pglite', dataDir });
      await db.close();
      // The same for a lock written before the machine rebooted, and for a bare PID of an older version.
      const { startTime } = await ownIdentity();
      await writeFile(
        path.join(dataDir, 'pglite.lock'),
        JSON.stringify({ pid: process.pid, startTime, bootId: 'another-boot' }),
      );
      await (await openDb({ kind: 'pglite', dataDir })).close();
      await writeFile(path.join(dataDir, 'pglite.lock'), String(process.pid));
      await (await openDb({ kind: 'pglite', dataDir })).close();
    });

    it('takes over a lock file holding garbage', async () => {
      await writeFile(path.join(dataDir, 'pglite.lock'), '{"pid":"x"');
      await (await openDb({ kind: 'pglite', dataDir })).close();
    });

    it('refuses a data dir held by another live process, and takes it over once that process is killed', async () => {
      const holder: RunningProcess = startScript('test/integration/fixtures/hold-data-dir-lock.ts', [dataDir]);
      try {
        await holder.waitFor(/locked/);
        await expect(lockDataDir(dataDir)).rejects.toThrow(`in use by process ${holder.child.pid}`);
      } finally {
        holder.kill('SIGKILL');
        await holder.exited();
      }
      const unlock = await lockDataDir(dataDir);
      await unlock();
    });

    it('refuses a holder in another PID namespace while its heartbeat goes on, and takes over once it stops', async () => {
      const { bootId } = await ownIdentity();
      const timings = { heartbeatMs: 50, staleMs: 300 };
      const lock = path.join(dataDir, 'pglite.lock');
      // Another container on the same volume: its PID 1 is not ours.
      await writeFile(lock, JSON.stringify({ pid: 1, startTime: '42', bootId, pidNamespace: 'pid:[1]' }));
      const beating = setInterval(() => {
        const now = new Date();
        void utimes(lock, now, now).catch(() => {});
      }, timings.heartbeatMs);
      try {
        await expect(lockDataDir(dataDir, timings)).rejects.toThrow('in use by a process in another PID namespace');
      } finally {
        clearInterval(beating);
      }
      // The holder crashed: its lock ages, and is taken over.
      const unlock = await lockDataDir(dataDir, timings);
      // Ours beats too: another namespace would see it alive.
      const before = (await stat(lock)).mtimeMs;
      await expect.poll(async () => (await stat(lock)).mtimeMs, { timeout: 2_000 }).toBeGreaterThan(before);
      await unlock();
    });
  });

  it('lets exactly one of many racing openers take over a stale lock', async () => {
    const lockDir = path.join(dataDir, 'race');
    await mkdir(lockDir);
    await writeFile(path.join(lockDir, 'pglite.lock'), '999999999');
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => lockDataDir(lockDir)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected') expect(result.reason).toBeInstanceOf(DataDirInUseError);
    }
  });

  it('seeds the demo fleet once, and finishes an interrupted seeding instead of failing', async () => {
    const store = await Store.open({ kind: 'pglite', dataDir });
    try {
      const registry = new RegistryService(store, PROVIDERS);
      const first = await seedDemoFleet(store, registry, PROVIDERS);
      expect(first).toHaveLength(3);
      expect(await seedDemoFleet(store, registry, PROVIDERS)).toBeUndefined();
      // As if the process had stopped after registering but before recording the seed.
      await store.db.query('DELETE FROM app_meta');
      await store.db.query('DELETE FROM grants');
      const second = await seedDemoFleet(store, registry, PROVIDERS);
      expect(second!.map((t) => t.id)).toEqual(first!.map((t) => t.id));
      const grants = await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM grants WHERE user_id = $1', [
        DEMO_USER,
      ]);
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
