import { AccessRole } from '../domain/enums.js';
import type { Viewer } from '../domain/viewer.js';
import type { Queryable } from './db.js';

/**
 * The grant rule, in one place. Who holds which role on which target now is
 * the database view `access` (migration 009: target grants and fleet grants,
 * inside their windows); what each role may do is `RIGHTS` below. Every read
 * path, the command insert, the feed and the re-check of live streams build
 * their conditions here, so there is no second copy of the rule to forget.
 */

/** What a user may do with a target. */
export type Right = 'see' | 'command' | 'seeAll' | 'approve';

/**
 * The roles that give each right (null: any role). A user's rights on a
 * target are the union of their valid grants' roles: VIEWER on a fleet and
 * OPERATOR on one of its cars commands that car and sees all of it.
 */
const RIGHTS: Record<Right, readonly AccessRole[] | null> = {
  see: null,
  command: [AccessRole.OPERATOR, AccessRole.SUPERVISOR],
  seeAll: [AccessRole.VIEWER, AccessRole.SUPERVISOR],
  approve: [AccessRole.SUPERVISOR],
};

/** The roles that give `right`, as a list of SQL literals; null for any role. */
function roleLiterals(right: Right): string | null {
  const roles = RIGHTS[right];
  return roles === null ? null : roles.map((role) => `'${role}'`).join(', ');
}

function roleCondition(right: Right): string {
  const roles = roleLiterals(right);
  return roles === null ? '' : ` AND a.role IN (${roles})`;
}

/**
 * SQL: whether the user `userSql` holds `right` on the target `targetSql` now
 * (two SQL expressions), as a subquery over the view: for lists and batches,
 * which the planner can join.
 */
export function holds(right: Right, userSql: string, targetSql: string): string {
  return `EXISTS (SELECT 1 FROM access a WHERE a.target_id = ${targetSql} AND a.user_id = ${userSql}${roleCondition(
    right,
  )})`;
}

/**
 * The same question of one row, as migration 012's function over the same
 * view: for the statements of the command path, which ask it of one row
 * each, so that the embedded store (which plans every statement) does not
 * plan the view's union in each of them.
 */
export function holdsForRow(right: Right, userSql: string, targetSql: string): string {
  const roles = roleLiterals(right);
  return `access_holds(${userSql}, ${targetSql}, ${roles === null ? 'NULL::text[]' : `ARRAY[${roles}]`})`;
}

/**
 * SQL: whether the user `userSql` may see an execution, given its target and
 * requester: their own, on a target they still see; anyone's, on a target
 * where their role sees every execution.
 */
export function seesExecution(userSql: string, targetSql: string, requesterSql: string): string {
  return `((${requesterSql} = ${userSql} AND ${holds('see', userSql, targetSql)}) OR ${holds(
    'seeAll',
    userSql,
    targetSql,
  )})`;
}

function forViewer(viewer: Viewer, userParam: string, condition: string): string {
  // The admin branch still mentions the parameter: PostgreSQL must be able
  // to infer the type of every parameter it is sent.
  return viewer.isAdmin ? `${userParam}::text IS NOT NULL` : condition;
}

/** Targets (aliased `t`) the viewer sees: an admin every one. */
export function targetVisibleTo(viewer: Viewer, userParam: string): string {
  return forViewer(viewer, userParam, holds('see', userParam, 't.id'));
}

/** Executions (aliased `e`) the viewer sees: an admin every one. */
export function executionVisibleTo(viewer: Viewer, userParam: string): string {
  return forViewer(viewer, userParam, seesExecution(userParam, 'e.target_id', 'e.requested_by'));
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

/** One user's need of one right on one target: what a live stream depends on. */
export interface AccessNeed {
  userId: string;
  targetId: string;
  right: Right;
}

/** What a user may do with a target now. */
export interface Rights {
  see: boolean;
  command: boolean;
  seeAll: boolean;
  approve: boolean;
}

const RIGHT_NAMES = Object.keys(RIGHTS) as Right[];

export class AccessRepository {
  constructor(private readonly db: Queryable) {}

  /** The same queries inside a transaction (`tx` from `Db.transaction`). */
  in(tx: Queryable): AccessRepository {
    return new AccessRepository(tx);
  }

  /** Everything `userId` may do with `targetId` now, in one statement. */
  async rightsOf(userId: string, targetId: string): Promise<Rights> {
    const [row] = await this.db.query<Rights>(
      `SELECT ${RIGHT_NAMES.map((right) => `${holdsForRow(right, '$1', '$2')} AS "${right}"`).join(', ')}`,
      [userId, targetId],
      { prepare: true },
    );
    return row!;
  }

  /** Whether `userId` holds `right` on `targetId` now. */
  async has(right: Right, userId: string, targetId: string): Promise<boolean> {
    const [row] = await this.db.query<{ holds: boolean }>(
      `SELECT ${holdsForRow(right, '$1', '$2')} AS holds`,
      [userId, targetId],
      { prepare: true },
    );
    return row!.holds;
  }

  /** The targets on which `userId` holds `right` now (only `targetId`, when given). */
  async targetsWhere(right: Right, userId: string, targetId: string | null): Promise<string[]> {
    const rows = await this.db.query<{ targetId: string }>(
      `SELECT DISTINCT a.target_id AS "targetId" FROM access a
       WHERE a.user_id = $1 AND ($2::text IS NULL OR a.target_id = $2)${roleCondition(right)}`,
      [userId, targetId],
    );
    return rows.map((row) => row.targetId);
  }

  /** Those of `needs` no longer met (one query for all). */
  async missing(needs: readonly AccessNeed[]): Promise<AccessNeed[]> {
    if (needs.length === 0) return [];
    const met = await this.db.query<{ i: number }>(
      `SELECT n.i FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS n(user_id, target_id, right_name, i)
       WHERE ${RIGHT_NAMES.map(
         (right) => `(n.right_name = '${right}' AND ${holds(right, 'n.user_id', 'n.target_id')})`,
       ).join(' OR ')}`,
      [needs.map((n) => n.userId), needs.map((n) => n.targetId), needs.map((n) => n.right)],
    );
    const kept = new Set(met.map((row) => Number(row.i)));
    return needs.filter((_, index) => !kept.has(index + 1));
  }
}
