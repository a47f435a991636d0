/**
 * One small database interface over PGlite (embedded) and PostgreSQL, so that
 * the rest of the store speaks one SQL dialect through one code path.
 */
export interface Queryable {
  query<Row = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
    options?: QueryOptions,
  ): Promise<Row[]>;
}

export interface QueryOptions {
  /**
   * Parse and plan this statement once per connection and reuse the plan:
   * for the few hot statements whose text is one of a small fixed set and
   * whose plan does not depend on the parameters (lookups by key). A
   * database that cannot keep plans runs it as usual.
   */
  prepare?: boolean;
}

export type NotificationHandler = (payload: string) => void;

export interface ListenOptions {
  /**
   * Called when a dropped LISTEN connection is back, with when it was found
   * lost: NOTIFYs committed in between never arrive, so the listener reads
   * what changed since then.
   */
  onRestored?: (lostAt: Date) => void;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs several statements at once (migrations). */
  exec(sql: string): Promise<void>;
  /** Subscribes to a NOTIFY channel; the returned function unsubscribes. */
  listen(channel: string, handler: NotificationHandler, options?: ListenOptions): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** The store's own error for a database that cannot be reached or answered wrongly. */
export class DatabaseUnavailableError extends Error {
  override readonly name = 'DatabaseUnavailableError';
  readonly code = 'DATABASE_UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Node's codes for a socket that could not reach, or lost, the server. */
const NETWORK_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

/**
 * SQLSTATE classes that say "the database cannot serve you now; try again",
 * whatever the statement: 08 connection exception, 53 insufficient resources
 * (disk full, out of memory, too many connections), 57 operator intervention
 * (shutdown, cannot connect now, database dropped, statement timeout or
 * cancel) and 58 system error (I/O). Everything else (syntax 42, data 22,
 * integrity 23, serialization 40, prerequisite state 55, internal XX) is about
 * the statement and stays an internal error. A refused *connection*, whatever
 * its SQLSTATE (55000 "not currently accepting connections", 3D000, 28P01),
 * arrives as DatabaseUnavailableError from the driver wrapper.
 */
const UNAVAILABLE_SQLSTATE_CLASSES = new Set(['08', '53', '57', '58']);

/** What pg, its pool and PGlite say, without a code, when the database went away under a statement. */
const CONNECTION_LOST_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /Cannot use a pool after calling end/i,
  /PGlite is closed/i,
];

/** Is this a failure to reach the database (as opposed to a bad statement)? */
export function isConnectionError(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_ERROR_CODES.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code) && UNAVAILABLE_SQLSTATE_CLASSES.has(code.slice(0, 2))) return true;
  }
  return CONNECTION_LOST_MESSAGES.some((pattern) => pattern.test(error.message));
}

/** Channel names are identifiers, not parameters: only plain names are allowed. */
export function assertChannelName(channel: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`invalid NOTIFY channel name: ${channel}`);
}
