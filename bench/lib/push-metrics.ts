import { request } from 'undici';
import type { AppProc } from './processes.js';
import { round } from './stats.js';

/** The app's own figure of a push: commit → the last write of it to its connections, per audience (ms). */
export interface ServerWrites {
  p50: number | null;
  p99: number | null;
  max: number | null;
  /** Events × audiences observed. */
  count: number;
}

/**
 * Reads `vehicle_access_push_written_seconds` from the app's `/metrics` (a
 * summary: exact quantiles over the process's life, which is one run). Null
 * when the app has no such metric (a build from before it existed).
 */
export async function serverWrites(app: AppProc): Promise<ServerWrites | null> {
  const response = await request(`${app.origin}/metrics`);
  const text = await response.body.text();
  const quantile = (q: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`vehicle_access_push_written_seconds{quantile="${q}"}`));
    const value = line === undefined ? NaN : Number(line.split(' ').at(-1));
    return Number.isFinite(value) ? round(value * 1000, 1) : null;
  };
  const countLine = text.split('\n').find((l) => l.startsWith('vehicle_access_push_written_seconds_count'));
  if (countLine === undefined) return null;
  return {
    p50: quantile('0.5'),
    p99: quantile('0.99'),
    max: quantile('1'),
    count: Number(countLine.split(' ').at(-1)),
  };
}
