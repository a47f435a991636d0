import { AuditAction, type AccessRole } from '../domain/enums.js';
import { recordAccessEvents } from './audit-repository.js';
import type { Queryable } from './db.js';
import { toPage } from './pagination.js';
import type { Page } from './records.js';

/**
 * NOTIFY channel on which the database announces every change of access
 * (migration 009's triggers). Named when it announced revokes only; the name
 * stays, the channel being part of the schema rather than of the code. (An
 * upgrade across migrations 009–011 still needs every older replica stopped:
 * they would read the grants without roles, windows, fleets or approvals.)
 */
export const ACCESS_CHANGED_CHANNEL = 'grant_revoked';

/** A grant of one role to one user, on a target or on a fleet, for a window (either bound open). */
export interface GrantRecord {
  id: string;
  seq: string;
  userId: string;
  targetId: string | null;
  fleetId: string | null;
  role: AccessRole;
  validFrom: Date | null;
  validUntil: Date | null;
  reason: string | null;
  createdAt: Date;
  createdBy: string;
}

export type NewGrant = Omit<GrantRecord, 'id' | 'seq' | 'createdAt'>;

/** Which grants a list or a revoke is about: every given field must match. */
export interface GrantFilter {
  userId?: string | null;
  targetId?: string | null;
  fleetId?: string | null;
}

const COLUMNS = `g.id, g.seq::text AS seq, g.user_id AS "userId", g.target_id AS "targetId", g.fleet_id AS "fleetId",
  g.role, g.valid_from AS "validFrom", g.valid_until AS "validUntil", g.reason,
  g.granted_at AS "createdAt", g.granted_by AS "createdBy"`;

/** The trail's record of each grant in the CTE `g`, by `actorSql`. */
const recordGrants = (action: AuditAction, actorSql: string) =>
  `recorded AS (${recordAccessEvents('g', {
    actor: actorSql,
    action,
    targetId: 'g.target_id',
    fleetId: 'g.fleet_id',
    subjectUserId: 'g.user_id',
    role: 'g.role',
    validUntil: 'g.valid_until',
    reason: action === AuditAction.ACCESS_GRANTED ? 'g.reason' : undefined,
  })})`;

const FILTER = `($1::text IS NULL OR g.user_id = $1) AND ($2::text IS NULL OR g.target_id = $2)
  AND ($3::text IS NULL OR g.fleet_id = $3)`;

/**
 * The grants themselves (who holds which role where, and when). What they
 * allow is decided by the grant rule, `store/access.ts`, not here.
 */
export class GrantRepository {
  constructor(private readonly db: Queryable) {}

  /** The same queries inside a transaction (`tx` from `Db.transaction`). */
  in(tx: Queryable): GrantRepository {
    return new GrantRepository(tx);
  }

  /**
   * Stores a grant, or answers the identical one (same user, target or fleet,
   * role and window) already stored: granting twice is harmless, and another
   * window is another grant.
   */
  async grant(grant: NewGrant & { id: string }): Promise<{ grant: GrantRecord; created: boolean }> {
    const values = [
      grant.userId,
      grant.targetId,
      grant.fleetId,
      grant.role,
      grant.validFrom,
      grant.validUntil,
    ] as const;
    // The identical grant can be removed between the two statements (a revoke, its expiry): then insert again.
    for (;;) {
      const inserted = await this.db.query<GrantRecord>(
        `WITH g AS (
         INSERT INTO grants (user_id, target_id, fleet_id, role, valid_from, valid_until, id, reason, granted_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT ON CONSTRAINT grants_identity DO NOTHING
         RETURNING *
       ), ${recordGrants(AuditAction.ACCESS_GRANTED, 'g.granted_by')}
       SELECT ${COLUMNS} FROM g`,
        [...values, grant.id, grant.reason, grant.createdBy],
      );
      if (inserted[0]) return { grant: inserted[0], created: true };
      const [existing] = await this.db.query<GrantRecord>(
        `SELECT ${COLUMNS} FROM grants g
         WHERE g.user_id = $1 AND g.target_id IS NOT DISTINCT FROM $2 AND g.fleet_id IS NOT DISTINCT FROM $3
           AND g.role = $4 AND g.valid_from IS NOT DISTINCT FROM $5 AND g.valid_until IS NOT DISTINCT FROM $6`,
        [...values],
      );
      if (existing) return { grant: existing, created: false };
    }
  }

  /** Removes, by `actor`, every grant matching `filter` (a user and a target or a fleet); answers those removed. */
  async revokeMatching(filter: GrantFilter, actor: string): Promise<GrantRecord[]> {
    return this.db.query<GrantRecord>(
      `WITH g AS (DELETE FROM grants g WHERE ${FILTER} RETURNING g.*), ${recordGrants(AuditAction.ACCESS_REVOKED, '$4')}
       SELECT ${COLUMNS} FROM g`,
      [filter.userId ?? null, filter.targetId ?? null, filter.fleetId ?? null, actor],
    );
  }

  /** Removes one grant, by `actor`; answers it, or undefined when there was none. */
  async revoke(grantId: string, actor: string): Promise<GrantRecord | undefined> {
    const [removed] = await this.db.query<GrantRecord>(
      `WITH g AS (DELETE FROM grants g WHERE g.id = $1 RETURNING g.*), ${recordGrants(AuditAction.ACCESS_REVOKED, '$2')}
       SELECT ${COLUMNS} FROM g`,
      [grantId, actor],
    );
    return removed;
  }

  /** Removes the grants whose window has ended (at most `limit`); answers them. */
  async removeExpired(limit: number): Promise<GrantRecord[]> {
    return this.db.query<GrantRecord>(
      `WITH g AS (
         DELETE FROM grants g WHERE g.id IN (
           SELECT id FROM grants WHERE valid_until <= now() ORDER BY valid_until LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING g.*
       ), ${recordGrants(AuditAction.ACCESS_EXPIRED, "'system'")}
       SELECT ${COLUMNS} FROM g`,
      [limit],
      { prepare: true },
    );
  }

  /** A page of the grants matching `filter` that are in force or still to come, newest first. */
  async list(filter: GrantFilter, first: number, afterSeq: string | null): Promise<Page<GrantRecord>> {
    const rows = await this.db.query<GrantRecord>(
      `SELECT ${COLUMNS} FROM grants g
       WHERE ${FILTER} AND ($4::bigint IS NULL OR g.seq < $4::bigint)
         AND (g.valid_until IS NULL OR g.valid_until > now())
       ORDER BY g.seq DESC LIMIT $5`,
      [filter.userId ?? null, filter.targetId ?? null, filter.fleetId ?? null, afterSeq, first + 1],
    );
    return toPage(rows, first);
  }
}
