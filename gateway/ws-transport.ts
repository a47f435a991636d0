import { DisposableSymbols, type WSTransportOptions } from '@graphql-hive/gateway';
import { getInterpolatedHeadersFactory, getInterpolatedStringFactory } from '@graphql-mesh/string-interpolation';
import type { Transport } from '@graphql-mesh/transport-common';
import { buildGraphQLWSExecutor } from '@graphql-tools/executor-graphql-ws';
import { createGraphQLError, type ExecutionRequest, type Executor } from '@graphql-tools/utils';
import { CloseCode, createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * Hive Gateway's `ws` subscription transport (`@graphql-mesh/transport-ws`),
 * except that a subgraph which refuses the caller's credential ends the
 * subscription with UNAUTHENTICATED instead of leaving the client waiting.
 *
 * Why the stock transport is silent: this subgraph authenticates a socket at
 * `connection_init` and closes it with 4403 Forbidden when the token is
 * missing, malformed or expired, and again when the token expires mid-stream.
 * The graphql-ws client inside the stock transport treats 4403 as worth
 * retrying ("might grant access after retry"): it reconnects with the same
 * token five times, with exponential back-off (1, 2, 4, 8, 16 s plus jitter),
 * and only then fails the subscription with the bare close event, which the
 * gateway passes on as an error with neither message nor code (39 s after
 * subscribing, measured). Until then the gateway's own client, already
 * acknowledged, sees nothing. The transport builds that graphql-ws client
 * itself and takes no retry options, hence this copy.
 *
 * Here a 4403 is final: the subscription fails at once with a coded error the
 * gateway passes to its client (`extensions.code` UNAUTHENTICATED, the code
 * the subgraph gives the same refusal over HTTP). At a token's expiry the
 * subgraph may end the stream with an `error` message first (the same code):
 * graphql-ws rejects with that list of errors, which is passed on as the last
 * result rather than thrown (the gateway masks a thrown list). Other closes are retried as
 * the stock transport retries them (a subgraph restart, a dropped network).
 * The gateway never judges a token itself: it has no key, and only the
 * subgraph knows when a token has expired.
 */
export const wsTransport: Transport<WSTransportOptions> = {
  getSubgraphExecutor({ transportEntry, subgraphName, log }) {
    if (!transportEntry.location) throw new Error('WS transport: `location` is required in the transport entry');
    const endpoint = getInterpolatedStringFactory(transportEntry.location);
    const connectionParamsFor = getInterpolatedHeadersFactory(transportEntry.options?.connectionParams);
    const headersFor = getInterpolatedHeadersFactory(Object.fromEntries(transportEntry.headers ?? []));
    // One socket per distinct (URL, credential), as the stock transport does:
    // callers with the same token share it, and a refused one is not reused.
    const executors = new Map<string, { client: Client; executor: Executor }>();

    const executor: Executor = (request: ExecutionRequest) => {
      const factoryContext = {
        env: process.env as Record<string, string>,
        root: request.rootValue,
        context: request.context,
        info: request.info,
      };
      const url = toWebSocketUrl(endpoint(factoryContext));
      const connectionParams = connectionParamsFor(factoryContext);
      const headers = headersFor(factoryContext);
      const key = JSON.stringify({ url, connectionParams, headers });
      let entry = executors.get(key);
      if (!entry) {
        const client = createClient({
          url,
          webSocketImpl: class extends WebSocket {
            constructor(address: string, protocols?: string | string[]) {
              super(address, protocols, { headers });
            }
          },
          connectionParams,
          lazy: true,
          lazyCloseTimeout: 3_000,
          shouldRetry: (closed) => isCloseEvent(closed) && closed.code !== CloseCode.Forbidden,
          on: {
            closed: (closed) => {
              if (isCloseEvent(closed) && closed.code === CloseCode.Forbidden) {
                log.debug({ subgraph: subgraphName, reason: closed.reason }, 'the subgraph refused the credential');
              }
              // A client still retrying other closes may outlive its entry; leave a newer one alone.
              if (executors.get(key)?.client === client) executors.delete(key);
            },
          },
        });
        entry = { client, executor: buildGraphQLWSExecutor(client) };
        executors.set(key, entry);
      }
      const result = entry.executor(request);
      return isAsyncIterable(result) ? refusalsAsErrors(result, subgraphName) : result;
    };
    return Object.assign(executor, {
      // The gateway closes our sockets when it stops or reloads the supergraph.
      [DisposableSymbols.asyncDispose]: async () => {
        await Promise.all([...executors.values()].map(({ client }) => client.dispose()));
      },
    });
  },
};

/**
 * The iterable, with a 4403 close (which graphql-ws throws as is) turned into
 * an UNAUTHENTICATED GraphQL error. A plain iterator rather than an async
 * generator: a generator would hold back the gateway's `return()` (its client
 * leaving) until the subgraph's next event, keeping the upstream stream open.
 */
function refusalsAsErrors<T>(results: AsyncIterable<T>, subgraphName: string): AsyncIterableIterator<T> {
  const iterator = results[Symbol.asyncIterator]();
  let ended = false;
  const asError = (error: unknown) => {
    if (!isCloseEvent(error) || error.code !== CloseCode.Forbidden) return error;
    return createGraphQLError(
      `Not authenticated: subgraph "${subgraphName}" refused the credential (${error.reason})`,
      {
        extensions: { code: 'UNAUTHENTICATED' },
      },
    );
  };
  return {
    next: () => {
      if (ended) return Promise.resolve({ done: true, value: undefined });
      return iterator.next().catch((error: unknown) => {
        // graphql-ws rejects with the errors of the subgraph's `error` message (a stream it
        // ended with a coded error, e.g. UNAUTHENTICATED at the token's expiry, which races
        // the 4403 close): passed on as the last result, codes intact, not thrown (the
        // gateway would mask a thrown array as INTERNAL_SERVER_ERROR).
        if (!Array.isArray(error)) throw asError(error);
        ended = true;
        const errors = error.map((each: { message?: string; extensions?: Record<string, unknown> }) =>
          createGraphQLError(each.message ?? 'subgraph error', { extensions: each.extensions }),
        );
        return { done: false, value: { errors } as T };
      });
    },
    return: (value?: unknown) => iterator.return?.(value) ?? Promise.resolve({ done: true, value: undefined }),
    throw: (error?: unknown) => iterator.throw?.(error) ?? Promise.reject(error),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

function isCloseEvent(value: unknown): value is { code: number; reason: string } {
  return typeof value === 'object' && value !== null && 'code' in value && 'reason' in value;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

function toWebSocketUrl(url: string): string {
  return url.replace(/^http(s?):\/\//, 'ws$1://');
}
