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
import { requestIdFrom } from '../observability/request-id.js';
import { explorerRoutes } from './explorer/routes.js';
import { healthRoutes } from './health.js';
import { limitRules, withoutSuggestions } from './limits.js';
import { operationAdmissionPlugin } from './operation-admission.js';
import { subscriptionCallbackPlugin } from './subscription-callback.js';
import { httpStreamOperations } from './http-stream-operations.js';
import { multipartTransport } from './multipart.js';
import { sseTransport } from './sse.js';
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

/** The largest GraphQL request body accepted over HTTP. */
const MAX_BODY = '1mb';

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
  const httpServer: Server = createServer(app);
  let shuttingDown = false;
  const rules = limitRules(options.limits, options.production);

  const ws = attachWebSocketServer(httpServer, schema, services, {
    production: options.production,
    limits: options.limits,
    rules,
  });
  // The HTTP streaming transports (SSE, multipart): one admission, context and shutdown for both.
  const httpStreams = httpStreamOperations(schema, services, { limits: options.limits, rules });

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
    sseTransport(httpStreams),
    multipartTransport(httpStreams),
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

/**
 * Gives the request an id (the caller's `x-request-id` if sane), echoes it,
 * hands it to the GraphQL context (which passes it on to every log line about
 * the operation), and writes one access line when the response is done.
 */
function withRequestId(services: Services) {
  return (req: Request, res: Response, next: NextFunction) => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.setHeader('x-request-id', requestId);
    res.locals.requestId = requestId;
    const started = performance.now();
    res.on('finish', () => {
      services.logger.info(
        {
          requestId,
          method: req.method,
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
        },
        'request',
      );
    });
    next();
  };
}

/** body-parser's refusals by their type; any other error by its status alone. */
function describeHttpError(type: string | undefined, status: number): [code: string, message: string] {
  if (type === 'entity.too.large') return ['PAYLOAD_TOO_LARGE', `request body larger than ${MAX_BODY}`];
  if (type === 'entity.parse.failed') return ['BAD_REQUEST', 'request body is not valid JSON'];
  if (status < 500) return ['BAD_REQUEST', 'bad request'];
  return ['INTERNAL_SERVER_ERROR', 'Internal server error'];
}

/** Body-parser refusals (too large, bad JSON) as GraphQL-shaped errors with a code; nothing else leaks. */
function errorHandler(services: Services) {
  return (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = (error as { status?: number }).status ?? 500;
    const [code, message] = describeHttpError((error as { type?: string }).type, status);
    if (status >= 500) services.logger.error({ err: error }, 'unhandled HTTP error');
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}
