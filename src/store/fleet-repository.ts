import { AuditAction } from '../domain/enums.js';
import type { Viewer } from '../domain/viewer.js';
import { recordAccessEvents } from './audit-repository.js';
import type { Queryable } from './db.js';
import { toPage } from './pagination.js';
import type { Page } from './records.js';

/** A named group of targets; a target may be in many. */
export interface FleetRecord {
  id: string;
  seq: string;
  name: string;
  createdAt: Date;
  createdBy: string;
}

const COLUMNS = `f.id, f.seq::text AS seq, f.name, f.created_at AS "createdAt", f.created_by AS "createdBy"`;

/**
 * The fleets a viewer sees: an admin every one; a user those they hold a
 * grant on now (inside its window).
 */
function fleetVisibleTo(viewer: Viewer, userParam: string): string {
  return viewer.isAdmin
    ? `${userParam}::text IS NOT NULL`
    : `EXISTS (SELECT 1 FROM grants_in_force g WHERE g.fleet_id = f.id AND g.user_id = ${userParam})`;
}

/** The trail's record of each target in the CTE `f` added to or removed from a fleet, by `$3`. */
const FLEET_MEMBERSHIP_CHANGED = (what: 'added' | 'removed') =>
  recordAccessEvents('f', {
    actor: '$3',
    action: AuditAction.FLEET_CHANGED,
    fleetId: 'f.fleet_id',
    targetId: 'f.target_id',
    reason: `'${what}'`,
  });

export class FleetRepository {
  constructor(private readonly db: Queryable) {}

  /** The same queries inside a transaction (`tx` from `Db.transaction`). */
  in(tx: Queryable): FleetRepository {
    return new FleetRepository(tx);
  }

  async create(id: string, name: string, createdBy: string): Promise<FleetRecord> {
    const [row] = await this.db.query<FleetRecord>(
      `WITH f AS (INSERT INTO fleets (id, name, created_by) VALUES ($1, $2, $3) RETURNING *),
       recorded AS (${recordAccessEvents('f', { actor: '$3', action: AuditAction.FLEET_CREATED, fleetId: 'f.id', reason: 'f.name' })})
       SELECT ${COLUMNS} FROM f`,
      [id, name, createdBy],
    );
    return row!;
  }

  async rename(id: string, name: string, actor: string): Promise<FleetRecord | undefined> {
    const [row] = await this.db.query<FleetRecord>(
      `WITH f AS (UPDATE fleets SET name = $2 WHERE id = $1 RETURNING *),
       recorded AS (${recordAccessEvents('f', {
         actor: '$3',
         action: AuditAction.FLEET_CHANGED,
         fleetId: 'f.id',
         reason: "'renamed to ' || f.name",
       })})
       SELECT ${COLUMNS} FROM f`,
      [id, name, actor],
    );
    return row;
  }

  /** Deletes a fleet with its membership and the grants given on it; answers whether it existed. */
  async delete(id: string, actor: string): Promise<boolean> {
    const rows = await this.db.query(
      `WITH g AS (SELECT * FROM grants WHERE fleet_id = $1),
       f AS (DELETE FROM fleets WHERE id = $1 RETURNING *),
       recorded AS (${recordAccessEvents('f', { actor: '$2', action: AuditAction.FLEET_DELETED, fleetId: 'f.id', reason: 'f.name' })}),
       -- The grants on it go with it (ON DELETE CASCADE): each user's loss of access is recorded too.
       revoked AS (${recordAccessEvents('g JOIN f ON f.id = g.fleet_id', {
         actor: '$2',
         action: AuditAction.ACCESS_REVOKED,
         fleetId: 'g.fleet_id',
         subjectUserId: 'g.user_id',
         role: 'g.role',
         validUntil: 'g.valid_until',
         reason: "'fleet deleted'",
       })})
       SELECT 1 FROM f`,
      [id, actor],
    );
    return rows.length > 0;
  }

  /** Fleets by id, whoever may see them (for admins and the services' own checks). */
  async findById(id: string): Promise<FleetRecord | undefined> {
    const [row] = await this.db.query<FleetRecord>(`SELECT ${COLUMNS} FROM fleets f WHERE f.id = $1`, [id], {
      prepare: true,
    });
    return row;
  }

  /** Those of `ids` the viewer sees, in no particular order (one statement per DataLoader batch). */
  findVisible(ids: readonly string[], viewer: Viewer): Promise<FleetRecord[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.query<FleetRecord>(
      `SELECT ${COLUMNS} FROM fleets f WHERE f.id = ANY($1::text[]) AND ${fleetVisibleTo(viewer, '$2')}`,
      [ids, viewer.userId],
    );
  }

  async listVisible(viewer: Viewer, first: number, afterSeq: string | null): Promise<Page<FleetRecord>> {
    const rows = await this.db.query<FleetRecord>(
      `SELECT ${COLUMNS} FROM fleets f
       WHERE ${fleetVisibleTo(viewer, '$1')} AND ($2::bigint IS NULL OR f.seq < $2::bigint)
       ORDER BY f.seq DESC LIMIT $3`,
      [viewer.userId, afterSeq, first + 1],
    );
    return toPage(rows, first);
  }

  /**
   * Adds targets to a fleet; adding twice is harmless. Answers the ids that
   * are not registered targets instead (and adds nothing then), or that the
   * fleet was deleted meanwhile.
   */
  async addTargets(
    fleetId: string,
    targetIds: readonly string[],
    actor: string,
  ): Promise<{ unknown: string[]; fleetGone?: true }> {
    const unknown = await this.db.query<{ id: string }>(
      `SELECT u.id FROM unnest($1::text[]) AS u(id) WHERE NOT EXISTS (SELECT 1 FROM targets t WHERE t.id = u.id)`,
      [targetIds],
    );
    if (unknown.length > 0) return { unknown: unknown.map((row) => row.id) };
    try {
      await this.db.query(
        `WITH f AS (
           INSERT INTO fleet_targets (fleet_id, target_id) SELECT $1, u.id FROM unnest($2::text[]) AS u(id)
           ON CONFLICT DO NOTHING RETURNING *
         ), recorded AS (${FLEET_MEMBERSHIP_CHANGED('added')})
         SELECT 1`,
        [fleetId, targetIds, actor],
      );
    } catch (error) {
      // A foreign key broken by a concurrent deleteFleet (targets are never deleted).
      if ((error as { code?: unknown }).code === '23503') return { unknown: [], fleetGone: true };
      throw error;
    }
    return { unknown: [] };
  }

  /** Removes targets from a fleet (those not in it are ignored); answers how many left it. */
  async removeTargets(fleetId: string, targetIds: readonly string[], actor: string): Promise<number> {
    const rows = await this.db.query(
      `WITH f AS (DELETE FROM fleet_targets WHERE fleet_id = $1 AND target_id = ANY($2::text[]) RETURNING *),
       recorded AS (${FLEET_MEMBERSHIP_CHANGED('removed')})
       SELECT 1 FROM f`,
      [fleetId, targetIds, actor],
    );
    return rows.length;
  }
}
