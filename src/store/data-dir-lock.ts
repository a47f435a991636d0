import { open, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';

/** Another live process holds the embedded database. */
export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError';
  readonly code = 'DATA_DIR_IN_USE';
}

/**
 * PGlite is a single-process database: two processes on one data dir would
 * each keep their own copy in memory and lose each other's writes. A pid file,
 * created exclusively, keeps the second one out; a stale file (its process is
 * gone) is taken over.
 */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  const file = path.join(dir, 'pglite.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx', 0o600);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return async () => {
        await unlink(file).catch(() => {});
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number((await readFile(file, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
        const who = holder === process.pid ? 'this process (opened twice)' : `process ${holder}`;
        throw new DataDirInUseError(`${dir} is in use by ${who}; stop it or use another DATA_DIR`);
      }
      await unlink(file).catch(() => {});
    }
  }
  throw new DataDirInUseError(`${dir} is being locked by another process; try again`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
