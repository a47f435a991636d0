import { Pool } from 'undici';
import type { CollectReply } from '../load/subscribers.js';
import { executionHistory } from './operations.js';
import type { AppProc } from './processes.js';

/** Execution id → version → its commit time (the history's `at`, ms since epoch). */
export type Histories = Map<string, Map<number, number>>;

/** Every execution's history (`at` of each version: the transition's commit time, ±1 ms), 8 at a time. */
export async function histories(app: AppProc, token: string, ids: readonly string[]): Promise<Histories> {
  const out: Histories = new Map();
  const pool = new Pool(app.origin, { connections: 8 });
  try {
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        const versions = new Map<number, number>();
        for (const entry of await executionHistory(app, token, id, pool))
          versions.set(entry.version, Date.parse(entry.at));
        out.set(id, versions);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  } finally {
    await pool.close();
  }
  return out;
}

/** Push delays: receipt time − the `at` of the version received (versions > `minVersion`). */
export function pushDelays(receipts: CollectReply['receipts'], history: Histories, minVersion: number): number[] {
  const delays: number[] = [];
  for (const [key, times] of Object.entries(receipts)) {
    const [id, versionText] = key.split(':');
    const version = Number(versionText);
    if (version <= minVersion) continue;
    const at = history.get(id!)?.get(version);
    if (at === undefined) continue;
    for (const time of times) delays.push(time - at);
  }
  return delays;
}
