import type { CommandStatus, CommandType } from '../domain/enums.js';
import type { Viewer } from '../domain/viewer.js';
import type { Queryable } from './db.js';
import { ENGINE_EXECUTION_COLUMNS, EXECUTION_COLUMNS, reviveSnapshot } from './execution-fields.js';

export { reviveSnapshot };
import { toPage } from './pagination.js';
import type { EngineExecutionRecord, ExecutionRecord, Page, TransitionRecord } from './records.js';
import { executionVisibleTo, findVisibleByIds, holdsForRow } from './access.js';

export interface ExecutionFilter {
  targetId?: string | null;
  status?: CommandStatus | null;
  commandType?: CommandType | null;
}

/**
 * One change for `commandExecutionsUpdated`: the execution as it was at that
 * version, and whether its requester still holds a grant on its target (what
 * decides, once per change, whether that user may see it).
 */
export interface FeedChange {
  snapshot: ExecutionRecord;
  requesterGranted: boolean;
  /** The id of the transaction that wrote it, when it was read from the history (a notice does not carry it). */
  xid?: bigint;
}

const FEED_CHANGE_COLUMNS = `t.snapshot, t.xid::text AS xid,
  ${holdsForRow('see', 'e.requested_by', 'e.target_id')} AS "requesterGranted"`;

type FeedChangeRow = { snapshot: ExecutionRecord; requesterGranted: boolean; xid: string | null };

function toFeedChanges(rows: FeedChangeRow[]): FeedChange[] {
  return rows.map((row) => ({
    snapshot: reviveSnapshot(row.snapshot),
    requesterGranted: row.requesterGranted,
    ...(row.xid === null ? {} : { xid: BigInt(row.xid) }),
  }));
}

export class ExecutionRepository {
  constructor(private readonly db: Queryable) {}

  findVisible(ids: readonly string[], viewer: Viewer): Promise<ExecutionRecord[]> {
    return findVisibleByIds(this.db, 'executions', EXECUTION_COLUMNS, ids, viewer);
  }

  /** Any execution with the engine's bookkeeping, visible or not: for the engine only. */
  async findForEngine(id: string): Promise<EngineExecutionRecord | undefined> {
    const rows = await this.db.query<EngineExecutionRecord>(
      `SELECT ${ENGINE_EXECUTION_COLUMNS} FROM executions e WHERE e.id = $1`,
      [id],
      { prepare: true },
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
       WHERE ${executionVisibleTo(viewer, '$1')}
         AND ($2::text IS NULL OR e.target_id = $2)
         AND ($3::text IS NULL OR e.status = $3)
         AND ($4::text IS NULL OR e.command_type = $4)
         AND ($5::bigint IS NULL OR e.seq < $5::bigint)
       ORDER BY e.seq DESC LIMIT $6`,
      [viewer.userId, filter.targetId ?? null, filter.status ?? null, filter.commandType ?? null, afterSeq, first + 1],
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
         WHERE e.target_id = t.id AND ${executionVisibleTo(viewer, '$1')} AND ($3::bigint IS NULL OR e.seq < $3::bigint)
         ORDER BY e.seq DESC LIMIT $4
       ) x`,
      [viewer.userId, targetIds, afterSeq, first + 1],
    );
    const byTarget = new Map<string, ExecutionRecord[]>(targetIds.map((id) => [id, []]));
    for (const row of rows) byTarget.get(row.targetId)?.push(row);
    return new Map([...byTarget].map(([id, items]) => [id, toPage(items, first)]));
  }

  /** The current version of each of these executions (to find notices that never arrived). */
  async versionsOf(ids: readonly string[]): Promise<{ id: string; version: number }[]> {
    if (ids.length === 0) return [];
    return this.db.query<{ id: string; version: number }>(
      'SELECT id, version FROM executions WHERE id = ANY($1::text[])',
      [ids],
    );
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
      { prepare: true },
    );
    return rows.map((r) => reviveSnapshot(r.snapshot));
  }

  /** For each execution, its versions after the given one, in order: one query for a batch of notices. */
  async feedChangesAfter(after: readonly { id: string; version: number }[]): Promise<FeedChange[]> {
    if (after.length === 0) return [];
    const rows = await this.db.query<FeedChangeRow>(
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
   * Every stored change written at or after transaction `watermark` that
   * `viewer` may see now (on `targetId`, if given), and not before
   * `notBefore` (what bounds a replay, whatever cursor it was given), ordered by transaction id;
   * and the horizon of the same snapshot: every transaction below it had
   * finished, so every change below it that exists was read.
   */
  async changesSince(
    watermark: bigint,
    viewer: Viewer,
    targetId: string | null,
    notBefore: Date,
  ): Promise<{ horizon: bigint; changes: { xid: bigint; snapshot: ExecutionRecord }[] }> {
    // Driven by the transaction-id range (a resume is usually from a recent cursor), not by the
    // caller's executions: the planner, without statistics yet, would read the range once per execution.
    const rows = await this.db.query<{ horizon: string; xid: string | null; snapshot: ExecutionRecord | null }>(
      `${HORIZON},
       since AS MATERIALIZED (
         SELECT t.execution_id, t.version, t.xid FROM execution_transitions t WHERE t.xid >= $2::text::xid8 AND t.at >= $4
       )
       SELECT h.horizon::text AS horizon, c.xid, c.snapshot FROM h LEFT JOIN LATERAL (
         SELECT s.xid::text AS xid, t.snapshot
         FROM since s JOIN executions e ON e.id = s.execution_id
         JOIN execution_transitions t ON t.execution_id = s.execution_id AND t.version = s.version
         WHERE t.snapshot IS NOT NULL AND ${executionVisibleTo(viewer, '$1')} AND ($3::text IS NULL OR e.target_id = $3)
         ORDER BY s.xid, s.execution_id, s.version
       ) c ON true`,
      [viewer.userId, watermark.toString(), targetId, notBefore],
    );
    const changes: { xid: bigint; snapshot: ExecutionRecord }[] = [];
    for (const row of rows) {
      if (row.xid !== null && row.snapshot !== null) {
        changes.push({ xid: BigInt(row.xid), snapshot: reviveSnapshot(row.snapshot) });
      }
    }
    return { horizon: BigInt(rows[0]!.horizon), changes };
  }

  /**
   * Which versions were written by transactions from `watermark` up to the
   * snapshot's horizon, of executions requested by `requesters` (or by
   * anyone) or on `targets`, in version order per execution; and that horizon. The feed's
   * catch-up: what it read below the horizon it has read for good.
   */
  async changeNoticesBetween(
    watermark: bigint,
    requesters: readonly string[] | 'anyone',
    targets: readonly string[] = [],
  ): Promise<{ horizon: bigint; notices: { id: string; version: number }[] }> {
    const rows = await this.db.query<{ horizon: string; id: string | null; version: number }>(
      `${HORIZON}
       SELECT h.horizon::text AS horizon, c.id, c.version FROM h LEFT JOIN LATERAL (
         SELECT t.execution_id AS id, t.version
         FROM execution_transitions t JOIN executions e ON e.id = t.execution_id
         WHERE t.xid >= $1::text::xid8 AND t.xid < h.horizon AND t.snapshot IS NOT NULL
           AND ($2::boolean OR e.requested_by = ANY($3::text[]) OR e.target_id = ANY($4::text[]))
         ORDER BY t.execution_id, t.version
       ) c ON true`,
      [watermark.toString(), requesters === 'anyone', requesters === 'anyone' ? [] : requesters, targets],
    );
    const notices = rows.flatMap((row) => (row.id === null ? [] : [{ id: row.id, version: row.version }]));
    return { horizon: BigInt(rows[0]!.horizon), notices };
  }
}

/**
 * The horizon of the statement's own snapshot: every transaction with a
 * smaller id had finished when it was taken, so what it reads below the
 * horizon is all there will ever be there (commit order, not id order).
 */
const HORIZON = 'WITH h AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS horizon)';
