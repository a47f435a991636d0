import { execFileSync } from 'node:child_process';
import { chmod, chown, lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/store/open.js';
import { openPglite } from '../../src/store/pglite-db.js';
import { untrustedBecause, withImage, type ImageOptions } from '../../src/store/pglite-image.js';
import { describeUnless } from '../helpers/gates.js';
import { mountTinyDisk, type TinyDisk } from '../helpers/tiny-disk.js';

/**
 * The prepared image becomes the database, so where it is read from is a
 * matter of trust: a file another local user planted must never be used, and
 * a corrupt one must be made again instead of failing every start.
 */

const uid = process.getuid!();

/** An image like ours, but carrying a table an attacker put there. */
async function plantedImage(): Promise<Uint8Array> {
  const pg = new PGlite();
  await pg.exec('CREATE TABLE planted (v text)');
  const image = new Uint8Array(await (await pg.dumpDataDir('gzip')).arrayBuffer());
  await pg.close();
  return image;
}

/** Whether a database opened from the image (with these options) carries the planted table. */
async function opensPlanted(options: ImageOptions): Promise<boolean> {
  const db = await openPglite(undefined, options);
  try {
    const [row] = await db.query<{ found: string | null }>("SELECT to_regclass('planted')::text AS found");
    return row!.found !== null;
  } finally {
    await db.close();
  }
}

/** Plants the image under every name a lookup in `dir` could try, with a pointer naming it. */
async function plantIn(dir: string, image: Uint8Array): Promise<void> {
  const version = (
    JSON.parse(await readFile('node_modules/@electric-sql/pglite/package.json', 'utf8')) as {
      version: string;
    }
  ).version;
  const { createHash } = await import('node:crypto');
  const digest = createHash('sha256').update(image).digest('hex');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, `pglite-${version}.tar.gz`), image);
  await writeFile(path.join(dir, `pglite-${version}-${digest}.tar.gz`), image);
  await writeFile(path.join(dir, `pglite-${version}.sha256`), digest);
}

describe('where the prepared image is read from', () => {
  let root: string;
  let planted: Uint8Array;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'vas-image-'));
    planted = await plantedImage();
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('uses a writable cache directory, never an image planted in the shared temp directory', async () => {
    const tempDir = path.join(root, 'shared-tmp-1');
    await plantIn(tempDir, planted);
    await plantIn(path.join(tempDir, `vehicle-access-${uid}`), planted);
    const cacheDir = path.join(root, 'cache-1');

    expect(await opensPlanted({ cacheDir, tempDir })).toBe(false);
    const used = await withImage({ cacheDir, tempDir }, async (file) => file);
    expect(path.dirname(used)).toBe(cacheDir);
  });

  it('uses its own private temp directory (mode 0700, ours) when the cache directory cannot be written', async () => {
    const tempDir = path.join(root, 'shared-tmp-2');
    await mkdir(tempDir);
    const blocker = path.join(root, 'a-file');
    await writeFile(blocker, '');
    const cacheDir = path.join(blocker, 'cache'); // under a file: cannot be made

    const used = await withImage({ cacheDir, tempDir }, async (file) => file);
    const own = path.join(tempDir, `vehicle-access-${uid}`);
    expect(path.dirname(used)).toBe(own);
    const stats = await lstat(own);
    expect(stats.isDirectory()).toBe(true);
    expect(stats.mode & 0o777).toBe(0o700);
    // Made once, then found again.
    expect(await withImage({ cacheDir, tempDir }, async (file) => file)).toBe(used);
  });

  it('does not trust a private temp directory that is a symlink: the image is made for this start only', async () => {
    const tempDir = path.join(root, 'shared-tmp-3');
    const attackers = path.join(root, 'attackers-dir');
    await plantIn(attackers, planted);
    await mkdir(tempDir);
    await symlink(attackers, path.join(tempDir, `vehicle-access-${uid}`));
    const warnings: string[] = [];
    const options = { cacheDir: path.join(root, 'a-file', 'cache'), tempDir, warn: (m: string) => warnings.push(m) };

    expect(await opensPlanted(options)).toBe(false);
    expect(warnings.join('\n')).toMatch(/symbolic link/);
    // The one-start directory is gone afterwards; only the symlink is left.
    expect(await readdir(tempDir)).toEqual([`vehicle-access-${uid}`]);
  });

  it('names why a directory is not trusted: a link, not a directory, another owner, a mode other than 0700', async () => {
    const dir = path.join(root, 'checks');
    await mkdir(dir, { mode: 0o700 });
    expect(await untrustedBecause(dir)).toBeUndefined();
    await chmod(dir, 0o755);
    expect(await untrustedBecause(dir)).toMatch(/mode is 755/);
    await chmod(dir, 0o700);
    if (uid === 0) {
      await chown(dir, 4242, 4242);
      expect(await untrustedBecause(dir)).toMatch(/owned by uid 4242/);
      await chown(dir, 0, 0);
    }
    await writeFile(path.join(root, 'plain-file'), '');
    expect(await untrustedBecause(path.join(root, 'plain-file'))).toMatch(/not a directory/);
    await symlink(dir, path.join(root, 'link'));
    expect(await untrustedBecause(path.join(root, 'link'))).toMatch(/symbolic link/);
  });
});

describe('a corrupt cached image', () => {
  let cacheDir: string;
  beforeAll(async () => {
    cacheDir = await mkdtemp(path.join(tmpdir(), 'vas-image-corrupt-'));
    await withImage({ cacheDir }, async () => undefined);
  });
  afterAll(async () => {
    await rm(cacheDir, { recursive: true, force: true });
  });

  const corruptions: [string, (bytes: Buffer) => Uint8Array][] = [
    ['truncated', (bytes) => bytes.subarray(0, bytes.length >> 1)],
    ['a gzip header, then zeros', (bytes) => Buffer.concat([bytes.subarray(0, 10), Buffer.alloc(bytes.length - 10)])],
    ['valid gzip of garbage', (bytes) => gzipSync(Buffer.alloc(bytes.length, 0x5a))],
  ];

  it.each(corruptions)('%s: is discarded with a warning and made again, and the start succeeds', async (_, corrupt) => {
    const image = await withImage({ cacheDir }, async (file) => file);
    await writeFile(image, corrupt(await readFile(image)));
    const warnings: string[] = [];

    const db = await openPglite(undefined, { cacheDir, warn: (m) => warnings.push(m) });
    try {
      expect(await db.query('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/missing or corrupt: discarding it and making a new one/);
    const remade = await withImage({ cacheDir }, async (file) => file);
    expect(remade).not.toBe(image);
    expect(await readdir(cacheDir)).toEqual(expect.arrayContaining([path.basename(remade)]));
    expect((await readdir(cacheDir)).filter((name) => name.endsWith('.tar.gz'))).toEqual([path.basename(remade)]);
  });
});

const tinyDisk = await mountTinyDisk('2m');

describeUnless(typeof tinyDisk === 'string' ? tinyDisk : undefined, 'a first start on a full disk', () => {
  const disk = tinyDisk as TinyDisk;
  afterAll(() => disk.remove());

  it('fails with the cause, not "[object Object]"', async () => {
    const opening = openDb({ kind: 'pglite', dataDir: path.join(disk.dir, 'data') });
    await expect(opening).rejects.toThrow(/no space left on device/i);
    await expect(opening).rejects.not.toThrow(/object Object/);
  });
});

const readOnlyDisk = await mountTinyDisk('64m');

describeUnless(typeof readOnlyDisk === 'string' ? readOnlyDisk : undefined, 'a read-only install', () => {
  const disk = readOnlyDisk as TinyDisk;
  afterAll(() => disk.remove());

  it('uses the verified image already in its cache directory, making none in the temp directory', async () => {
    const made = await withImage({ cacheDir: disk.dir }, async (file) => file);
    execFileSync('mount', ['-o', 'remount,ro', disk.dir]);
    const tempDir = await mkdtemp(path.join(tmpdir(), 'vas-image-ro-'));
    try {
      expect(await withImage({ cacheDir: disk.dir, tempDir }, async (file) => file)).toBe(made);
      expect(await readdir(tempDir)).toEqual([]);
    } finally {
      execFileSync('mount', ['-o', 'remount,rw', disk.dir]);
      await rm(tempDir, { recursive: true, force: true });
    }
  });
});
