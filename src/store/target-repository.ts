import type { ErrorCode } from '../domain/error-codes.js';
import { AuditAction, type TargetKind } from '../domain/enums.js';
import { recordAccessEvents } from './audit-repository.js';
import { newId } from '../domain/ids.js';
import type { ValidTargetRegistration } from '../domain/registration.js';
import type { Viewer } from '../domain/viewer.js';
import type { Queryable } from './db.js';
import { toPage } from './pagination.js';
import type { Page, TargetRecord } from './records.js';
import { findVisibleByIds, targetVisibleTo } from './access.js';

const COLUMNS = `t.id, t.kind, t.provider, t.external_id AS "externalId", t.provider_user_id AS "providerUserId",
  t.vin, t.name, t.seq::text AS seq, t.created_at AS "createdAt"`;

export class TargetAlreadyRegisteredError extends Error {
  override readonly name = 'TargetAlreadyRegisteredError';
  readonly code = 'TARGET_ALREADY_REGISTERED' satisfies ErrorCode;
  constructor(readonly existingId: string) {
    super(`this provider reference is already registered as ${existingId}`);
  }
}

/** How many targets `findKnown` remembers. */
const KNOWN_TARGETS = 10_000;

export class TargetRepository {
  /**
   * Targets by id. A target never changes once registered and is never
   * deleted (nothing updates or deletes `targets`), so a remembered one is
   * never stale on any replica and needs no invalidation; absence is not
   * remembered, so a target registered through another replica is found.
   */
  private readonly known = new Map<string, TargetRecord>();

  constructor(private readonly db: Queryable) {}

  /**
   * Any target by id, visible or not, from memory when it was read before:
   * for the command path, which decides visibility in its own write.
   */
  async findKnown(id: string): Promise<TargetRecord | undefined> {
    const remembered = this.known.get(id);
    if (remembered) return remembered;
    const target = await this.findById(id);
    if (target) {
      if (this.known.size >= KNOWN_TARGETS) this.known.delete(this.known.keys().next().value!);
      this.known.set(id, target);
    }
    return target;
  }

  async register(registration: ValidTargetRegistration, createdBy: string): Promise<TargetRecord> {
    const id = newId(registration.kind === 'VEHICLE' ? 'vehicle' : 'lock');
    const rows = await this.db.query<TargetRecord>(
      `WITH t AS (
         INSERT INTO targets (id, kind, provider, external_id, provider_user_id, vin, name, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (provider, external_id) DO NOTHING
         RETURNING *
       ), recorded AS (${recordAccessEvents('t', { actor: 't.created_by', action: AuditAction.TARGET_REGISTERED, targetId: 't.id' })})
       SELECT ${COLUMNS} FROM t`,
      [
        id,
        registration.kind,
        registration.provider,
        registration.externalId,
        registration.providerUserId,
        registration.vin,
        registration.name,
        createdBy,
      ],
    );
    if (rows[0]) return rows[0];
    const existing = await this.findByReference(registration.provider, registration.externalId);
    throw new TargetAlreadyRegisteredError(existing?.id ?? 'another target');
  }

  /** The targets among `ids` that `viewer` may see, in no particular order. */
  findVisible(ids: readonly string[], viewer: Viewer): Promise<TargetRecord[]> {
    return findVisibleByIds(this.db, 'targets', COLUMNS, ids, viewer);
  }

  /** Any target by id, visible or not: for admin operations and the engine. */
  async findById(id: string): Promise<TargetRecord | undefined> {
    const rows = await this.db.query<TargetRecord>(`SELECT ${COLUMNS} FROM targets t WHERE t.id = $1`, [id]);
    return rows[0];
  }

  async findByReference(provider: string, externalId: string): Promise<TargetRecord | undefined> {
    const rows = await this.db.query<TargetRecord>(
      `SELECT ${COLUMNS} FROM targets t WHERE t.provider = $1 AND t.external_id = $2`,
      [provider, externalId],
    );
    return rows[0];
  }

  /** Every registered target, oldest first (for syncing in-process simulators at start). */
  async all(): Promise<TargetRecord[]> {
    return this.db.query<TargetRecord>(`SELECT ${COLUMNS} FROM targets t ORDER BY t.seq`);
  }

  /** The provider names targets are stored under (one may no longer be registered). */
  async providers(): Promise<string[]> {
    const rows = await this.db.query<{ provider: string }>('SELECT DISTINCT provider FROM targets ORDER BY provider');
    return rows.map((row) => row.provider);
  }

  async listVisible(
    kind: TargetKind,
    viewer: Viewer,
    first: number,
    afterSeq: string | null,
  ): Promise<Page<TargetRecord>> {
    const rows = await this.db.query<TargetRecord>(
      `SELECT ${COLUMNS} FROM targets t
       WHERE t.kind = $1 AND ${targetVisibleTo(viewer, '$2')} AND ($3::bigint IS NULL OR t.seq < $3::bigint)
       ORDER BY t.seq DESC LIMIT $4`,
      [kind, viewer.userId, afterSeq, first + 1],
    );
    return toPage(rows, first);
  }

  /** A page of a fleet's targets the viewer sees, newest first. */
  async listInFleet(
    fleetId: string,
    viewer: Viewer,
    first: number,
    afterSeq: string | null,
  ): Promise<Page<TargetRecord>> {
    const rows = await this.db.query<TargetRecord>(
      `SELECT ${COLUMNS} FROM fleet_targets ft JOIN targets t ON t.id = ft.target_id
       WHERE ft.fleet_id = $1 AND ${targetVisibleTo(viewer, '$2')} AND ($3::bigint IS NULL OR t.seq < $3::bigint)
       ORDER BY t.seq DESC LIMIT $4`,
      [fleetId, viewer.userId, afterSeq, first + 1],
    );
    return toPage(rows, first);
  }
}
