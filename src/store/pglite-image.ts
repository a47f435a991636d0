import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { access, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A freshly initialised, empty PostgreSQL data directory, as PGlite's gzip
 * tarball. initdb in PGlite takes seconds and peaks near 1 GB; a new database
 * unpacked from this image skips it. The image is made once per PGlite
 * version and kept in node_modules/.cache (or, on a read-only install, the
 * temp directory). Making it, and unpacking it into a new data directory, run
 * in short-lived child processes: memory allocated and freed inside the app's
 * process — even in a worker thread — stays resident, a child's goes back to
 * the system when it exits.
 */

const WORKER_FILE = fileURLToPath(new URL('./pglite-worker.js', import.meta.url));
/** An image smaller than this is not one (a torn or foreign file): it is made again. */
const MIN_IMAGE_BYTES = 512 * 1024;

/** Whether `dataDir` holds a database already. */
export function hasDatabase(dataDir: string): Promise<boolean> {
  return exists(path.join(dataDir, 'PG_VERSION'));
}

/**
 * Creates a database in the new (absent or empty) directory `dataDir` from
 * the image: unpacked beside it, then renamed into place, so a start cut
 * short never leaves a half-made database behind.
 */
export async function seedDataDir(dataDir: string): Promise<void> {
  const unpacking = `${dataDir}.new-${randomUUID()}`;
  try {
    await runChild(['seed', unpacking, await imageFile()]);
    await rename(unpacking, dataDir);
  } finally {
    await rm(unpacking, { recursive: true, force: true });
  }
}

/** The image's bytes (an in-memory database is unpacked from them in the app's worker). */
export async function imageBytes(): Promise<Uint8Array> {
  return new Uint8Array(await readFile(await imageFile()));
}

/** The image file, made first if there is none yet (racing processes each rename a complete file into place). */
async function imageFile(): Promise<string> {
  const { version, cacheDir } = await pgliteInstall();
  const name = `pglite-${version}.tar.gz`;
  for (const dir of [cacheDir, tmpdir()]) {
    const file = path.join(dir, name);
    if (await isImage(file)) return file;
  }
  let lastError: unknown;
  for (const dir of [cacheDir, tmpdir()]) {
    const file = path.join(dir, name);
    const partial = `${file}.${randomUUID()}.partial`;
    try {
      await mkdir(dir, { recursive: true });
      await runChild(['prepare', partial]);
      await rename(partial, file);
      return file;
    } catch (error) {
      lastError = error; // a read-only install: try the temp directory
    } finally {
      await rm(partial, { force: true });
    }
  }
  throw lastError;
}

async function isImage(file: string): Promise<boolean> {
  const bytes = await readFile(file).catch(() => undefined);
  return bytes !== undefined && bytes.length >= MIN_IMAGE_BYTES && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** PGlite's version, and node_modules/.cache/vehicle-access beside it. */
async function pgliteInstall(): Promise<{ version: string; cacheDir: string }> {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const packageDir = entry.slice(0, entry.lastIndexOf(`${path.sep}dist${path.sep}`));
  const { version } = JSON.parse(await readFile(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const nodeModules = packageDir.slice(0, packageDir.lastIndexOf(`${path.sep}@electric-sql`));
  return { version, cacheDir: path.join(nodeModules, '.cache', 'vehicle-access') };
}

/** `node pglite-worker.js <args>`, plain node (the file is JavaScript); rejects with its stderr. */
function runChild(args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER_FILE, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `preparing the embedded database failed (${signal ?? `exit ${code}`}): ${stderr.trim().slice(0, 500)}`,
          ),
        );
    });
  });
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
