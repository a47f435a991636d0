import DataLoader from 'dataloader';
import type { Viewer } from '../domain/viewer.js';
import type { ExecutionRecord, TargetRecord, TransitionRecord } from '../store/records.js';
import type { Store } from '../store/store.js';

/**
 * Per-request batching (one query per entity type per tick, however many
 * references or parents ask), scoped to the viewer so that a loader can only
 * ever hand out what this caller may see.
 */
export interface Loaders {
  target: DataLoader<string, TargetRecord | null>;
  execution: DataLoader<string, ExecutionRecord | null>;
  history: DataLoader<string, TransitionRecord[]>;
}

function byId<T extends { id: string }>(ids: readonly string[], rows: T[]): (T | null)[] {
  const map = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => map.get(id) ?? null);
}

export function createLoaders(store: Store, viewer: Viewer): Loaders {
  return {
    target: new DataLoader(async (ids) => byId(ids, await store.targets.findVisible(ids, viewer)), {
      maxBatchSize: 500,
    }),
    execution: new DataLoader(async (ids) => byId(ids, await store.executions.findVisible(ids, viewer)), {
      maxBatchSize: 500,
    }),
    history: new DataLoader(
      async (ids) => {
        const rows = await store.executions.transitionsOf(ids);
        const grouped = new Map<string, TransitionRecord[]>(ids.map((id) => [id, []]));
        for (const row of rows) grouped.get(row.executionId)?.push(row);
        return ids.map((id) => grouped.get(id) ?? []);
      },
      { maxBatchSize: 500 },
    ),
  };
}
