import type { Server } from 'node:http';
import { NoSchemaIntrospectionCustomRule, parse, validate, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { buildContext, contextFor, type Services } from '../graphql/context.js';
import type { Viewer } from '../domain/viewer.js';

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
  options: { production: boolean },
) {
  const wsServer = new WebSocketServer({ server: httpServer, path: GRAPHQL_PATH, maxPayload: 1024 * 1024 });
  const viewers = new WeakMap<object, Viewer>();

  const cleanup = useServer(
    {
      schema,
      connectionInitWaitTimeout: 10_000,
      onConnect: async (ctx) => {
        const context = await buildContext(services, authorizationFrom(ctx.connectionParams));
        if (!context.viewer) return false;
        viewers.set(ctx.extra, context.viewer);
        closeWhenExpired(ctx.extra.socket, context.viewer.expiresAt);
        return true;
      },
      // graphql-ws bypasses Apollo Server's options: introspection is turned
      // off here too in production.
      onSubscribe: options.production
        ? (_ctx, _id, payload) => {
            let document;
            try {
              document = parse(payload.query);
            } catch {
              return undefined; // graphql-ws reports the syntax error itself
            }
            const errors = validate(schema, document, [NoSchemaIntrospectionCustomRule]);
            return errors.length > 0 ? errors : undefined;
          }
        : undefined,
      context: (ctx) => {
        const viewer = viewers.get(ctx.extra);
        if (!viewer) throw new Error('operation on an unauthenticated socket');
        // Fresh loaders per operation: a long-lived socket must not serve stale rows.
        return contextFor(services, viewer);
      },
    },
    wsServer,
  );

  return {
    async dispose() {
      await cleanup.dispose();
    },
  };
}

function authorizationFrom(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (!params) return undefined;
  const value = params.authorization ?? params.Authorization ?? params.token;
  if (typeof value !== 'string') return undefined;
  return /^Bearer\s/i.test(value) ? value : `Bearer ${value}`;
}

/** A socket outlives no token: at expiry it is closed with 4403, as an unauthenticated one would be. */
function closeWhenExpired(socket: { close(code: number, reason: string): void; once(event: 'close', listener: () => void): unknown }, expiresAt: Date | undefined): void {
  if (!expiresAt) return;
  // setTimeout holds at most ~24.8 days; a longer token is re-armed on the way.
  const delay = Math.min(expiresAt.getTime() - Date.now(), 2 ** 31 - 1);
  const timer = setTimeout(() => {
    if (Date.now() >= expiresAt.getTime()) socket.close(4403, 'Forbidden: token expired');
    else closeWhenExpired(socket, expiresAt);
  }, Math.max(delay, 0));
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}
