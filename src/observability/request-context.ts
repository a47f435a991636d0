import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface RequestContext {
  requestId: string;
}

/**
 * Carries the request id through everything a request starts — resolvers,
 * the engine's dispatch, provider calls — so every log line about a command
 * can be tied to the request that sent it.
 */
export const requestContext = new AsyncLocalStorage<RequestContext>();

/** A caller's `x-request-id` if it is a sane token, else a fresh one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : randomUUID();
}
