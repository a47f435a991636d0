import { ValidationError } from '../domain/validation.js';

/**
 * Opaque cursors over the `seq` column. Clients must not build them; a
 * malformed one is a clear input error, not an empty page.
 */
export function encodeCursor(seq: string): string {
  return Buffer.from(`seq:${seq}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined): string | null {
  if (cursor === null || cursor === undefined) return null;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^seq:(\d{1,18})$/.exec(decoded);
  if (!match) throw new ValidationError('after', 'after is not a cursor returned by this API');
  return match[1]!;
}

/** Fetch one more row than asked, to know whether a next page exists. */
export function toPage<T>(rows: T[], first: number): { items: T[]; hasNextPage: boolean } {
  return { items: rows.slice(0, first), hasNextPage: rows.length > first };
}
