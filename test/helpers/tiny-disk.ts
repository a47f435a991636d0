import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TinyDisk {
  dir: string;
  remove(): Promise<void>;
}

/**
 * A tmpfs of `size` (e.g. '2m'), mounted on a fresh directory: a disk that a
 * test can fill. Mounting needs root, which CI and this project's machines
 * have; elsewhere the answer is the reason to skip.
 */
export async function mountTinyDisk(size: string): Promise<TinyDisk | string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'vas-tiny-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    await rm(dir, { recursive: true, force: true });
    return 'cannot mount a tmpfs here (needs root)';
  }
  return {
    dir,
    async remove() {
      execFileSync('umount', ['--lazy', dir], { stdio: 'ignore' });
      await rm(dir, { recursive: true, force: true });
    },
  };
}
