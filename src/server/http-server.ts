import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTrace } from '@apollo/server/plugin/inlineTrace';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { GraphQLSchema } from 'graphql';
import type { LimitsConfig } from '../config.js';
import { buildContext, type GraphQLContext, type Services } from '../graphql/context.js';
import type { Metrics } from '../observability/metrics.js';
import { explorerRoutes } from './explorer/routes.js';
import { healthRoutes } from './health.js';
import { limitRules, withoutSuggestions } from './limits.js';
import { operationAdmissionPlugin } from './operation-admission.js';
import { subscriptionCallbackPlugin } from './subscription-callback.js';
import { answerHttpError, httpErrorAnswer, MAX_BODY, trackRequest } from './http-requests.js';
import { httpStreamOperations } from './http-stream-operations.js';
import { httpStreamRequests } from './http-streams.js';
import { attachWebSocketServer, GRAPHQL_PATH } from './websocket.js';

export interface HttpServerOptions {
  host: string;
  port: number;
  production: boolean;
  limits: LimitsConfig;
  /** Where routers may have subscription updates POSTed; empty: callback protocol off. */
  subscriptionCallbackUrls: readonly URL[];
  /** Each callback request's time limit, from connecting to the end of the router's answer. */
  subscriptionCallbackTimeoutMs: number;
  metrics: Metrics;
  /** Prefilled in the explorer's headers (development, with a generated secret only). */
  explorerAuthorization?: string;
}

export interface RunningServer {
  url: string;
  wsUrl: string;
  port: number;
  /** Stops accepting, drains HTTP requests and WebSockets in flight, then resolves. */
  stop(): Promise<void>;
}

/** HTTP (Apollo Server 5 on express 5), graphql-ws, health and metrics endpoints on one port. */
export async function startHttpServer(
  schema: GraphQLSchema,
  services: Services,
  options: HttpServerOptions,
): Promise<RunningServer> {
  const app = express();
  app.disable('x-powered-by');
  // A GraphQL answer is never revalidated by ETag; hashing each body is wasted work.
  app.set('etag', false);
  const rules = limitRules(options.limits, options.production);
  // The HTTP streaming transports (SSE, multipart): one admission, context and shutdown for both.
  const httpStreams = httpStreamOperations(schema, services, { limits: options.limits, rules });
  // Served before express: a request express has dressed holds about 4 KiB
  // more for as long as it is open, and a stream stays open for hours (memory
  // per subscriber: `npm run bench`, scenario 2). Everything else goes to express.
  const streams = httpStreamRequests(httpStreams, services, app);
  const httpServer: Server = createServer((req, res) => {
    if (!streams(req, res)) app(req, res);
  });
  let shuttingDown = false;

  const ws = attachWebSocketServer(httpServer, schema, services, {
    production: options.production,
    limits: options.limits,
    rules,
  });

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    introspection: !options.production,
    // A request carrying Authorization is preflighted by every browser, so it
    // cannot be a cross-site simple request: clients that send queries as GET
    // with a token (urql's default) pass; simple requests stay refused.
    csrfPrevention: { requestHeaders: ['x-apollo-operation-name', 'apollo-require-preflight', 'authorization'] },
    allowBatchedHttpRequests: false,
    // Automatic persisted queries serve browsers on slow links, not a subgraph
    // behind a router (which sends whole queries), and their cache is one
    // anyone could fill. Off: PERSISTED_QUERY_NOT_SUPPORTED, and an APQ client
    // falls back to sending the query.
    persistedQueries: false,
    includeStacktraceInErrorResponses: false,
    // "Did you mean …?" would describe the schema to whoever probes it.
    // Apollo's option strips it from validation errors only; formatError
    // also covers variable coercion ("Did you mean the enum value …?").
    hideSchemaDetailsFromClientErrors: true,
    formatError: (formatted) => ({ ...formatted, message: withoutSuggestions(formatted.message) }),
    validationRules: rules,
    parseOptions: { maxTokens: options.limits.maxTokens },
    // main.ts owns SIGTERM/SIGINT: Apollo's own handler would stop only Apollo
    // and then re-raise the signal, cutting our shutdown short.
    stopOnTerminationSignals: false,
    logger: services.logger.child({ component: 'apollo' }),
    plugins: [
      // Federated traces for a gateway that asks for them (ftv1); resolver
      // errors are already masked by the schema (`withErrorMapping`) before they get here.
      ApolloServerPluginInlineTrace(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      {
        serverWillStart: async () => ({
          drainServer: async () => {
            // Event streams are requests in flight: ended first, so the HTTP drain does not wait them out.
            httpStreams.dispose();
            await ws.dispose();
          },
        }),
      },
      operationAdmissionPlugin(options.limits),
      subscriptionCallbackPlugin(
        options.subscriptionCallbackUrls,
        services.logger.child({ component: 'subscription-callback' }),
        options.subscriptionCallbackTimeoutMs,
      ),
      // The explorer is ours (served offline, below), and off in production.
      ApolloServerPluginLandingPageDisabled(),
    ],
  });
  await apollo.start();

  app.use(healthRoutes(services.store, () => shuttingDown));
  app.get('/metrics', async (_req: Request, res: Response) => {
    res.setHeader('content-type', options.metrics.registry.contentType);
    res.end(await options.metrics.registry.metrics());
  });
  if (!options.production) {
    app.use(explorerRoutes({ endpoint: GRAPHQL_PATH, authorization: options.explorerAuthorization }));
  }
  app.use(
    GRAPHQL_PATH,
    express.json({ limit: MAX_BODY }),
    withRequestId(services),
    expressMiddleware(apollo, {
      context: ({ req, res }) => buildContext(services, req.headers.authorization, res.locals.requestId as string),
    }),
  );
  app.use(errorHandler(services));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, options.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  // Listening on every interface: the URL printed is loopback's, as everywhere else in the docs.
  const host = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;

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

/** The request's id and access line (`trackRequest`), its id handed to the GraphQL context. */
function withRequestId(services: Services) {
  return (req: Request, res: Response, next: NextFunction) => {
    res.locals.requestId = trackRequest(services.logger, req, res);
    next();
  };
}

/** Body-parser refusals (too large, bad JSON) as GraphQL-shaped errors with a code; nothing else leaks. */
function errorHandler(services: Services) {
  return (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (httpErrorAnswer(error).status >= 500) services.logger.error({ err: error }, 'unhandled HTTP error');
    answerHttpError(res, error);
  };
}
