import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { rssBytes } from '../lib/proc.js';
import { round } from '../lib/stats.js';

/** One way the app starts, and its resident memory once idle. */
export interface IdleMemoryRow {
  store: 'embedded, first start' | 'embedded, reopen' | 'embedded, memory://' | 'postgres';
  /** VmRSS when the app printed "ready". */
  atReadyMiB: number;
  /** VmRSS after `settleMs` of idleness. */
  idleMiB: number;
  /** How long the start took, to "ready". */
  startMs: number;
}

export interface IdleMemoryResult {
  settleMs: number;
  rows: IdleMemoryRow[];
  /** Why the PostgreSQL row is missing, if it is. */
  postgresSkipped?: string;
}

/** Starts the built app (no load), and stops it. */
export type StartIdleApp = (
  name: string,
  databaseUrl: string,
  dataDir: string,
) => Promise<{ pid: number; stop(): Promise<void> }>;

/**
 * Scenario 5: idle RSS by store. The embedded store is measured on a fresh
 * data directory (its first start, which creates the database) and on the
 * same directory again (reopen), and in memory (what tests use); PostgreSQL
 * on a fresh database. Nothing else runs meanwhile.
 */
export async function measureIdleMemory(options: {
  workDir: string;
  settleMs: number;
  start: StartIdleApp;
  withPostgres: <T>(work: (url: string) => Promise<T>) => Promise<T | { skipped: string }>;
  note: (text: string) => void;
}): Promise<IdleMemoryResult> {
  const rows: IdleMemoryRow[] = [];
  const measure = async (store: IdleMemoryRow['store'], databaseUrl: string, dataDir: string) => {
    options.note(`scenario 5: idle memory, ${store}`);
    const started = Date.now();
    const app = await options.start(`idle-${rows.length}`, databaseUrl, dataDir);
    const startMs = Date.now() - started;
    try {
      const atReady = rssBytes(app.pid);
      await sleep(options.settleMs);
      rows.push({ store, atReadyMiB: mib(atReady), idleMiB: mib(rssBytes(app.pid)), startMs });
    } finally {
      await app.stop();
    }
  };
  const dataDir = mkdtempSync(path.join(options.workDir, 'idle-embedded-'));
  try {
    // DATABASE_URL unset: the embedded store in DATA_DIR.
    await measure('embedded, first start', '', dataDir);
    await measure('embedded, reopen', '', dataDir);
    await measure('embedded, memory://', 'memory://', mkdtempSync(path.join(options.workDir, 'idle-memory-')));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const postgres = await options.withPostgres(async (url) => {
    await measure('postgres', url, mkdtempSync(path.join(options.workDir, 'idle-pg-')));
  });
  return {
    settleMs: options.settleMs,
    rows,
    ...(postgres && typeof postgres === 'object' && 'skipped' in postgres ? { postgresSkipped: postgres.skipped } : {}),
  };
}

function mib(bytes: number): number {
  return round(bytes / 2 ** 20, 1) ?? 0;
}
