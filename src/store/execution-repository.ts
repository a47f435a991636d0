import type { CommandStatus, CommandType } from '../domain/enums.js';
import type { Viewer } from '../domain/viewer.js';
import type { Queryable } from './db.js';
import { toPage } from './pagination.js';
import type { ExecutionRecord, Page, TransitionRecord } from './records.js';

const COLUMNS = `e.id, e.seq::text AS seq, e.target_id AS "targetId", e.provider, e.command_type AS "commandType",
  e.status, e.execution_mode AS "executionMode", e.parameters, e.error,
  e.confirmation_code AS "confirmationCode", e.confirmation_message AS "confirmationMessage",
  e.confirmation_expires_at AS "confirmationExpiresAt", e.confirmation_attempts AS "confirmationAttempts",
  e.provider_execution_id AS "providerExecutionId", e.provider_status AS "providerStatus",
  e.requested_by AS "requestedBy", e.requested_at AS "requestedAt", e.executed_at AS "executedAt",
  e.completed_at AS "completedAt", e.duration_seconds AS "durationSeconds", e.version`;

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

export class ExecutionRepository {
  constructor(private readonly db: Queryable) {}

  async findVisible(ids: readonly string[], viewer: Viewer): Promise<ExecutionRecord[]> {
    if (ids.length === 0) return [];
    return this.db.query<ExecutionRecord>(
      `SELECT ${COLUMNS} FROM executions e WHERE e.id = ANY($1::text[]) AND ${visibleTo(viewer, '$2')}`,
      [ids, viewer.userId],
    );
  }

  async listVisible(
    viewer: Viewer,
    filter: ExecutionFilter,
    first: number,
    afterSeq: string | null,
  ): Promise<Page<ExecutionRecord>> {
    const rows = await this.db.query<ExecutionRecord>(
      `SELECT ${COLUMNS} FROM executions e
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
}

export interface NewExecution {
  id: string;
  targetId: string;
  provider: ExecutionRecord['provider'];
  commandType: CommandType;
  status: CommandStatus;
  executionMode?: ExecutionRecord['executionMode'];
  parameters?: Record<string, unknown> | null;
  requestedBy: string;
  requestedAt: Date;
}

/** NOTIFY channel on which every committed transition is announced as `{id, version}`. */
export const EXECUTION_CHANNEL = 'execution_changed';

/**
 * Stores a new execution at version 1 with its first history entry, and
 * announces it, in one transaction: NOTIFY is delivered on commit, so a
 * listener never hears of a row it cannot read.
 */
export async function insertExecution(tx: Queryable, execution: NewExecution): Promise<ExecutionRecord> {
  const rows = await tx.query<ExecutionRecord>(
    `INSERT INTO executions AS e (id, target_id, provider, command_type, status, execution_mode, parameters,
       requested_by, requested_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     RETURNING ${COLUMNS}`,
    [
      execution.id,
      execution.targetId,
      execution.provider,
      execution.commandType,
      execution.status,
      execution.executionMode ?? null,
      execution.parameters === undefined || execution.parameters === null
        ? null
        : JSON.stringify(execution.parameters),
      execution.requestedBy,
      execution.requestedAt,
    ],
  );
  const record = rows[0]!;
  await tx.query(
    `INSERT INTO execution_transitions (execution_id, version, status, at) VALUES ($1, 1, $2, $3)`,
    [record.id, record.status, execution.requestedAt],
  );
  await tx.query('SELECT pg_notify($1, $2)', [
    EXECUTION_CHANNEL,
    JSON.stringify({ id: record.id, version: record.version }),
  ]);
  return record;
}
