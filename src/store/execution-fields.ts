import type { CommandError } from '../domain/command-error.js';
import type { CommandStatus, CommandType, ExecutionMode, Provider } from '../domain/enums.js';

/** How one field of an execution is stored and travels; `T` is what it holds. */
interface Field<T> {
  /** Its column in `executions`. */
  column: string;
  /** Read as text (a bigint, which JSON and JavaScript numbers cannot carry whole). */
  text?: true;
  /** A timestamp: revived as a `Date` when a snapshot is read back from JSON. */
  date?: true;
  /** A change may set it (`json`: written as jsonb). */
  changeable?: true;
  json?: true;
  /** Changing only such fields refreshes no snapshot: no client sees them change. */
  quiet?: true;
  /** What it holds: a type only (its value is `undefined`). */
  readonly holds: T;
}

/** The type a field holds, for its declaration. */
function holds<T>(): T {
  return undefined as T;
}

/**
 * Every field of an execution that clients see, declared once: its type, its
 * column and how it travels. The record type, the select list, the set of
 * changeable columns, the snapshot SQL and the revival of a snapshot's dates
 * are all derived from it, so a new field is this line, a migration and its
 * GraphQL field.
 */
export const EXECUTION_FIELDS = {
  id: { column: 'id', holds: holds<string>() },
  seq: { column: 'seq', text: true, holds: holds<string>() },
  targetId: { column: 'target_id', holds: holds<string>() },
  provider: { column: 'provider', holds: holds<Provider>() },
  commandType: { column: 'command_type', holds: holds<CommandType>() },
  status: { column: 'status', changeable: true, holds: holds<CommandStatus>() },
  executionMode: { column: 'execution_mode', changeable: true, holds: holds<ExecutionMode | null>() },
  parameters: { column: 'parameters', holds: holds<Record<string, unknown> | null>() },
  error: { column: 'error', changeable: true, json: true, holds: holds<CommandError | null>() },
  confirmationCode: { column: 'confirmation_code', changeable: true, holds: holds<string | null>() },
  confirmationMessage: { column: 'confirmation_message', changeable: true, holds: holds<string | null>() },
  confirmationExpiresAt: {
    column: 'confirmation_expires_at',
    changeable: true,
    date: true,
    holds: holds<Date | null>(),
  },
  confirmationAttempts: { column: 'confirmation_attempts', changeable: true, quiet: true, holds: holds<number>() },
  providerExecutionId: { column: 'provider_execution_id', changeable: true, holds: holds<string | null>() },
  providerStatus: { column: 'provider_status', changeable: true, holds: holds<string | null>() },
  requestedBy: { column: 'requested_by', holds: holds<string>() },
  requestedAt: { column: 'requested_at', date: true, holds: holds<Date>() },
  executedAt: { column: 'executed_at', changeable: true, date: true, holds: holds<Date | null>() },
  completedAt: { column: 'completed_at', changeable: true, date: true, holds: holds<Date | null>() },
  durationSeconds: { column: 'duration_seconds', changeable: true, holds: holds<number | null>() },
  version: { column: 'version', holds: holds<number>() },
  /** Why the requester asked (an immobilization awaiting approval must say). */
  reason: { column: 'reason', holds: holds<string | null>() },
  approvalExpiresAt: { column: 'approval_expires_at', changeable: true, date: true, holds: holds<Date | null>() },
  approvedBy: { column: 'approved_by', changeable: true, holds: holds<string | null>() },
  approvedAt: { column: 'approved_at', changeable: true, date: true, holds: holds<Date | null>() },
  approvalReason: { column: 'approval_reason', changeable: true, holds: holds<string | null>() },
} as const satisfies Record<string, Field<unknown>>;

/** The engine's bookkeeping of an execution: never shown to clients, never in a snapshot. */
export const BOOKKEEPING_FIELDS = {
  dispatchState: {
    column: 'dispatch_state',
    changeable: true,
    quiet: true,
    holds: holds<'NONE' | 'SENDING' | 'SENT'>(),
  },
  leaseOwner: { column: 'lease_owner', changeable: true, quiet: true, holds: holds<string | null>() },
  leaseUntil: { column: 'lease_until', changeable: true, quiet: true, holds: holds<Date | null>() },
  nextPollAt: { column: 'next_poll_at', changeable: true, quiet: true, holds: holds<Date | null>() },
  pollAttempts: { column: 'poll_attempts', changeable: true, quiet: true, holds: holds<number>() },
  deadlineAt: { column: 'deadline_at', changeable: true, quiet: true, holds: holds<Date | null>() },
  /** Its place in its target's line (a bigint, as text); null until it has one. */
  turn: { column: 'turn', text: true, changeable: true, quiet: true, holds: holds<string | null>() },
} as const satisfies Record<string, Field<unknown>>;

type RecordOf<Fields extends Record<string, Field<unknown>>> = { -readonly [K in keyof Fields]: Fields[K]['holds'] };

/** An execution as clients see it (and as each version's snapshot keeps it). */
export type ExecutionRecord = RecordOf<typeof EXECUTION_FIELDS>;
/** What the engine also needs to know about an execution. */
export type ExecutionBookkeeping = RecordOf<typeof BOOKKEEPING_FIELDS>;

type AllFields = typeof EXECUTION_FIELDS & typeof BOOKKEEPING_FIELDS;
const ALL_FIELDS: AllFields = { ...EXECUTION_FIELDS, ...BOOKKEEPING_FIELDS };

function selectList(fields: Readonly<Record<string, Field<unknown>>>, alias: string): string {
  return Object.entries(fields)
    .map(([name, { column, text }]) => `${alias}.${column}${text ? '::text' : ''} AS "${name}"`)
    .join(', ');
}

/** The SQL select list of an execution, as an `ExecutionRecord` (alias `e`). */
export const EXECUTION_COLUMNS = selectList(EXECUTION_FIELDS, 'e');

/** The select list with the engine's bookkeeping, as an `EngineExecutionRecord`. */
export const ENGINE_EXECUTION_COLUMNS = `${EXECUTION_COLUMNS}, ${selectList(BOOKKEEPING_FIELDS, 'e')}`;

/** The fields a change may set. */
export type ChangeableField = {
  [K in keyof AllFields]: AllFields[K] extends { changeable: true } ? K : never;
}[keyof AllFields];

/** A changeable field's column: a whitelist, so change objects never name SQL directly. */
export function changeableColumn(name: ChangeableField): { column: string; json: boolean } {
  const spec: Field<unknown> = ALL_FIELDS[name];
  return { column: spec.column, json: spec.json === true };
}

/** Whether a change of these fields shows: if not, the version's snapshot stays as it is. */
export function touchesVisibleFields(fields: readonly ChangeableField[]): boolean {
  return fields.some((name) => (ALL_FIELDS[name] as Field<unknown>).quiet !== true);
}

/**
 * The execution's snapshot, built by the database from the written row `u`:
 * every field clients see, under its record name.
 */
export const SNAPSHOT_SQL = `json_build_object(${Object.entries(EXECUTION_FIELDS as Record<string, Field<unknown>>)
  .map(([name, { column, text }]) => `'${name}', u.${column}${text ? '::text' : ''}`)
  .join(', ')})`;

const SNAPSHOT_DATES = Object.entries(EXECUTION_FIELDS as Record<string, Field<unknown>>)
  .filter(([, spec]) => spec.date === true)
  .map(([name]) => name);

/** A snapshot read back from JSON (history, or a notice): its dates revived. */
export function reviveSnapshot(json: ExecutionRecord): ExecutionRecord {
  const record: Record<string, unknown> = { ...json };
  for (const name of SNAPSHOT_DATES) {
    if (typeof record[name] === 'string') record[name] = new Date(record[name] as string);
  }
  return record as ExecutionRecord;
}
