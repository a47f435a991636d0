import type { Queryable } from './db.js';
import { holdsForRow } from './access.js';
import { ENGINE_EXECUTION_COLUMNS } from './execution-fields.js';
import type { EngineExecutionRecord } from './records.js';

/** An execution leased for one poll, with the provider references its poll needs. */
export interface LeasedExecution extends EngineExecutionRecord {
  externalId: string;
  providerUserId: string | null;
}

/** Why the sweeper ends an execution. */
export type ExpiryKind = 'TIMEOUT' | 'CONFIRMATION_EXPIRED' | 'OUTCOME_UNKNOWN' | 'QUEUE_TIMEOUT' | 'APPROVAL_EXPIRED';

/** The next QUEUED execution of a target whose slot is free, with what sending it needs. */
export interface NextInLine extends LeasedExecution {
  /** Whether its requester may still command the target (decided at its turn). */
  requesterMayCommand: boolean;
}

/**
 * A request in flight (SENDING) is left to its own timeouts — a provider's
 * long command request (a 202 kept alive) may take up to 10 minutes — and is ended here only this long
 * past its deadline, as a last resort.
 */
const SENDING_GRACE_SECONDS = 15 * 60;

export interface ExpiredExecution {
  id: string;
  version: number;
  kind: ExpiryKind;
}

/**
 * The engine's queries: leases, sweeps and instance liveness. Poll leases are
 * taken with `FOR UPDATE SKIP LOCKED` inside one statement, so replicas split
 * due polls. Sweep selections run outside a transaction (their row locks end
 * with the statement): two replicas may pick the same row, and the version
 * guard of the write makes exactly one of them end it.
 */
export class EngineRepository {
  constructor(private readonly db: Queryable) {}

  /** The same queries inside a transaction (`tx` from `Db.transaction`). */
  in(tx: Queryable): EngineRepository {
    return new EngineRepository(tx);
  }

  async heartbeat(instanceId: string): Promise<void> {
    await this.db.query(
      `INSERT INTO engine_instances (id) VALUES ($1)
       ON CONFLICT (id) DO UPDATE SET heartbeat_at = now()`,
      [instanceId],
      { prepare: true },
    );
  }

  async removeInstance(instanceId: string): Promise<void> {
    await this.db.query('DELETE FROM engine_instances WHERE id = $1', [instanceId]);
  }

  /**
   * Leases up to `limit` PENDING executions whose next poll is due. While the
   * lease holds no other replica selects them, so each is polled once per
   * interval however many replicas and subscribers there are. A lease whose
   * holder stopped heartbeating (killed mid-poll) is taken over at once rather
   * than left to run out: until then its execution would go unpolled, and the
   * commands queued behind it unsent.
   */
  async leaseDuePolls(instanceId: string, limit: number, leaseMs: number, staleMs: number): Promise<LeasedExecution[]> {
    if (limit <= 0) return [];
    return this.db.query<LeasedExecution>(
      `WITH due AS (
         SELECT id FROM executions e
         WHERE status = 'PENDING' AND dispatch_state = 'SENT' AND next_poll_at <= now()
           AND (lease_until IS NULL OR lease_until < now() OR NOT EXISTS (
             SELECT 1 FROM engine_instances i
             WHERE i.id = e.lease_owner AND i.heartbeat_at > now() - make_interval(secs => $4::double precision / 1000)))
         ORDER BY next_poll_at
         LIMIT $2
         FOR UPDATE SKIP LOCKED
       ), leased AS (
         UPDATE executions e
            SET lease_owner = $1, lease_until = now() + make_interval(secs => $3::double precision / 1000)
         FROM due WHERE e.id = due.id
         RETURNING ${ENGINE_EXECUTION_COLUMNS}
       )
       SELECT leased.*, t.external_id AS "externalId", t.provider_user_id AS "providerUserId"
       FROM leased JOIN targets t ON t.id = leased."targetId"`,
      [instanceId, limit, leaseMs, staleMs],
      { prepare: true },
    );
  }

  /** Open executions past their deadline, or awaiting a confirmation that expired. */
  async findExpired(limit: number): Promise<ExpiredExecution[]> {
    return this.db.query<ExpiredExecution>(
      `SELECT id, version,
         CASE WHEN status = 'QUEUED' THEN 'QUEUE_TIMEOUT'
              WHEN status = 'AWAITING_APPROVAL' THEN 'APPROVAL_EXPIRED'
              WHEN dispatch_state = 'SENDING' THEN 'OUTCOME_UNKNOWN'
              WHEN status = 'AWAITING_CONFIRMATION' AND confirmation_expires_at < now() AND deadline_at >= now()
              THEN 'CONFIRMATION_EXPIRED' ELSE 'TIMEOUT' END AS kind
       FROM executions
       WHERE (status IN ('PENDING', 'AWAITING_CONFIRMATION', 'QUEUED', 'AWAITING_APPROVAL') AND dispatch_state <> 'SENDING'
              AND deadline_at < now())
          OR (status = 'AWAITING_CONFIRMATION' AND dispatch_state <> 'SENDING' AND confirmation_expires_at < now())
          OR (status IN ('PENDING', 'AWAITING_CONFIRMATION') AND dispatch_state = 'SENDING'
              AND deadline_at < now() - make_interval(secs => ${SENDING_GRACE_SECONDS}))
       LIMIT $1
       FOR UPDATE SKIP LOCKED`,
      [limit],
      { prepare: true },
    );
  }

  /**
   * The first QUEUED execution of `targetId` in acceptance order, if the
   * target's slot is free: the one to send next. Reading it claims nothing;
   * taking the turn is a guarded write, which exactly one replica wins.
   */
  async nextInLine(targetId: string): Promise<NextInLine | undefined> {
    const rows = await this.db.query<NextInLine>(
      `SELECT ${ENGINE_EXECUTION_COLUMNS}, t.external_id AS "externalId", t.provider_user_id AS "providerUserId",
         ${holdsForRow('command', 'e.requested_by', 'e.target_id')} AS "requesterMayCommand"
       FROM executions e JOIN targets t ON t.id = e.target_id
       WHERE e.target_id = $1 AND e.status = 'QUEUED'
         AND NOT EXISTS (SELECT 1 FROM executions s WHERE s.slot_target = $1)
       ORDER BY e.turn
       LIMIT 1`,
      [targetId],
      { prepare: true },
    );
    return rows[0];
  }

  /**
   * Targets with commands waiting and a free slot: a turn that nobody took
   * (its slot freed on a replica that stopped before it sent the next one).
   */
  async targetsWaiting(limit: number): Promise<string[]> {
    const rows = await this.db.query<{ targetId: string }>(
      `SELECT DISTINCT q.target_id AS "targetId" FROM executions q
       WHERE q.status = 'QUEUED' AND NOT EXISTS (SELECT 1 FROM executions s WHERE s.slot_target = q.target_id)
       LIMIT $1`,
      [limit],
      { prepare: true },
    );
    return rows.map((row) => row.targetId);
  }

  /**
   * Inside a transaction: holds the target's queue until it commits, so that
   * decisions about what waits on it (supersession, joining an identical
   * command) are taken one at a time. It does not block commands that find
   * the target free (a row lock weaker than their foreign-key check's).
   */
  async lockQueue(targetId: string): Promise<void> {
    await this.db.query('SELECT 1 FROM targets WHERE id = $1 FOR NO KEY UPDATE', [targetId]);
  }

  /** A place in line, drawn for an ignition request when it is confirmed. */
  async drawTurn(): Promise<string> {
    const rows = await this.db.query<{ turn: string }>("SELECT nextval('execution_turns')::text AS turn");
    return rows[0]!.turn;
  }

  /** What `requestedBy` has waiting QUEUED on `targetId`, in turn order. */
  async queuedBy(targetId: string, requestedBy: string): Promise<EngineExecutionRecord[]> {
    return this.db.query<EngineExecutionRecord>(
      `SELECT ${ENGINE_EXECUTION_COLUMNS} FROM executions e
       WHERE e.target_id = $1 AND e.status = 'QUEUED' AND e.requested_by = $2
       ORDER BY e.turn`,
      [targetId, requestedBy],
    );
  }

  /** Gives leases back (a replica shutting down took them). */
  async releaseLeases(ids: readonly string[], instanceId: string): Promise<void> {
    if (ids.length === 0) return;
    await this.db.query(
      'UPDATE executions SET lease_owner = NULL, lease_until = NULL WHERE id = ANY($1::text[]) AND lease_owner = $2',
      [ids, instanceId],
    );
  }

  /**
   * Executions whose request was in flight in an instance that is gone (no
   * heartbeat within `staleMs`): their outcome can no longer be known.
   */
  async findOrphans(staleMs: number, limit: number): Promise<{ id: string; version: number }[]> {
    return this.db.query<{ id: string; version: number }>(
      `SELECT e.id, e.version FROM executions e
       WHERE e.dispatch_state = 'SENDING' AND e.status IN ('PENDING', 'AWAITING_CONFIRMATION')
         AND NOT EXISTS (
           SELECT 1 FROM engine_instances i
           WHERE i.id = e.lease_owner AND i.heartbeat_at > now() - make_interval(secs => $1::double precision / 1000))
       LIMIT $2
       FOR UPDATE SKIP LOCKED`,
      [staleMs, limit],
      { prepare: true },
    );
  }

  /** Drops instance rows that stopped heartbeating long ago (crashed replicas). */
  async forgetDeadInstances(staleMs: number): Promise<void> {
    await this.db.query(
      `DELETE FROM engine_instances WHERE heartbeat_at < now() - make_interval(secs => $1::double precision / 1000)`,
      [staleMs * 10],
    );
  }

  /**
   * Takes one of the `max` confirmation attempts of an execution still
   * awaiting confirmation, atomically: however many calls race, at most `max`
   * get a slot, and only a caller holding one may compare the code. Answers
   * the attempt's number with the code to compare, or undefined when no slot
   * is left (or the execution no longer awaits confirmation).
   */
  async takeConfirmationAttempt(
    executionId: string,
    max: number,
  ): Promise<{ attempt: number; version: number; code: string | null } | undefined> {
    const rows = await this.db.query<{ attempt: number; version: number; code: string | null }>(
      `UPDATE executions SET confirmation_attempts = confirmation_attempts + 1, updated_at = now()
       WHERE id = $1 AND status = 'AWAITING_CONFIRMATION' AND confirmation_attempts < $2
       RETURNING confirmation_attempts AS attempt, version, confirmation_code AS code`,
      [executionId, max],
    );
    return rows[0];
  }
}
