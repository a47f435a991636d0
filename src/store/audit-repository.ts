import type { AccessRole, AuditAction } from '../domain/enums.js';
import { ValidationError } from '../domain/validation.js';
import type { Queryable } from './db.js';
import type { Page } from './records.js';

/** One event of the trail: an access change, or a command step read from an execution's history. */
export interface AuditEventRecord {
  id: string;
  at: Date;
  actor: string;
  action: AuditAction;
  targetId: string | null;
  fleetId: string | null;
  subjectUserId: string | null;
  executionId: string | null;
  role: AccessRole | null;
  validUntil: Date | null;
  reason: string | null;
  /** Its time in microseconds since the epoch, exact: what a cursor holds. */
  atMicros: string;
}

/** Which events a list is about: every given field must match (`userId`: the actor or the subject). */
export interface AuditFilter {
  targetId?: string | null;
  fleetId?: string | null;
  userId?: string | null;
}

/** SQL expressions for the columns of the events a statement records (NULL where absent). */
export interface AuditColumns {
  actor: string;
  action: AuditAction;
  targetId?: string;
  fleetId?: string;
  subjectUserId?: string;
  role?: string;
  validUntil?: string;
  reason?: string;
}

/**
 * An INSERT recording one access event per row of `from` (a CTE of the same
 * statement): the change and its record commit or roll back together. Meant
 * as a data-modifying CTE, which runs whether or not anything reads it.
 */
export function recordAccessEvents(from: string, columns: AuditColumns): string {
  const value = (expression: string | undefined) => expression ?? 'NULL';
  return `INSERT INTO audit_events (actor, action, target_id, fleet_id, subject_user_id, role, valid_until, reason)
    SELECT ${columns.actor}, '${columns.action}', ${value(columns.targetId)}, ${value(columns.fleetId)},
      ${value(columns.subjectUserId)}, ${value(columns.role)}, ${value(columns.validUntil)}, ${value(columns.reason)}
    FROM ${from}`;
}

const COLUMNS = `a.id, a.at, a.actor, a.action, a.target_id AS "targetId", a.fleet_id AS "fleetId",
  a.subject_user_id AS "subjectUserId", a.execution_id AS "executionId", a.role, a.valid_until AS "validUntil", a.reason,
  (extract(epoch FROM a.at) * 1000000)::bigint::text AS "atMicros"`;

/** Where a page of the trail ends: an event's exact time and id (the trail's order). */
export interface AuditPosition {
  atMicros: string;
  id: string;
}

/** Opaque cursors over (time, id): clients must not build them; a malformed one is an input error. */
export function encodeAuditCursor(event: AuditPosition): string {
  return Buffer.from(`audit:${event.atMicros}|${event.id}`, 'utf8').toString('base64url');
}

export function decodeAuditCursor(cursor: string | null | undefined): AuditPosition | null {
  if (cursor === null || cursor === undefined) return null;
  const match = /^audit:(-?\d{1,18})\|([\w.-]{1,200})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new ValidationError('after', 'after is not a cursor returned by this API');
  return { atMicros: match[1]!, id: match[2]! };
}

export class AuditRepository {
  constructor(private readonly db: Queryable) {}

  /** A page of the trail, newest first. */
  async list(filter: AuditFilter, first: number, after: AuditPosition | null): Promise<Page<AuditEventRecord>> {
    const rows = await this.db.query<AuditEventRecord>(
      `SELECT ${COLUMNS} FROM audit_trail a
       WHERE ($1::text IS NULL OR a.target_id = $1) AND ($2::text IS NULL OR a.fleet_id = $2)
         AND ($3::text IS NULL OR a.actor = $3 OR a.subject_user_id = $3)
         AND ($4::bigint IS NULL OR (a.at, a.id) < ('epoch'::timestamptz + $4::bigint * interval '1 microsecond', $5::text))
       ORDER BY a.at DESC, a.id DESC LIMIT $6`,
      [
        filter.targetId ?? null,
        filter.fleetId ?? null,
        filter.userId ?? null,
        after?.atMicros ?? null,
        after?.id ?? null,
        first + 1,
      ],
    );
    return { items: rows.slice(0, first), hasNextPage: rows.length > first };
  }

  /** Forgets access events older than `days` (the command steps are the executions' history). */
  async deleteOlderThan(days: number): Promise<void> {
    await this.db.query(`DELETE FROM audit_events WHERE at < now() - make_interval(days => $1::int)`, [days]);
  }
}
