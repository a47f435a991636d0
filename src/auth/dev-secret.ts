import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

const FILE = 'dev-jwt-secret';
const MIN_BYTES = 32;

/**
 * The HS256 secret for a development instance with no auth configured:
 * generated once, kept in DATA_DIR (mode 0600) so that printed tokens survive
 * restarts. Never used in production (config refuses to start without auth).
 */
export async function loadOrCreateDevSecret(dataDir: string): Promise<Uint8Array> {
  const file = path.join(dataDir, FILE);
  const existing = await readSecret(file);
  if (existing) return existing;

  await mkdir(dataDir, { recursive: true });
  // Written whole to a private temp file, then linked into place: a reader
  // never sees a half-written secret, and if another process won the race,
  // its secret is kept (link fails with EEXIST).
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(temp, randomBytes(MIN_BYTES).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
  try {
    await link(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(temp).catch(() => {});
  }
  const secret = await readSecret(file);
  if (!secret) {
    throw new Error(`${file} does not hold a secret of at least ${MIN_BYTES} bytes; delete it to generate one`);
  }
  return secret;
}

/** The secret in `file`, or undefined if there is none; a short one is refused rather than used. */
async function readSecret(file: string): Promise<Uint8Array | undefined> {
  let text: string;
  try {
    text = (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const secret = Buffer.from(text, 'base64url');
  if (secret.length < MIN_BYTES) {
    throw new Error(`${file} holds a secret shorter than ${MIN_BYTES} bytes; delete it to generate a new one`);
  }
  return secret;
}
