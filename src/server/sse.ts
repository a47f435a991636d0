import type { NextFunction, Request, Response } from 'express';
import type { OperationArgs } from 'graphql-sse';
import { createHandler } from 'graphql-sse/lib/use/express';
import type { HttpStreamOperations } from './http-stream-operations.js';

export const EVENT_STREAM = 'text/event-stream';

/**
 * GraphQL over Server-Sent Events on `/graphql`, graphql-sse's "distinct
 * connections" mode: each operation is one request (`POST` with a JSON body,
 * or `GET` with query parameters) whose response streams `event: next` with
 * each result and ends with `event: complete`; a `:` comment every 12 s keeps
 * an idle stream open through proxies. Authenticated by the request's
 * `Authorization` header, like any HTTP request; a router forwards it as is.
 *
 * Errors stay in the accepted stream (200): an operation refused before it
 * runs (a limit, bad variables, no or a bad token, a target one may not see,
 * the per-user cap) arrives as one `next` carrying `errors`, then `complete`;
 * a stream ended by a revoke, the token's expiry or a shutdown sends its
 * coded error the same way. Only a request that is not GraphQL at all (no
 * query, bad JSON) is answered with a 4xx status, by graphql-sse.
 */
export function sseTransport(operations: HttpStreamOperations) {
  const handler = createHandler({
    // Distinct connections only: no reservations, no tokens of graphql-sse's own.
    authenticate: () => null,
    // The document was validated, with our rules, by the admission in `prepare`.
    validate: () => [],
    onSubscribe: async (req, params) => {
      const prepared = await operations.prepare('sse', req.raw as Request, params);
      // `data: null` alongside: graphql-sse tells a result from arguments by its `data` key.
      // Our context is an object graphql-sse's `OperationContext` type does not spell out.
      return 'errors' in prepared ? { data: null, errors: prepared.errors } : (prepared as OperationArgs);
    },
    subscribe: (args) => operations.subscribe(args),
  });

  /** Serves a request that asks for an event stream first; any other goes on (to the next transport). */
  return (req: Request, res: Response, next: NextFunction) => {
    if (!wantsEventStream(req.headers.accept)) {
      next();
      return;
    }
    // graphql-sse recognises the media type only when it stands alone.
    req.headers.accept = EVENT_STREAM;
    handler(req, res).catch(next);
  };
}

/** `text/event-stream` is the first media type the client lists (`text/event-stream, application/json`...). */
export function wantsEventStream(accept: string | undefined): boolean {
  return accept?.split(',')[0]?.split(';')[0]?.trim().toLowerCase() === EVENT_STREAM;
}
