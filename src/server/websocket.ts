import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { execute, GraphQLError, type GraphQLSchema, type ValidationRule } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { MessageType } from 'graphql-ws';
import { WebSocket, WebSocketServer } from 'ws';
import type { LimitsConfig } from '../config.js';
import type { Viewer } from '../domain/viewer.js';
import { buildContext, contextFor, type Services } from '../graphql/context.js';
import type { ResultSink } from '../graphql/result-sink.js';
import { webSocketRequestId } from '../observability/request-id.js';
import { pushTiming, sharedResultsSubscribe, viewerAudience } from './shared-results.js';
import { closeWhenExpired } from './socket-expiry.js';
import { streamAdmission } from './stream-admission.js';
import { deadlines } from '../util/deadlines.js';
import { withTimeout } from '../util/with-timeout.js';
import { batchWritesPerTurn } from './write-batching.js';
import type { ErrorCode } from '../domain/error-codes.js';

export const GRAPHQL_PATH = '/graphql';

/**
 * graphql-ws (`graphql-transport-ws`) on the same port and path as HTTP.
 * The socket is authenticated once, at `connection_init`: `authorization`
 * ("Bearer <JWT>") or `token` (what a router in passthrough mode forwards).
 * A socket that fails is closed with 4403 Forbidden by graphql-ws.
 */
export function attachWebSocketServer(
  httpServer: Server,
  schema: GraphQLSchema,
  services: Services,
  options: { production: boolean; limits: LimitsConfig; rules: readonly ValidationRule[] },
) {
  // ws's default maxPayload is 100 MiB; an operation message is small.
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: GRAPHQL_PATH,
    maxPayload: options.limits.maxWsPayloadBytes,
  });
  /** Each authenticated socket's viewer and its TCP connection (the upgrade request itself is let go). */
  const sockets = new WeakMap<object, { viewer: Viewer; connection: Duplex }>();
  /** Sockets whose `connection_init` arrived (authenticated or not). */
  const initialised = new WeakSet<WebSocket>();
  // Queries and mutations in flight over sockets: shutdown waits for them
  // (graphql-ws keeps running an operation whose socket has closed).
  const executing = new Set<Promise<unknown>>();

  const admit = streamAdmission(schema, options.limits, options.rules);
  const cleanup = useServer(
    {
      schema,
      // Waited on the shared deadlines instead (below): not one timer per socket.
      connectionInitWaitTimeout: 0,
      // Each event executed once for all subscribers who see the same data.
      subscribe: sharedResultsSubscribe(viewerAudience, pushTiming(services)),
      execute: (args) => {
        const result = execute(args);
        if (result instanceof Promise) {
          executing.add(result);
          void result.finally(() => executing.delete(result)).catch(() => {});
        }
        return result;
      },
      onConnect: async (ctx) => {
        initialised.add(ctx.extra.socket);
        const context = await buildContext(
          services,
          socketAuthorization(ctx.connectionParams, ctx.extra.request.headers.authorization),
          webSocketRequestId('init'),
        );
        if (!context.viewer) return false;
        sockets.set(ctx.extra, { viewer: context.viewer, connection: ctx.extra.request.socket });
        // The upgrade request (its headers, its parser state) is not needed past this point.
        Reflect.deleteProperty(ctx.extra, 'request');
        closeWhenExpired(ctx.extra.socket, context.viewer.expiresAt);
        return true;
      },
      // graphql-ws re-wraps an error that ends a stream into a bare message;
      // send the coded, masked error our mapping produced instead.
      onError: (_ctx, _id, _payload, errors) =>
        errors.map((error) => (error.originalError instanceof GraphQLError ? error.originalError : error).toJSON()),
      // graphql-ws bypasses Apollo Server: the same limits (depth, aliases,
      // cost, tokens, introspection in production) are applied here, plus a
      // cap on subscriptions per socket (graphql-ws has none).
      onSubscribe: (ctx, id, payload) => {
        // graphql-ws has already entered this operation in `ctx.subscriptions`.
        const others = Object.keys(ctx.subscriptions).filter((other) => other !== id).length;
        if (others >= options.limits.maxSubscriptionsPerSocket) {
          return [
            new GraphQLError(`at most ${options.limits.maxSubscriptionsPerSocket} operations per socket`, {
              extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' satisfies ErrorCode },
            }),
          ];
        }
        const checked = admit(payload);
        if ('errors' in checked) return [...checked.errors];
        return {
          schema,
          document: checked.document,
          variableValues: payload.variables ?? undefined,
          operationName: payload.operationName ?? undefined,
          contextValue: contextForOperation(ctx.extra, id),
        };
      },
    },
    wsServer,
    // Pings go out from one interval for every socket (below), not one per socket.
    0,
  );
  // After graphql-ws's own handler, which has just given the socket a
  // listener that console.errors every socket error with its stack — an
  // oversized or malformed frame from a client included — as an "internal
  // error". Ours replaces it and speaks through the app's logger.
  wsServer.on('connection', (socket) => {
    socket.on('pong', answeredPing);
    // graphql-ws's connection_init wait, on the shared deadlines: a socket that never initialises is closed.
    socket.once(
      'close',
      deadlines.at(Date.now() + options.limits.connectionInitTimeoutMs, () => {
        if (!initialised.has(socket)) socket.close(4408, 'Connection initialisation timeout');
      }),
    );
    socket.removeAllListeners('error');
    socket.on('error', (error: Error & { code?: string }) => {
      if (error.code?.startsWith('WS_ERR_')) {
        // ws refused a frame (too large, malformed) and closes the socket with the status it implies.
        services.logger.info({ code: error.code, reason: error.message }, 'WebSocket frame refused');
        return;
      }
      services.logger.error({ err: error }, 'WebSocket socket failed');
      socket.close(1011, 'Internal server error');
    });
  });

  /**
   * Fresh loaders per operation (a long-lived socket must not serve stale
   * rows), a request id for its logs, and the socket as the sink of its
   * results.
   */
  function contextForOperation(extra: { socket: WebSocket }, operationId: string) {
    const { viewer, connection } = sockets.get(extra) ?? {};
    if (!viewer || !connection) throw new Error('operation on an unauthenticated socket');
    // Assigned onto the context, not spread: its loaders are made on first use.
    return Object.assign(contextFor(services, viewer, webSocketRequestId(operationId)), {
      transport: 'graphql-ws' as const,
      resultSink: webSocketResultSink(extra.socket, connection, operationId),
    });
  }

  // Keep-alive, as graphql-ws would do it per socket, on one interval: each socket is pinged, and one that
  // has not answered the previous ping by the next is terminated.
  const unanswered = new WeakSet<WebSocket>();
  function answeredPing(this: WebSocket) {
    unanswered.delete(this);
  }
  const keepAlive = setInterval(() => {
    for (const socket of wsServer.clients) {
      if (socket.readyState !== WebSocket.OPEN) continue;
      if (unanswered.has(socket)) {
        socket.terminate();
        continue;
      }
      unanswered.add(socket);
      socket.ping();
    }
  }, options.limits.wsKeepAliveMs);
  keepAlive.unref();

  return {
    /** Closes every socket (1001), then waits up to `graceMs` for operations still executing. */
    async dispose(graceMs = 10_000) {
      clearInterval(keepAlive);
      await cleanup.dispose();
      await withTimeout(Promise.allSettled([...executing]), graceMs);
    },
  };
}

/** What follows a result in graphql-ws's `next` message. */
const NEXT_END = Buffer.from('}');

/**
 * A socket as the sink of one operation's results: graphql-ws's `next`
 * message (`{"id","type","payload"}`, the order its own stringify gives),
 * with the operation id spliced in front of the result's bytes, serialised
 * once for every subscriber of its audience. Writes of one event-loop turn
 * go out together (the connection is corked until the turn ends). Nothing is
 * written to a socket that is closing.
 */
function webSocketResultSink(socket: WebSocket, connection: Duplex, operationId: string): ResultSink {
  const head = Buffer.from(`{"id":${JSON.stringify(operationId)},"type":"${MessageType.Next}","payload":`);
  const beforeWrite = batchWritesPerTurn(connection);
  return {
    write({ bytes }) {
      if (socket.readyState !== WebSocket.OPEN) return;
      beforeWrite();
      socket.send(Buffer.concat([head, bytes, NEXT_END], head.length + bytes.length + 1), { binary: false });
    },
  };
}

/**
 * The credential of a socket, from where clients put it: `authorization` or
 * `token` in the `connection_init` payload; the same nested under
 * `connectionParams` (what Apollo Router sends in passthrough mode); or, last,
 * the `Authorization` header of the upgrade request (which the router also
 * propagates).
 */
function socketAuthorization(
  params: Readonly<Record<string, unknown>> | undefined,
  upgradeHeader: string | undefined,
): string | undefined {
  const nested = params?.connectionParams;
  return (
    authorizationFrom(params) ??
    (typeof nested === 'object' && nested !== null
      ? authorizationFrom(nested as Record<string, unknown>)
      : undefined) ??
    upgradeHeader
  );
}

function authorizationFrom(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (!params) return undefined;
  const value = params.authorization ?? params.Authorization ?? params.token;
  if (typeof value !== 'string') return undefined;
  return /^Bearer\s/i.test(value) ? value : `Bearer ${value}`;
}
