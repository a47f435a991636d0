import { getJson } from './gql.js';

/** A simulator's knobs (POST /__sim/configure), e.g. `latencyMs`, `completionDelayMs`. */
export async function configureSimulator(baseUrl: string, knobs: Record<string, unknown>): Promise<void> {
  await getJson(`${baseUrl}/__sim/configure`, 'POST', { knobs });
}

/** Requests the simulator served since the last reset, by `METHOD /route`. */
export async function simulatorCounts(baseUrl: string): Promise<Record<string, number>> {
  return (await getJson<{ counts: Record<string, number> }>(`${baseUrl}/__sim/counts`)).counts;
}

export async function resetSimulatorCounts(baseUrl: string): Promise<void> {
  await getJson(`${baseUrl}/__sim/reset-counts`, 'POST', {});
}

/** The Mobway provider polls the app made (GET /vehicle-command/{id}). */
export function mobwayPolls(counts: Record<string, number>): number {
  return counts['GET /vehicle-command/:id'] ?? 0;
}
