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

/** The public state of an execution, kept with each history entry for replay. */
function snapshotOf(record: ExecutionRecord): ExecutionRecord {
  const {
    id, seq, targetId, provider, commandType, status, executionMode, parameters, error, confirmationCode,
    confirmationMessage, confirmationExpiresAt, confirmationAttempts, providerExecutionId, providerStatus,
    requestedBy, requestedAt, executedAt, completedAt, durationSeconds, version,
  } = record;
  return {
    id, seq, targetId, provider, commandType, status, executionMode, parameters, error, confirmationCode,
    confirmationMessage, confirmationExpiresAt, confirmationAttempts, providerExecutionId, providerStatus,
    requestedBy, requestedAt, executedAt, completedAt, durationSeconds, version,
  };
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

function notice(record: ExecutionRecord, at: Date): ExecutionNotice {
  return { id: record.id, version: record.version, targetId: record.targetId, requestedBy: record.requestedBy, at: at.getTime() };
}

/** Records the history entry of `record`'s current version and announces it (NOTIFY is delivered on commit). */
async function recordVersion(tx: Queryable, record: ExecutionRecord, reason: string | null, at: Date): Promise<void> {
  await tx.query(
    `INSERT INTO execution_transitions (execution_id, version, status, provider_status, reason, at, snapshot)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [record.id, record.version, record.status, record.providerStatus, reason, at, JSON.stringify(snapshotOf(record))],
  );
  await tx.query('SELECT pg_notify($1, $2)', [EXECUTION_CHANNEL, JSON.stringify(notice(record, at))]);
}

/**
 * Stores a new execution at version 1 with its first history entry, and
 * announces it, in one transaction: NOTIFY is delivered on commit, so a
 * listener never hears of a row it cannot read.
 */
export async function insertExecution(tx: Queryable, execution: NewExecution): Promise<EngineExecutionRecord> {
  const rows = await tx.query<EngineExecutionRecord>(
    `INSERT INTO executions AS e (id, target_id, provider, command_type, status, execution_mode, parameters,
       requested_by, requested_at, error, dispatch_state, lease_owner, deadline_at, completed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,
       CASE WHEN $5 IN ('SUCCESS', 'FAILURE') THEN $9::timestamptz END)
     RETURNING ${ENGINE_EXECUTION_COLUMNS}`,
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
    ],
  );
  const record = rows[0]!;
  await recordVersion(tx, record, execution.error?.code ?? null, execution.requestedAt);
  return record;
}

/**
 * Applies a change to one execution if `guard` still holds. A status change
 * must be allowed by the status machine; a versioned change bumps `version`,
 * records history with a snapshot and NOTIFYs, all in `tx`. Answers the new
 * row, or undefined when the guard no longer held (someone else got there first).
 */
export async function applyChange(
  tx: Queryable,
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

  const rows = await tx.query<EngineExecutionRecord>(
    `UPDATE executions AS e SET ${sets.join(', ')}
     WHERE e.id = $1 AND ($2::int IS NULL OR e.version = $2) AND ($3::text[] IS NULL OR e.status = ANY($3::text[]))
     RETURNING ${ENGINE_EXECUTION_COLUMNS}`,
    params,
  );
  const record = rows[0];
  if (record && versioned) {
    await recordVersion(tx, record, change.reason ?? null, new Date());
  } else if (record && touchesVisibleFields(change.fields)) {
    // The same version, now known in more detail (the provider's id and word
    // after accepting): keep "the state at version N" what clients read.
    await tx.query('UPDATE execution_transitions SET snapshot = $3 WHERE execution_id = $1 AND version = $2', [
      record.id,
      record.version,
      JSON.stringify(snapshotOf(record)),
    ]);
  }
  return record;
}

/** Engine bookkeeping that clients never see: changing only these leaves the snapshot as it is. */
const BOOKKEEPING_FIELDS: ReadonlySet<string> = new Set([
  'dispatchState', 'leaseOwner', 'leaseUntil', 'nextPollAt', 'pollAttempts', 'deadlineAt', 'confirmationAttempts',
]);

function touchesVisibleFields(fields: ExecutionFields): boolean {
  return Object.keys(fields).some((field) => !BOOKKEEPING_FIELDS.has(field));
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
}
