import DataLoader from 'dataloader';
import type { Viewer } from '../domain/viewer.js';
import type { ExecutionRecord, Page, TargetRecord, TransitionRecord } from '../store/records.js';
import type { FleetRecord } from '../store/fleet-repository.js';
import type { Store } from '../store/store.js';

/**
 * Per-request batching (one query per entity type per tick, however many
 * references or parents ask), scoped to the viewer so that a loader can only
 * ever hand out what this caller may see.
 */
export interface Loaders {
  target: DataLoader<string, TargetRecord | null>;
  fleet: DataLoader<string, FleetRecord | null>;
  execution: DataLoader<string, ExecutionRecord | null>;
  history: DataLoader<string, TransitionRecord[]>;
  /** A page of a target's executions; keys from `targetPageKey`. */
  targetExecutions: DataLoader<TargetPageKey, Page<ExecutionRecord>, string>;
}

/** Which page of which target's executions. */
export interface TargetPageKey {
  targetId: string;
  first: number;
  afterSeq: string | null;
}

function byId<T extends { id: string }>(ids: readonly string[], rows: T[]): (T | null)[] {
  const map = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => map.get(id) ?? null);
}

export function createLoaders(store: Pick<Store, 'targets' | 'executions' | 'fleets'>, viewer: Viewer): Loaders {
  return {
    target: new DataLoader(async (ids) => byId(ids, await store.targets.findVisible(ids, viewer)), {
      maxBatchSize: 500,
    }),
    fleet: new DataLoader(async (ids) => byId(ids, await store.fleets.findVisible(ids, viewer)), {
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
    targetExecutions: new DataLoader(
      async (keys) => {
        // One query per distinct page asked for (usually one), whatever the number of targets.
        const pages = new Map<string, Map<string, Page<ExecutionRecord>>>();
        for (const [page, { first, afterSeq, targetIds }] of groupByPage(keys)) {
          pages.set(page, await store.executions.pagesOfTargets(viewer, [...targetIds], first, afterSeq));
        }
        return keys.map((key) => pages.get(pageOf(key))!.get(key.targetId)!);
      },
      { maxBatchSize: 500, cacheKeyFn: (key) => `${pageOf(key)}:${key.targetId}` },
    ),
  };
}

function pageOf(key: TargetPageKey): string {
  return `${key.first}:${key.afterSeq ?? ''}`;
}

function groupByPage(keys: readonly TargetPageKey[]) {
  const groups = new Map<string, { first: number; afterSeq: string | null; targetIds: Set<string> }>();
  for (const key of keys) {
    const page = pageOf(key);
    const group = groups.get(page) ?? { first: key.first, afterSeq: key.afterSeq, targetIds: new Set<string>() };
    group.targetIds.add(key.targetId);
    groups.set(page, group);
  }
  return groups;
}
