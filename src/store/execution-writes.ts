import { randomUUID } from 'node:crypto';
import type { CommandError } from '../domain/command-error.js';
import { CommandStatus, type CommandType, type ExecutionMode, type Provider } from '../domain/enums.js';
import { canTransition, isFinal } from '../domain/status.js';
import { holdsForRow, type Right } from './access.js';
import type { Db, Queryable } from './db.js';
import {
  changeableColumn,
  ENGINE_EXECUTION_COLUMNS,
  SNAPSHOT_SQL,
  touchesVisibleFields,
  type ChangeableField,
} from './execution-fields.js';
import type { EngineExecutionRecord, ExecutionBookkeeping, ExecutionRecord } from './records.js';

/** NOTIFY channel on which every committed versioned change is announced to other processes. */
export const EXECUTION_CHANNEL = 'execution_changed';

/** The NOTIFY payload: enough to route it, and usually the change itself so that no read is needed. */
export interface ExecutionNotice {
  /** The writing process (it published the change itself, and skips its own notice). */
  origin?: string;
  id: string;
  version: number;
  targetId: string;
  requestedBy: string;
  /** When the change was made (epoch ms), for the commit-to-push delay. */
  at: number;
  /** The execution at this version and its requester's grant, unless too large for a NOTIFY. */
  snapshot?: ExecutionRecord;
  requesterGranted?: boolean;
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
  reason?: string | null;
  approvalExpiresAt?: Date | null;
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
  /**
   * Who made the step, for the audit trail, when it was neither the
   * requester nor the engine (an admin canceling another user's command).
   */
  actor?: string;
}

export interface ChangeGuard {
  /** Apply only if the row is still at this version (optimistic concurrency). */
  version?: number;
  /** Apply only if the row is in one of these statuses. */
  statuses?: readonly CommandStatus[];
  /**
   * Apply only if it is the execution's turn on its target: the slot is free
   * and no execution accepted before it is waiting. A change that takes the
   * slot (to PENDING) names this; a race lost to another writer answers
   * undefined, as any guard that no longer held.
   */
  inTurn?: boolean;
  /** Apply only if the requester may still command the target. */
  requesterMayCommand?: boolean;
  /** Apply only if no request of it is in flight (SENDING): what is being sent cannot be taken back. */
  unsent?: boolean;
  /** Apply only before its deadline (an approval given after its expiry is too late, swept or not). */
  beforeDeadline?: boolean;
  /** Apply only if the change's `actor` holds this right on the target now (a SUPERVISOR's approval). */
  actorMay?: Right;
}

/** A committed write: the row as written, and what publishing it needs. */
export interface WrittenExecution {
  execution: EngineExecutionRecord;
  /** A new version (with history): subscribers must hear of it. */
  versioned: boolean;
  /** Whether the requester holds a grant on the target now (decides who may see the change). */
  requesterGranted: boolean;
  /**
   * The write ended the execution and others wait QUEUED on its target: if it
   * held the slot, the next one's turn has come (read in the same statement).
   */
  othersWaiting: boolean;
  /** When it was written (epoch ms), for the commit-to-push delay. */
  at: number;
}

/**
 * How a notice written by `origin` begins: PostgreSQL prints the keys of
 * json_build_object in order, as `{"key" : value`. A listener compares
 * prefixes to skip its own notices without parsing them.
 */
export function ownNoticePrefix(origin: string): string {
  return `{"origin" : "${origin}"`;
}

export interface ExecutionWritesOptions {
  /**
   * NOTIFY each versioned change, for the other processes on the same
   * database. An embedded store has no other process (its data directory is
   * locked to one), so there the writer's own publication is all there is.
   */
  announce: boolean;
}

const ALL_STATUSES = Object.values(CommandStatus);

/** The statuses from which `to` may be reached, per the status machine. */
function statusesLeadingTo(to: CommandStatus): CommandStatus[] {
  return ALL_STATUSES.filter((from) => canTransition(from, to));
}

/**
 * Whether it is the turn, on target `target`, of an execution at turn `turn`
 * (NULL: one drawing its turn now, after every other): the target's slot is
 * free and nothing accepted before it waits QUEUED (migration 008's
 * `execution_in_turn`: two index lookups, planned once per connection).
 */
function inTurnSql(target: string, turn: string): string {
  return `execution_in_turn(${target}, ${turn})`;
}

/** The slot's unique index: a conflict on it is a lost race for the slot, not a fault. */
const SLOT_INDEX = 'executions_target_slot';

/**
 * An insert that lost the race for its target's slot (another took it
 * between the statement's look and its write). Thrown, not answered: inside
 * a transaction the statement's error has aborted it, so the caller runs the
 * transaction again (its look then sees the slot taken).
 */
export class SlotTakenError extends Error {
  override readonly name = 'SlotTakenError';
  constructor(options: { cause: unknown }) {
    super("another command took the target's slot first", options);
  }
}

function isSlotConflict(error: unknown): boolean {
  const { code, constraint, message } = (error ?? {}) as { code?: unknown; constraint?: unknown; message?: unknown };
  return code === '23505' && (constraint === SLOT_INDEX || String(message).includes(SLOT_INDEX));
}

/** Below PostgreSQL's NOTIFY payload limit (8000 bytes), with room to spare. */
const MAX_NOTICE_BYTES = 7_900;

/** Whether the requester of the written row (aliased as given) may still see it: who may see the change. */
const requesterSees = (row: string) => holdsForRow('see', `${row}.requested_by`, `${row}.target_id`);

/**
 * CTEs appended after a CTE `u` holding the written row: its snapshot (built
 * once), its history entry and, when announcing, the NOTIFY (delivered on
 * commit). The notice carries the snapshot and the requester's grant so a
 * listener pushes it without a read; a snapshot too large for NOTIFY is left
 * out and read by the listener instead. `reasonParam` and `atParam` are the
 * placeholders of the reason and of the time (timestamptz).
 */
function versionCtes(reasonParam: string, atParam: string, origin: string | null, actorParam = 'NULL'): SideEffects {
  const history = `, snap AS (SELECT ${SNAPSHOT_SQL} AS snapshot FROM u)
    , history AS (
      INSERT INTO execution_transitions (execution_id, version, status, provider_status, reason, at, snapshot, actor)
      SELECT u.id, u.version, u.status, u.provider_status, ${reasonParam}, ${atParam}, snap.snapshot, ${actorParam}
      FROM u, snap
      RETURNING 1
    )`;
  if (origin === null) return { ctes: history, names: [] };
  const route = `'origin', '${origin}', 'id', u.id, 'version', u.version, 'targetId', u.target_id,
    'requestedBy', u.requested_by, 'at', (extract(epoch FROM ${atParam}::timestamptz) * 1000)::bigint`;
  return {
    ctes: `${history}, notice AS (
      SELECT json_build_object(${route}, 'requesterGranted', ${requesterSees('u')}, 'snapshot', snap.snapshot)::text
          AS full_notice,
        json_build_object(${route})::text AS slim
      FROM u, snap
    ), notified AS (
      SELECT pg_notify(
        '${EXECUTION_CHANNEL}',
        CASE WHEN octet_length(full_notice) < ${MAX_NOTICE_BYTES} THEN full_notice ELSE slim END
      )
      FROM notice
    )`,
    names: ['notified'],
  };
}

interface SideEffects {
  ctes: string;
  /** The plain SELECT CTEs among them, which run only if read (data-modifying ones always run). */
  names: string[];
}

/**
 * The select that answers the written row and its requester's grant. A
 * plain SELECT in WITH runs only if something reads it: the WHERE reads each
 * side CTE, so the NOTIFY is sent (the data-modifying ones run regardless).
 */
function selectWritten(sideEffects: SideEffects): string {
  const forced = sideEffects.names.map((cte) => ` AND (SELECT count(*) FROM ${cte}) >= 0`).join('');
  return `${sideEffects.ctes}
    SELECT ${ENGINE_EXECUTION_COLUMNS}, ${requesterSees('e')} AS "requesterGranted",
      (e.status IN (${FINAL_STATUSES_SQL})
        AND executions_waiting(e.target_id, e.id)) AS "othersWaiting"
    FROM u AS e WHERE true${forced}`;
}

const FINAL_STATUSES_SQL = ALL_STATUSES.filter(isFinal)
  .map((status) => `'${status}'`)
  .join(', ');

/** The row as written; it keeps its flags (read by nobody else) rather than be copied without them. */
type WrittenRow = EngineExecutionRecord & { requesterGranted: boolean; othersWaiting: boolean };

function toWritten(row: WrittenRow, versioned: boolean): WrittenExecution {
  return {
    execution: row,
    versioned,
    requesterGranted: row.requesterGranted,
    othersWaiting: row.othersWaiting,
    at: Date.now(),
  };
}

/**
 * Statement texts, built once per shape: the same string object each time
 * keeps the prepared statement's lookup cheap, and the building is done once.
 */
const statementTexts = new Map<string, string>();

function statementText(key: string, build: () => string): string {
  let text = statementTexts.get(key);
  if (text === undefined) {
    text = build();
    statementTexts.set(key, text);
  }
  return text;
}

/**
 * The UPDATE for a change of `fields` (parameters $4… in that order, then
 * the reason and the time when versioned): the row, and either a new history
 * entry (+ NOTIFY) for a new version or, for a visible detail of the same
 * version, a refreshed snapshot.
 */
function updateText(
  fields: readonly ChangeableField[],
  versioned: boolean,
  announcer: string | null,
  guard: Pick<ChangeGuard, 'inTurn' | 'requesterMayCommand' | 'unsent' | 'beforeDeadline' | 'actorMay'>,
): string {
  const sets = fields.map((field, i) => {
    const { column, json } = changeableColumn(field);
    return `${column} = $${i + 4}${json ? '::jsonb' : ''}`;
  });
  if (versioned) sets.push('version = e.version + 1');
  sets.push('updated_at = now()');
  const last = fields.length + 3;
  const sideEffects = versioned
    ? versionCtes(`$${last + 1}::text`, `$${last + 2}::timestamptz`, announcer, `$${last + 3}::text`)
    : sameVersionCtes(fields);
  return `WITH u AS (
       UPDATE executions AS e SET ${sets.join(', ')}
       WHERE e.id = $1 AND ($2::int IS NULL OR e.version = $2) AND ($3::text[] IS NULL OR e.status = ANY($3::text[]))${
         guard.inTurn ? ` AND ${inTurnSql('e.target_id', 'e.turn')}` : ''
       }${guard.requesterMayCommand ? ` AND ${holdsForRow('command', 'e.requested_by', 'e.target_id')}` : ''}${
         guard.unsent ? " AND e.dispatch_state <> 'SENDING'" : ''
       }${guard.beforeDeadline ? ' AND e.deadline_at > now()' : ''}${
         guard.actorMay && versioned ? ` AND ${holdsForRow(guard.actorMay, `$${last + 3}::text`, 'e.target_id')}` : ''
       }
       RETURNING e.*
     )
     ${selectWritten(sideEffects)}`;
}

/** A change within the same version: a visible detail refreshes that version's snapshot; bookkeeping writes no more. */
function sameVersionCtes(fields: readonly ChangeableField[]): SideEffects {
  if (!touchesVisibleFields(fields)) return { ctes: '', names: [] };
  return {
    ctes: `, refreshed AS (
        UPDATE execution_transitions t SET snapshot = ${SNAPSHOT_SQL}
        FROM u WHERE t.execution_id = u.id AND t.version = u.version
        RETURNING 1
      )`,
    names: [],
  };
}

/**
 * Every write of an execution's state: each is one statement that writes the
 * row, its history entry with a snapshot and, where other processes need it,
 * its NOTIFY. Only the execution lifecycle calls these (it publishes what they
 * answer); nothing else writes executions.
 */
export class ExecutionWrites {
  /**
   * The writes of `db`: announced to other processes on PostgreSQL; an
   * embedded store has no other process (its data directory is locked to one).
   */
  static for(db: Db): ExecutionWrites {
    return new ExecutionWrites(db, { announce: db.kind === 'postgres' });
  }

  /** This process, as the origin of its notices: a plain generated token, safe inside SQL text. */
  readonly origin: string;

  constructor(
    private readonly db: Queryable,
    private readonly options: ExecutionWritesOptions,
    origin = `proc_${randomUUID().replaceAll('-', '')}`,
  ) {
    this.origin = origin;
  }

  /** The same writes inside a transaction (`tx` from `Db.transaction`). */
  in(tx: Queryable): ExecutionWrites {
    return new ExecutionWrites(tx, this.options, this.origin);
  }

  /** Who announces: this process's origin when announcing, else nobody. */
  private get announcer(): string | null {
    return this.options.announce ? this.origin : null;
  }

  /**
   * Stores a new execution at version 1 with its first history entry, and
   * announces it; it draws the execution's turn on its target (an ignition
   * request draws it when confirmed). With
   * `requireGrant`, only if the requester holds a grant on the target at that
   * moment — checked in the same statement, so a revoke is never raced. With
   * `inTurn` (a PENDING execution, which takes the target's slot), only if it
   * is its turn: the slot is free and nothing waits QUEUED. Otherwise nothing
   * is written and undefined answered — or, when another took the slot
   * between this statement's look and its write, `SlotTakenError` is thrown
   * (rare: no `ON CONFLICT` clause, whose speculative insertion every command
   * would pay for).
   */
  async insert(
    execution: NewExecution,
    options: { requireGrant: boolean; inTurn?: boolean },
  ): Promise<WrittenExecution | undefined> {
    const announcer = this.announcer;
    const sql = statementText(
      `insert|${announcer}`,
      () => `WITH u AS (
         INSERT INTO executions (id, target_id, provider, command_type, status, execution_mode, parameters,
           requested_by, requested_at, error, dispatch_state, lease_owner, deadline_at, completed_at, turn,
           reason, approval_expires_at)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,
           CASE WHEN $5 IN ('SUCCESS', 'FAILURE') THEN $9::timestamptz END,
           CASE WHEN $5 NOT IN ('AWAITING_CONFIRMATION', 'AWAITING_APPROVAL') THEN nextval('execution_turns') END,
           $17, $18
         WHERE (NOT $15::boolean OR ${holdsForRow('command', '$8', '$2')})
           AND (NOT $16::boolean OR ${inTurnSql('$2', 'NULL')})
         RETURNING *
       )
       ${selectWritten(versionCtes('$14', '$9::timestamptz', announcer))}`,
    );
    let rows: WrittenRow[];
    try {
      rows = await this.db.query<WrittenRow>(
        sql,
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
          execution.error ? JSON.stringify(execution.error) : null,
          execution.dispatchState ?? 'NONE',
          execution.leaseOwner ?? null,
          execution.deadlineAt ?? null,
          execution.error?.code ?? null,
          options.requireGrant,
          options.inTurn === true,
          execution.reason ?? null,
          execution.approvalExpiresAt ?? null,
        ],
        { prepare: true },
      );
    } catch (error) {
      if (isSlotConflict(error)) throw new SlotTakenError({ cause: error });
      throw error;
    }
    return rows[0] ? toWritten(rows[0], true) : undefined;
  }

  /**
   * Applies a change to one execution if `guard` still holds. A status change
   * must be allowed by the status machine; a versioned change bumps
   * `version`, records history with a snapshot and announces it, all in one
   * statement. Answers the written row, or undefined when the guard no
   * longer held (someone else got there first).
   */
  async applyChange(id: string, guard: ChangeGuard, change: ExecutionChange): Promise<WrittenExecution | undefined> {
    const to = change.fields.status;
    const statuses =
      to !== undefined
        ? statusesLeadingTo(to).filter((s) => !guard.statuses || guard.statuses.includes(s))
        : guard.statuses;
    const versioned = to !== undefined || change.versioned === true;
    const fields = Object.keys(change.fields) as ChangeableField[];

    const params: unknown[] = [id, guard.version ?? null, statuses ?? null];
    for (const field of fields) {
      const value = change.fields[field];
      const { json } = changeableColumn(field);
      params.push(json && value !== null && value !== undefined ? JSON.stringify(value) : (value ?? null));
    }
    if (versioned) params.push(change.reason ?? null, new Date(), change.actor ?? null);
    const announcer = this.announcer;
    const turnGuards = [
      guard.inTurn === true,
      guard.requesterMayCommand === true,
      guard.unsent === true,
      guard.beforeDeadline === true,
      guard.actorMay ?? '',
    ].join('|');
    const sql = statementText(`update|${announcer}|${versioned}|${turnGuards}|${fields.join(',')}`, () =>
      updateText(fields, versioned, announcer, guard),
    );
    try {
      const rows = await this.db.query<WrittenRow>(
        sql,
        params,
        // One text per set of changed fields: a small fixed set, each a lookup by key.
        { prepare: true },
      );
      return rows[0] ? toWritten(rows[0], versioned) : undefined;
    } catch (error) {
      // Another writer took the slot between this statement's look and its write.
      if (isSlotConflict(error)) return undefined;
      throw error;
    }
  }
}
