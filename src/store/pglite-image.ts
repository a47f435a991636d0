import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, lstat, mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A freshly initialised, empty PostgreSQL data directory, as PGlite's gzip
 * tarball. initdb in PGlite takes seconds and peaks near 1 GB; a new database
 * unpacked from this image skips it. The image is made once per PGlite
 * version and kept in node_modules/.cache. Making it, and unpacking it into a
 * new data directory, run in short-lived child processes: memory allocated
 * and freed inside the app's process — even in a worker thread — stays
 * resident, a child's goes back to the system when it exits.
 *
 * The image becomes the database, so where it is read from is a matter of
 * trust, not only of speed:
 * - The cache directory beside the installed PGlite is used whenever it can
 *   be written: whoever can write there can change the installed code too.
 *   On a read-only install, a verified image already there is used as is.
 * - Only on a read-only install without one is the temp directory used, and never its
 *   shared top level, where any local user can plant a file: a directory of
 *   our own in it, trusted only if `lstat` (which follows no symlink) finds it
 *   a real directory owned by this process's user with mode 0700. If it is
 *   not, the image is made for this start alone in a fresh private directory.
 * - Beside the image, a pointer names its SHA-256 digest. The digest catches a
 *   torn or corrupt file (a full disk, a crash mid-write), which is discarded
 *   and made again with a warning; it proves nothing about who wrote the file
 *   — the directory check above does that.
 */

const WORKER_FILE = fileURLToPath(new URL('./pglite-worker.js', import.meta.url));

export interface ImageOptions {
  /** Where images are kept (default: node_modules/.cache/vehicle-access beside PGlite). */
  cacheDir?: string;
  /** The shared temp directory, used only when `cacheDir` cannot be written (default: the OS's). */
  tempDir?: string;
  /** Told when a cached image is discarded or a directory is not trusted. */
  warn?: (message: string) => void;
}

/** Whether `dataDir` holds a database already. */
export function hasDatabase(dataDir: string): Promise<boolean> {
  return exists(path.join(dataDir, 'PG_VERSION'));
}

/**
 * Creates a database in the new (absent or empty) directory `dataDir` from
 * the image: unpacked beside it, then renamed into place, so a start cut
 * short never leaves a half-made database behind.
 */
export async function seedDataDir(dataDir: string, options: ImageOptions = {}): Promise<void> {
  const unpacking = `${dataDir}.new-${randomUUID()}`;
  try {
    await withImage(options, (file) => runChild(['seed', unpacking, file]));
    await rename(unpacking, dataDir);
  } finally {
    await rm(unpacking, { recursive: true, force: true });
  }
}

/** The image's bytes (an in-memory database is unpacked from them in the app's worker). */
export function imageBytes(options: ImageOptions = {}): Promise<Uint8Array> {
  return withImage(options, async (file) => new Uint8Array(await readFile(file)));
}

/**
 * Runs `use` with a verified image file, made first if there is none (or the
 * one there is corrupt). A directory made for this call alone is removed after.
 */
export async function withImage<T>(options: ImageOptions, use: (file: string) => Promise<T>): Promise<T> {
  const warn = options.warn ?? (() => {});
  const version = await pgliteVersion();
  const cacheDir = options.cacheDir ?? (await defaultCacheDir());
  // A read-only install keeps using the image made when it was writable (at build time, say).
  if (!(await isWritableDirectory(cacheDir))) {
    const shipped = await findImage(cacheDir, version);
    if (shipped.file !== undefined) return use(shipped.file);
  }
  const { dir, temporary } = await imageDirectory(cacheDir, options, warn);
  try {
    return await use(await verifiedImage(dir, version, warn));
  } finally {
    if (temporary) await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The pointer `pglite-<version>.sha256` holds the digest of the current image,
 * `pglite-<version>-<digest>.tar.gz`. Each file is renamed into place whole,
 * the image before its pointer, so racing processes each leave a pointer that
 * names a complete image. Answers the image if its bytes match the digest;
 * otherwise the file the pointer names (if it names one), to be discarded.
 */
async function findImage(dir: string, version: string): Promise<{ file?: string; corrupt?: string }> {
  const digest = (await readFile(pointerFile(dir, version), 'utf8').catch(() => '')).trim();
  // Only a digest's form goes into a file name: a pointer cannot name a path elsewhere.
  if (!/^[0-9a-f]{64}$/.test(digest)) return {};
  const file = imageName(dir, version, digest);
  const bytes = await readRegularFile(file);
  return bytes !== undefined && sha256(bytes) === digest ? { file } : { corrupt: file };
}

function pointerFile(dir: string, version: string): string {
  return path.join(dir, `pglite-${version}.sha256`);
}

/** The verified image in `dir`, made (again) first when there is none or it is corrupt. */
async function verifiedImage(dir: string, version: string, warn: (message: string) => void): Promise<string> {
  const found = await findImage(dir, version);
  if (found.file !== undefined) return found.file;
  if (found.corrupt !== undefined) {
    warn(`the prepared database image ${found.corrupt} is missing or corrupt: discarding it and making a new one`);
    await rm(found.corrupt, { force: true });
  }
  const pointer = pointerFile(dir, version);
  const partial = path.join(dir, `pglite-${version}.${randomUUID()}.partial`);
  try {
    await runChild(['prepare', partial]);
    const made = sha256(await readFile(partial));
    const file = imageName(dir, version, made);
    await rename(partial, file);
    await replaceWith(pointer, made);
    return file;
  } finally {
    await rm(partial, { force: true });
  }
}

function imageName(dir: string, version: string, digest: string): string {
  return path.join(dir, `pglite-${version}-${digest}.tar.gz`);
}

/** Writes `text` to `file` through a temporary file and a rename: a reader sees the old or the new, whole. */
async function replaceWith(file: string, text: string): Promise<void> {
  const partial = `${file}.${randomUUID()}.partial`;
  try {
    await writeFile(partial, text, { mode: 0o600 });
    await rename(partial, file);
  } finally {
    await rm(partial, { force: true });
  }
}

/**
 * The cache directory if it can be written; otherwise our private directory
 * in the temp directory, if it passes the ownership check; otherwise a fresh
 * one for this call.
 */
async function imageDirectory(
  cacheDir: string,
  options: ImageOptions,
  warn: (message: string) => void,
): Promise<{ dir: string; temporary: boolean }> {
  if (await isWritableDirectory(cacheDir)) return { dir: cacheDir, temporary: false };
  const tempDir = options.tempDir ?? tmpdir();
  const own = path.join(tempDir, `vehicle-access-${process.getuid?.() ?? 'user'}`);
  await mkdir(own, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EEXIST') throw error;
  });
  const refusal = await untrustedBecause(own);
  if (refusal === undefined) return { dir: own, temporary: false };
  warn(`not using ${own} for the prepared database image (${refusal}): making one for this start only`);
  return { dir: await mkdtemp(path.join(tempDir, 'vehicle-access-')), temporary: true };
}

/** Why `dir` may not be trusted, or undefined when it may: a real directory, ours, closed to everyone else. */
export async function untrustedBecause(dir: string): Promise<string | undefined> {
  const stats = await lstat(dir);
  if (stats.isSymbolicLink()) return 'it is a symbolic link';
  if (!stats.isDirectory()) return 'it is not a directory';
  const uid = process.getuid?.();
  if (uid !== undefined && stats.uid !== uid) return `it is owned by uid ${stats.uid}, not ${uid}`;
  if ((stats.mode & 0o777) !== 0o700) return `its mode is ${(stats.mode & 0o777).toString(8)}, not 700`;
  return undefined;
}

async function isWritableDirectory(dir: string): Promise<boolean> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The bytes of `file` if it is a regular file (not a link, not a device); undefined otherwise. */
async function readRegularFile(file: string): Promise<Buffer | undefined> {
  const stats = await lstat(file).catch(() => undefined);
  if (!stats?.isFile()) return undefined;
  return readFile(file).catch(() => undefined);
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The installed PGlite's directory. */
function pglitePackageDir(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  return entry.slice(0, entry.lastIndexOf(`${path.sep}dist${path.sep}`));
}

async function pgliteVersion(): Promise<string> {
  const manifest = await readFile(path.join(pglitePackageDir(), 'package.json'), 'utf8');
  return (JSON.parse(manifest) as { version: string }).version;
}

/** node_modules/.cache/vehicle-access, in the node_modules PGlite is installed in. */
async function defaultCacheDir(): Promise<string> {
  const packageDir = pglitePackageDir();
  const nodeModules = packageDir.slice(0, packageDir.lastIndexOf(`${path.sep}@electric-sql`));
  return path.join(nodeModules, '.cache', 'vehicle-access');
}

/** `node pglite-worker.js <args>`, plain node (the file is JavaScript); rejects with its stderr. */
function runChild(args: readonly ['prepare', string] | readonly ['seed', string, string]): Promise<void> {
  const what = args[0] === 'prepare' ? 'making the embedded database image' : 'creating the embedded database';
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER_FILE, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${what} failed (${signal ?? `exit ${code}`}): ${stderr.trim().slice(0, 500)}`));
    });
  });
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
