import type { Viewer } from '../domain/viewer.js';
import type { Queryable } from './db.js';

/**
 * Who may see what, as SQL conditions: an admin sees everything; a user sees
 * the targets granted to them, and the executions they requested on targets
 * still granted to them. Revoking a grant hides the target and its history
 * alike, so `CommandExecution.target` is never a dangling reference.
 */
function visibleTo(viewer: Viewer, userParam: string, userCondition: string): string {
  // The admin branch still mentions the parameter: PostgreSQL must be able
  // to infer the type of every parameter it is sent.
  return viewer.isAdmin ? `${userParam}::text IS NOT NULL` : userCondition;
}

/** Targets, aliased `t`. */
export function targetVisibleTo(viewer: Viewer, userParam: string): string {
  return visibleTo(
    viewer,
    userParam,
    `EXISTS (SELECT 1 FROM grants g WHERE g.target_id = t.id AND g.user_id = ${userParam})`,
  );
}

/** Executions, aliased `e`. */
export function executionVisibleTo(viewer: Viewer, userParam: string): string {
  return visibleTo(
    viewer,
    userParam,
    `e.requested_by = ${userParam}
       AND EXISTS (SELECT 1 FROM grants g WHERE g.target_id = e.target_id AND g.user_id = ${userParam})`,
  );
}

const TABLES = {
  targets: { alias: 't', visibleTo: targetVisibleTo },
  executions: { alias: 'e', visibleTo: executionVisibleTo },
} as const;

/** The rows among `ids` that `viewer` may see, in no particular order: one statement per DataLoader batch. */
export async function findVisibleByIds<T>(
  db: Queryable,
  table: keyof typeof TABLES,
  columns: string,
  ids: readonly string[],
  viewer: Viewer,
): Promise<T[]> {
  if (ids.length === 0) return [];
  const { alias, visibleTo } = TABLES[table];
  return db.query<T>(
    `SELECT ${columns} FROM ${table} ${alias} WHERE ${alias}.id = ANY($1::text[]) AND ${visibleTo(viewer, '$2')}`,
    [ids, viewer.userId],
    { prepare: true },
  );
}
