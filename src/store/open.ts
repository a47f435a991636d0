import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Db } from './db.js';
import { DatabaseUnavailableError } from './db.js';
import { DataDirInUseError, lockDataDir } from './data-dir-lock.js';
import { openPostgres } from './postgres-db.js';

/** Where the store lives, decided by config from `DATABASE_URL` and `DATA_DIR`. */
export type StoreLocation =
  { kind: 'pglite'; dataDir: string } | { kind: 'memory' } | { kind: 'postgres'; url: string };

export interface OpenOptions {
  /** Told what the store works around (a corrupt cached image made again) and what fails (a full disk). */
  logger?: Pick<Logger, 'warn' | 'error' | 'info'>;
}

export async function openDb(location: StoreLocation, options: OpenOptions = {}): Promise<Db> {
  try {
    switch (location.kind) {
      case 'memory':
        return await (await loadPglite()).openPglite(undefined, imageOptions(options));
      case 'pglite': {
        const dir = path.resolve(location.dataDir, 'pglite');
        await mkdir(dir, { recursive: true });
        const unlock = await lockDataDir(location.dataDir);
        try {
          const db = await (await loadPglite()).openPglite(dir, imageOptions(options));
          return {
            ...db,
            close: async () => {
              await db.close();
              await unlock();
            },
          };
        } catch (error) {
          await unlock();
          throw error;
        }
      }
      case 'postgres':
        return await openPostgres(location.url);
    }
  } catch (error) {
    if (error instanceof DataDirInUseError) throw error;
    const where = location.kind === 'postgres' ? redactUrl(location.url) : location.kind;
    throw new DatabaseUnavailableError(
      `cannot open the database (${where}): ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}

function imageOptions({ logger }: OpenOptions) {
  return { warn: (message: string) => logger?.warn({ component: 'store' }, message) };
}

/** PGlite (and its WASM engine) is loaded only by an app that uses it: a PostgreSQL replica never pays its memory. */
function loadPglite() {
  return import('./pglite-db.js');
}

/** A connection string without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'an unparsable DATABASE_URL';
  }
}
