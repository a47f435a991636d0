import type { CommandError } from '../domain/command-error.js';
import { CommandStatus, type CommandType, type ExecutionMode, type Provider } from '../domain/enums.js';
import { canTransition } from '../domain/status.js';
import type { Viewer } from '../domain/viewer.js';
import type { Queryable } from './db.js';
import {
  CHANGEABLE_COLUMNS,
  ENGINE_EXECUTION_COLUMNS,
  EXECUTION_COLUMNS,
  type ChangeableField,
} from './execution-columns.js';
import { toPage } from './pagination.js';
import type { EngineExecutionRecord, ExecutionBookkeeping, ExecutionRecord, Page, TransitionRecord } from './records.js';

/**
 * A user sees the executions they requested on targets still granted to them;
 * an admin sees all. Revoking a grant hides the target and its history alike,
 * so `CommandExecution.target` is never a dangling reference.
 */
function visibleTo(viewer: Viewer, userParam: string): string {
  // The admin branch still mentions the parameter: PostgreSQL must be able
  // to infer the type of every parameter it is sent.
  return viewer.isAdmin
    ? `${userParam}::text IS NOT NULL`
    : `e.requested_by = ${userParam}
       AND EXISTS (SELECT 1 FROM grants g WHERE g.target_id = e.target_id AND g.user_id = ${userParam})`;
}

export interface ExecutionFilter {
  targetId?: string | null;
  status?: CommandStatus | null;
  commandType?: CommandType | null;
}

/** NOTIFY channel on which every committed versioned change is announced. */
export const EXECUTION_CHANNEL = 'execution_changed';

/** The NOTIFY payload: enough to route it to subscribers without a read. */
export interface ExecutionNotice {
  id: string;
  version: number;
  targetId: string;
  requestedBy: string;
  /** When the change was made (epoch ms), for the commit-to-push delay. */
  at: number;
}

export interface NewExecution {
  id: string;
  targetId: string;
  provider: Provider;
  commandType: CommandType;
  status: CommandStatus;
  executionMode?: ExecutionMode | null;
  parameters?: Record<string, unknown> | null;
  requestedBy: string;
  requestedAt: Date;
  error?: CommandError | null;
  dispatchState?: ExecutionBookkeeping['dispatchState'];
  leaseOwner?: string | null;
  deadlineAt?: Date | null;
}

/** What a change sets; only whitelisted fields exist. */
export type ExecutionFields = Partial<Pick<EngineExecutionRecord, ChangeableField>>;

export interface ExecutionChange {
  fields: ExecutionFields;
  /** Why, for the history entry (an error code, CONFIRMED, CONFIRMATION_ISSUED…). */
  reason?: string | null;
  /**
   * Bump the version, record history and notify even though the status stays
   * (the ignition confirmation arriving is something subscribers must see).
   */
  versioned?: boolean;
}

export interface ChangeGuard {
  /** Apply only if the row is still at this version (optimistic concurrency). */
  version?: number;
  /** Apply only if the row is in one of these statuses. */
  statuses?: readonly CommandStatus[];
}

const ALL_STATUSES = Object.values(CommandStatus);

/** The statuses from which `to` may be reached, per the status machine. */
function statusesLeadingTo(to: CommandStatus): CommandStatus[] {
  return ALL_STATUSES.filter((from) => canTransition(from, to));
}

/**
 * The execution's public state, kept with each history entry for replay.
 * Built by the database from the written row `u`, so that a change, its
 * history entry and its NOTIFY are one statement: one round trip, atomic
 * without an explicit transaction.
 */
const SNAPSHOT_SQL = `json_build_object(
  'id', u.id, 'seq', u.seq::text, 'targetId', u.target_id, 'provider', u.provider, 'commandType', u.command_type,
  'status', u.status, 'executionMode', u.execution_mode, 'parameters', u.parameters, 'error', u.error,
  'confirmationCode', u.confirmation_code, 'confirmationMessage', u.confirmation_message,
  'confirmationExpiresAt', u.confirmation_expires_at, 'confirmationAttempts', u.confirmation_attempts,
  'providerExecutionId', u.provider_execution_id, 'providerStatus', u.provider_status,
  'requestedBy', u.requested_by, 'requestedAt', u.requested_at, 'executedAt', u.executed_at,
  'completedAt', u.completed_at, 'durationSeconds', u.duration_seconds, 'version', u.version)`;

/**
 * CTEs appended after a CTE `u` holding the written row: its history entry
 * with snapshot, and the NOTIFY (delivered on commit). `reasonParam` and
 * `atParam` are the placeholders of the reason and of the time (timestamptz).
 */
function versionCtes(reasonParam: string, atParam: string): string {
  return `, history AS (
      INSERT INTO execution_transitions (execution_id, version, status, provider_status, reason, at, snapshot)
      SELECT u.id, u.version, u.status, u.provider_status, ${reasonParam}, ${atParam}, ${SNAPSHOT_SQL} FROM u
      RETURNING 1
    ), notified AS (
      SELECT pg_notify('${EXECUTION_CHANNEL}', json_build_object(
        'id', u.id, 'version', u.version, 'targetId', u.target_id, 'requestedBy', u.requested_by,
        'at', (extract(epoch FROM ${atParam}::timestamptz) * 1000)::bigint)::text) FROM u
    )`;
}

/** The select that returns the written row and forces the side CTEs to run. */
function selectWritten(ctes: readonly string[]): string {
  const forced = ctes.map((cte) => `(SELECT count(*) FROM ${cte}) AS "_${cte}"`).join(', ');
  return `SELECT ${ENGINE_EXECUTION_COLUMNS}${forced ? `, ${forced}` : ''} FROM u AS e`;
}

function withoutForced<T extends object>(row: T): T {
  for (const key of Object.keys(row)) if (key.startsWith('_')) delete (row as Record<string, unknown>)[key];
  return row;
}

const DATE_FIELDS = ['confirmationExpiresAt', 'requestedAt', 'executedAt', 'completedAt'] as const;

/** A snapshot read back from JSON: dates revived. */
function reviveSnapshot(json: ExecutionRecord): ExecutionRecord {
  const record = { ...json };
  for (const field of DATE_FIELDS) {
    const value = record[field] as unknown;
    if (typeof value === 'string') (record as Record<string, unknown>)[field] = new Date(value);
  }
  return record;
}

/**
 * Stores a new execution at version 1 with its first history entry, and
 * announces it, in one statement: NOTIFY is delivered on commit, so a
 * listener never hears of a row it cannot read.
 */
export async function insertExecution(db: Queryable, execution: NewExecution): Promise<EngineExecutionRecord> {
  const rows = await db.query<EngineExecutionRecord>(
    `WITH u AS (
       INSERT INTO executions (id, target_id, provider, command_type, status, execution_mode, parameters,
         requested_by, requested_at, error, dispatch_state, lease_owner, deadline_at, completed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,
         CASE WHEN $5 IN ('SUCCESS', 'FAILURE') THEN $9::timestamptz END)
       RETURNING *
     )${versionCtes('$14', '$9::timestamptz')}
     ${selectWritten(['history', 'notified'])}`,
    [
      execution.id,
      execution.targetId,
      execution.provider,
      execution.commandType,
      execution.status,
      execution.executionMode ?? null,
      execution.parameters === undefined || execution.parameters === null ? null : JSON.stringify(execution.parameters),
      execution.requestedBy,
      execution.requestedAt,
      execution.error ? JSON.stringify(execution.error) : null,
      execution.dispatchState ?? 'NONE',
      execution.leaseOwner ?? null,
      execution.deadlineAt ?? null,
      execution.error?.code ?? null,
    ],
  );
  return withoutForced(rows[0]!);
}

/**
 * Applies a change to one execution if `guard` still holds. A status change
 * must be allowed by the status machine; a versioned change bumps `version`,
 * records history with a snapshot and NOTIFYs, all in one statement. Answers the new
 * row, or undefined when the guard no longer held (someone else got there first).
 */
export async function applyChange(
  db: Queryable,
  id: string,
  guard: ChangeGuard,
  change: ExecutionChange,
): Promise<EngineExecutionRecord | undefined> {
  const to = change.fields.status;
  const statuses = to !== undefined ? statusesLeadingTo(to).filter((s) => !guard.statuses || guard.statuses.includes(s)) : guard.statuses;
  const versioned = to !== undefined || change.versioned === true;

  const sets: string[] = [];
  const params: unknown[] = [id, guard.version ?? null, statuses ?? null];
  for (const [field, value] of Object.entries(change.fields) as [ChangeableField, unknown][]) {
    const { column } = CHANGEABLE_COLUMNS[field];
    const json = 'json' in CHANGEABLE_COLUMNS[field];
    params.push(json && value !== null && value !== undefined ? JSON.stringify(value) : (value ?? null));
    sets.push(`${column} = $${params.length}${json ? '::jsonb' : ''}`);
  }
  if (versioned) sets.push('version = e.version + 1');
  sets.push('updated_at = now()');

  // One statement: the row, and either a new history entry + NOTIFY
  // (versioned) or, for a visible detail of the same version, its snapshot.
  if (versioned) params.push(change.reason ?? null, new Date());
  const sideEffects = versioned
    ? { ctes: versionCtes(`$${params.length - 1}::text`, `$${params.length}::timestamptz`), names: ['history', 'notified'] }
    : touchesVisibleFields(change.fields)
      ? {
          ctes: `, refreshed AS (
              UPDATE execution_transitions t SET snapshot = ${SNAPSHOT_SQL}
              FROM u WHERE t.execution_id = u.id AND t.version = u.version
              RETURNING 1
            )`,
          names: ['refreshed'],
        }
      : { ctes: '', names: [] };

  const rows = await db.query<EngineExecutionRecord>(
    `WITH u AS (
       UPDATE executions AS e SET ${sets.join(', ')}
       WHERE e.id = $1 AND ($2::int IS NULL OR e.version = $2) AND ($3::text[] IS NULL OR e.status = ANY($3::text[]))
       RETURNING e.*
     )${sideEffects.ctes}
     ${selectWritten(sideEffects.names)}`,
    params,
  );
  return rows[0] ? withoutForced(rows[0]) : undefined;
}

/** Engine bookkeeping that clients never see: changing only these leaves the snapshot as it is. */
const BOOKKEEPING_FIELDS: ReadonlySet<string> = new Set([
  'dispatchState', 'leaseOwner', 'leaseUntil', 'nextPollAt', 'pollAttempts', 'deadlineAt', 'confirmationAttempts',
]);

function touchesVisibleFields(fields: ExecutionFields): boolean {
  return Object.keys(fields).some((field) => !BOOKKEEPING_FIELDS.has(field));
}

/**
 * One change for `commandExecutionsUpdated`: the execution as it was at that
 * version, and whether its requester still holds a grant on its target (what
 * decides, once per change, whether that user may see it).
 */
export interface FeedChange {
  snapshot: ExecutionRecord;
  requesterGranted: boolean;
}

const FEED_CHANGE_COLUMNS = `t.snapshot,
  EXISTS (SELECT 1 FROM grants g WHERE g.target_id = e.target_id AND g.user_id = e.requested_by) AS "requesterGranted"`;

function toFeedChanges(rows: { snapshot: ExecutionRecord; requesterGranted: boolean }[]): FeedChange[] {
  return rows.map((row) => ({ snapshot: reviveSnapshot(row.snapshot), requesterGranted: row.requesterGranted }));
}

export class ExecutionRepository {
  constructor(private readonly db: Queryable) {}

  async findVisible(ids: readonly string[], viewer: Viewer): Promise<ExecutionRecord[]> {
    if (ids.length === 0) return [];
    return this.db.query<ExecutionRecord>(
      `SELECT ${EXECUTION_COLUMNS} FROM executions e WHERE e.id = ANY($1::text[]) AND ${visibleTo(viewer, '$2')}`,
      [ids, viewer.userId],
    );
  }

  /** Any execution with the engine's bookkeeping, visible or not: for the engine only. */
  async findForEngine(id: string): Promise<EngineExecutionRecord | undefined> {
    const rows = await this.db.query<EngineExecutionRecord>(
      `SELECT ${ENGINE_EXECUTION_COLUMNS} FROM executions e WHERE e.id = $1`,
      [id],
    );
    return rows[0];
  }

  async listVisible(
    viewer: Viewer,
    filter: ExecutionFilter,
    first: number,
    afterSeq: string | null,
  ): Promise<Page<ExecutionRecord>> {
    const rows = await this.db.query<ExecutionRecord>(
      `SELECT ${EXECUTION_COLUMNS} FROM executions e
       WHERE ${visibleTo(viewer, '$1')}
         AND ($2::text IS NULL OR e.target_id = $2)
         AND ($3::text IS NULL OR e.status = $3)
         AND ($4::text IS NULL OR e.command_type = $4)
         AND ($5::bigint IS NULL OR e.seq < $5::bigint)
       ORDER BY e.seq DESC LIMIT $6`,
      [
        viewer.userId,
        filter.targetId ?? null,
        filter.status ?? null,
        filter.commandType ?? null,
        afterSeq,
        first + 1,
      ],
    );
    return toPage(rows, first);
  }

  /**
   * The same page (`first` after `afterSeq`, newest first) of the visible
   * executions of several targets, in one query: each target's page is read
   * from its index by a lateral subquery, however many targets ask.
   */
  async pagesOfTargets(
    viewer: Viewer,
    targetIds: readonly string[],
    first: number,
    afterSeq: string | null,
  ): Promise<Map<string, Page<ExecutionRecord>>> {
    const rows = await this.db.query<ExecutionRecord>(
      `SELECT x.* FROM unnest($2::text[]) AS t(id)
       CROSS JOIN LATERAL (
         SELECT ${EXECUTION_COLUMNS} FROM executions e
         WHERE e.target_id = t.id AND ${visibleTo(viewer, '$1')} AND ($3::bigint IS NULL OR e.seq < $3::bigint)
         ORDER BY e.seq DESC LIMIT $4
       ) x`,
      [viewer.userId, targetIds, afterSeq, first + 1],
    );
    const byTarget = new Map<string, ExecutionRecord[]>(targetIds.map((id) => [id, []]));
    for (const row of rows) byTarget.get(row.targetId)?.push(row);
    return new Map([...byTarget].map(([id, items]) => [id, toPage(items, first)]));
  }

  /** The history of several executions at once, each in version order. */
  async transitionsOf(executionIds: readonly string[]): Promise<TransitionRecord[]> {
    if (executionIds.length === 0) return [];
    return this.db.query<TransitionRecord>(
      `SELECT execution_id AS "executionId", version, status, provider_status AS "providerStatus", reason, at
       FROM execution_transitions WHERE execution_id = ANY($1::text[]) ORDER BY execution_id, version`,
      [executionIds],
    );
  }

  /** The execution as it was at each version after `afterVersion`, in order (for subscribers). */
  async snapshotsSince(executionId: string, afterVersion: number): Promise<ExecutionRecord[]> {
    const rows = await this.db.query<{ snapshot: ExecutionRecord }>(
      `SELECT snapshot FROM execution_transitions
       WHERE execution_id = $1 AND version > $2 AND snapshot IS NOT NULL ORDER BY version`,
      [executionId, afterVersion],
    );
    return rows.map((r) => reviveSnapshot(r.snapshot));
  }

  /** For each execution, its versions after the given one, in order: one query for a batch of notices. */
  async feedChangesAfter(after: readonly { id: string; version: number }[]): Promise<FeedChange[]> {
    if (after.length === 0) return [];
    const rows = await this.db.query<{ snapshot: ExecutionRecord; requesterGranted: boolean }>(
      `SELECT ${FEED_CHANGE_COLUMNS}
       FROM unnest($1::text[], $2::int[]) AS w(id, after_version)
       JOIN execution_transitions t ON t.execution_id = w.id AND t.version > w.after_version
       JOIN executions e ON e.id = w.id
       WHERE t.snapshot IS NOT NULL
       ORDER BY t.execution_id, t.version`,
      [after.map((a) => a.id), after.map((a) => a.version)],
    );
    return toFeedChanges(rows);
  }

  /**
   * Every version made since `since` of executions requested by `requesters`
   * (or by anyone, for an admin), in order: what a listener that was down
   * may have missed.
   */
  async feedChangesSince(since: Date, requesters: readonly string[] | 'anyone'): Promise<FeedChange[]> {
    const rows = await this.db.query<{ snapshot: ExecutionRecord; requesterGranted: boolean }>(
      `SELECT ${FEED_CHANGE_COLUMNS}
       FROM execution_transitions t JOIN executions e ON e.id = t.execution_id
       WHERE t.at >= $1 AND t.snapshot IS NOT NULL AND ($2::boolean OR e.requested_by = ANY($3::text[]))
       ORDER BY t.execution_id, t.version`,
      [since, requesters === 'anyone', requesters === 'anyone' ? [] : requesters],
    );
    return toFeedChanges(rows);
  }
}
