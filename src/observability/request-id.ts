import { randomUUID } from 'node:crypto';

/**
 * Request ids tie every log line about a command to the request that sent
 * it. They travel explicitly (in the GraphQL context, then as an argument to
 * the command service and the dispatcher) rather than in AsyncLocalStorage,
 * whose promise hooks cost every promise of the process on Node 20.
 */

/** A caller's `x-request-id` if it is a sane token, else a fresh one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : randomUUID();
}

/** The id of one operation on a WebSocket. */
export function webSocketRequestId(operationId: string): string {
  return `ws-${operationId}-${randomUUID().slice(0, 8)}`;
}
