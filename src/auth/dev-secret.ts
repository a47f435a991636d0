import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

const FILE = 'dev-jwt-secret';

/**
 * The HS256 secret for a development instance with no auth configured:
 * generated once, kept in DATA_DIR (mode 0600) so that printed tokens survive
 * restarts. Never used in production (config refuses to start without auth).
 */
export async function loadOrCreateDevSecret(dataDir: string): Promise<Uint8Array> {
  const file = path.join(dataDir, FILE);
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (existing.length >= 43) return Buffer.from(existing, 'base64url');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32);
  // 'wx': if another process created it meanwhile, keep theirs.
  try {
    await writeFile(file, secret.toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return Buffer.from((await readFile(file, 'utf8')).trim(), 'base64url');
  }
}
