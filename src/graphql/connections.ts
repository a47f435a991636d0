import { encodeCursor } from '../store/pagination.js';
import type { Page } from '../store/records.js';
import type { ConnectionShape } from './types/connection.js';

export { decodeCursor } from '../store/pagination.js';

/** A store page as a Relay connection; cursors are the rows' `seq`. */
export function toConnection<T extends { seq: string }>(page: Page<T>): ConnectionShape<T> {
  const edges = page.items.map((node) => ({ cursor: encodeCursor(node.seq), node }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}

