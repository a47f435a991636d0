import type { Server } from 'node:http';
import type { GraphQLSchema } from 'graphql';
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
export function attachWebSocketServer(httpServer: Server, schema: GraphQLSchema, services: Services) {
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
        return true;
      },
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
