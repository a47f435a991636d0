import type { NextFunction, Request, Response } from 'express';
import { GraphQLError, type ExecutionResult, type GraphQLSchema, type ValidationRule } from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/express';
import type { LimitsConfig } from '../config.js';
import { buildContext, type Services } from '../graphql/context.js';
import { sharedResultsSubscribe, viewerAudience } from './shared-results.js';
import { streamAdmission } from './stream-admission.js';

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
export function sseTransport(
  schema: GraphQLSchema,
  services: Services,
  options: { limits: LimitsConfig; rules: readonly ValidationRule[] },
) {
  const admit = streamAdmission(schema, options.limits, options.rules);
  const shutdown = new AbortController();
  const sharedSubscribe = sharedResultsSubscribe(viewerAudience);

  const handler = createHandler({
    schema,
    // Distinct connections only: no reservations, no tokens of graphql-sse's own.
    authenticate: () => null,
    // The document was validated, with our rules, by the admission below.
    validate: () => [],
    onSubscribe: async (req, params) => {
      const admitted = admit({ query: params.query, variables: params.variables, operationName: params.operationName });
      // `data: null` alongside: graphql-sse tells a result from arguments by its `data` key.
      if ('errors' in admitted) return { data: null, errors: [...admitted.errors] };
      const express = req.raw as Request;
      const contextValue = await buildContext(
        services,
        express.headers.authorization,
        (express.res as Response).locals.requestId as string,
      );
      contextValue.streamShutdown = shutdown.signal;
      return {
        schema,
        document: admitted.document,
        variableValues: params.variables ?? undefined,
        operationName: params.operationName ?? undefined,
        contextValue,
      };
    },
    subscribe: async (args) => endWithErrorResult(await sharedSubscribe(args)),
  });

  return {
    /** Serves a request that asks for an event stream first; any other goes on (to Apollo Server). */
    middleware(req: Request, res: Response, next: NextFunction) {
      if (!wantsEventStream(req.headers.accept)) {
        next();
        return;
      }
      // graphql-sse recognises the media type only when it stands alone.
      req.headers.accept = EVENT_STREAM;
      handler(req, res).catch(next);
    },
    /** Ends every open stream with SHUTTING_DOWN ("subscribe again"); their responses then finish. */
    dispose() {
      shutdown.abort(
        new GraphQLError('the subgraph is shutting down: subscribe again', { extensions: { code: 'SHUTTING_DOWN' } }),
      );
    },
  };
}

/** `text/event-stream` is the first media type the client lists (`text/event-stream, application/json`...). */
export function wantsEventStream(accept: string | undefined): boolean {
  return accept?.split(',')[0]?.split(';')[0]?.trim().toLowerCase() === EVENT_STREAM;
}

/**
 * A stream whose source fails (a revoke, the token's expiry, a shutdown: the
 * resolvers throw a coded error) ends with one last result carrying that
 * error, so the client reads why before `complete`. graphql-sse itself would
 * drop the connection without a word.
 */
function endWithErrorResult(
  result: AsyncIterableIterator<ExecutionResult> | ExecutionResult,
): AsyncIterableIterator<ExecutionResult> | ExecutionResult {
  if (!(Symbol.asyncIterator in result)) return result;
  const source = result;
  let ended = false;
  const ending: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      if (ended) return { done: true, value: undefined };
      try {
        return await source.next();
      } catch (error) {
        ended = true;
        const coded =
          error instanceof GraphQLError
            ? error
            : new GraphQLError('Internal server error', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
        return { done: false, value: { errors: [coded] } };
      }
    },
    async return() {
      ended = true;
      await source.return?.();
      return { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      ended = true;
      return (await source.throw?.(error)) ?? { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return ending;
    },
  };
  return ending;
}
