import { ValidationError } from '../domain/validation.js';

/**
 * A place in the stream of committed changes (`commandExecutionChanges`):
 * every change whose writing transaction id is below `watermark` has been
 * delivered, and `at` is when that was established (the cursor's age).
 *
 * Why transaction ids: in PostgreSQL a sequence value or `now()` is taken
 * before commit, so changes commit out of id and clock order, and replicas'
 * clocks differ. A snapshot's `xmin` is different: every transaction below it
 * has finished, so a read that returns the changes below it, in the same
 * snapshot, has seen all of them for good. A watermark only ever moves to such
 * a horizon; changes at or above it may already have been delivered, so a
 * resume may repeat them (same execution id and version), never skip one.
 */
export interface ChangePosition {
  watermark: bigint;
  at: number;
}

/**
 * The later of two positions: the one with more behind it or, at the same
 * watermark, the one established later (a cursor's age is from then: a feed
 * whose horizon stands still must not hand out cursors that look old).
 */
export function laterPosition(a: ChangePosition, b: ChangePosition | undefined): ChangePosition {
  if (b === undefined) return a;
  return b.watermark > a.watermark || (b.watermark === a.watermark && b.at > a.at) ? b : a;
}

const PREFIX = 'c1.';

/** The opaque cursor a client holds: versioned so its shape can change without breaking old ones. */
export function encodeCursor({ watermark, at }: ChangePosition): string {
  return Buffer.from(`${PREFIX}${watermark}.${at}`).toString('base64url');
}

/**
 * The position a cursor names. Not one this API issued: BAD_USER_INPUT.
 * Its age is checked by the caller, against the replay window.
 */
export function decodeCursor(cursor: string, now = Date.now()): ChangePosition {
  const invalid = () => new ValidationError('after', 'after is not a cursor this API issued');
  if (cursor.length > 64 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  const match = /^c1\.(\d{1,20})\.(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('latin1'));
  if (!match) throw invalid();
  const position = { watermark: BigInt(match[1]!), at: Number(match[2]) };
  // A cursor from the future was not issued here (a little clock skew between replicas is fine).
  if (position.watermark >= 2n ** 64n || position.at > now + 5 * 60_000) throw invalid();
  return position;
}

/** One stored change as a replay reads it: its writing transaction's id, and the execution as it was then. */
export interface StoredChange<T> {
  xid: bigint;
  executionId: string;
  version: number;
  value: T;
}

/**
 * The order a replay delivers `changes` in (read sorted by transaction id),
 * each with the position a client holds once it has it.
 *
 * One execution's versions are always delivered in version order: a later
 * version can have the smaller transaction id (its transaction took an id
 * before it waited for the earlier one to commit), so each execution's
 * versions are laid back into the places its changes hold. A change's
 * position is the smallest transaction id still to come (so everything below
 * it has been delivered), never beyond the read's `horizon`.
 */
export function replayOrder<T>(
  changes: readonly StoredChange<T>[],
  horizon: bigint,
  at: number,
): { change: StoredChange<T>; position: ChangePosition }[] {
  const byExecution = new Map<string, StoredChange<T>[]>();
  for (const change of changes) {
    let versions = byExecution.get(change.executionId);
    if (!versions) byExecution.set(change.executionId, (versions = []));
    versions.push(change);
  }
  for (const versions of byExecution.values()) versions.sort((a, b) => a.version - b.version);
  const taken = new Map<string, number>();
  const ordered = changes.map(({ executionId }) => {
    const index = taken.get(executionId) ?? 0;
    taken.set(executionId, index + 1);
    return byExecution.get(executionId)![index]!;
  });
  const positions: ChangePosition[] = new Array(ordered.length);
  let lowestToCome = horizon;
  for (let i = ordered.length - 1; i >= 0; i -= 1) {
    positions[i] = { watermark: lowestToCome, at };
    if (ordered[i]!.xid < lowestToCome) lowestToCome = ordered[i]!.xid;
  }
  return ordered.map((change, i) => ({ change, position: positions[i]! }));
}
