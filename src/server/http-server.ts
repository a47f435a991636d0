import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTrace } from '@apollo/server/plugin/inlineTrace';
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { buildContext, type GraphQLContext, type Services } from '../graphql/context.js';
import { healthRoutes } from './health.js';
import { attachWebSocketServer, GRAPHQL_PATH } from './websocket.js';

export interface HttpServerOptions {
  host: string;
  port: number;
  production: boolean;
}

export interface RunningServer {
  url: string;
  wsUrl: string;
  port: number;
  /** Stops accepting, drains HTTP requests and WebSockets in flight, then resolves. */
  stop(): Promise<void>;
}

/** HTTP (Apollo Server 5 on express 5), graphql-ws and health endpoints on one port. */
export async function startHttpServer(
  schema: GraphQLSchema,
  services: Services,
  options: HttpServerOptions,
): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer: Server = createServer(app);
  let shuttingDown = false;

  const ws = attachWebSocketServer(httpServer, schema, services, { production: options.production });

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    introspection: !options.production,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // main.ts owns SIGTERM/SIGINT: Apollo's own handler would stop only Apollo
    // and then re-raise the signal, cutting our shutdown short.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    logger: services.logger.child({ component: 'apollo' }),
    plugins: [
      // Federated traces for a gateway that asks for them (ftv1); resolver
      // errors are already masked by our middleware before they get here.
      ApolloServerPluginInlineTrace(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      { serverWillStart: async () => ({ drainServer: () => ws.dispose() }) },
      options.production
        ? ApolloServerPluginLandingPageProductionDefault({ footer: false })
        : ApolloServerPluginLandingPageLocalDefault({ footer: false, embed: true, includeCookies: false }),
    ],
  });
  await apollo.start();

  app.use(healthRoutes(services.store, () => shuttingDown));
  app.use(
    GRAPHQL_PATH,
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: ({ req }) => buildContext(services, req.headers.authorization),
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;

  return {
    url: `http://${host}:${port}${GRAPHQL_PATH}`,
    wsUrl: `ws://${host}:${port}${GRAPHQL_PATH}`,
    port,
    async stop() {
      shuttingDown = true;
      await apollo.stop();
    },
  };
}
