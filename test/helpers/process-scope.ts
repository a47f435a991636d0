import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunningProcess } from './child-process.js';

/**
 * What a suite of whole processes leaves behind: the processes it starts and the
 * temporary folders it makes. `dispose` (in `afterAll`) kills every process that
 * still runs, waits for it to go, and removes every folder, whatever the tests did.
 */
export interface ProcessScope {
  /** Remembers a started process, to be killed at the end; answers it. */
  track<T extends RunningProcess>(process: T): T;
  /** A new empty folder under `base` (the system's temporary folder by default). */
  tempDir(prefix: string, base?: string): Promise<string>;
  dispose(): Promise<void>;
}

export function processScope(): ProcessScope {
  const processes: RunningProcess[] = [];
  const folders: string[] = [];
  return {
    track(process) {
      processes.push(process);
      return process;
    },
    async tempDir(prefix, base = tmpdir()) {
      const folder = await mkdtemp(path.join(base, prefix));
      folders.push(folder);
      return folder;
    },
    async dispose() {
      for (const process of processes) process.kill('SIGKILL');
      await Promise.all(processes.map((process) => process.exited(5_000).catch(() => null)));
      await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
    },
  };
}
