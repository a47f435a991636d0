import type DataLoader from 'dataloader';
import { encodeCursor } from '../store/pagination.js';
import type { Page } from '../store/records.js';
import type { ConnectionShape } from './types/connection.js';

export { decodeCursor } from '../store/pagination.js';

/** A store page as a Relay connection; cursors are the rows' `seq`. */
export function toConnection<T extends { seq: string }>(page: Page<T>): ConnectionShape<T> {
  const edges = page.items.map((node) => ({ cursor: encodeCursor(node.seq), node }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}

/**
 * A page as a connection, its nodes primed in the request's loader: a field
 * that later asks for one of them by id (an `_entities` reference, a target's
 * executions) costs no query.
 */
export function primedConnection<T extends { id: string; seq: string }>(
  page: Page<T>,
  loader: DataLoader<string, T | null>,
): ConnectionShape<T> {
  for (const node of page.items) loader.prime(node.id, node);
  return toConnection(page);
}
