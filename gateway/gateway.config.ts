import { defineConfig, type HTTPCallbackTransportOptions, type WSTransportOptions } from '@graphql-hive/gateway';
import { usePersistedQueriesNotSupported } from './persisted-queries.js';
import { composeSupergraph, subgraphSources, VEHICLE_ACCESS } from './subgraphs.js';
import { wsTransport } from './ws-transport.js';

/**
 * The local router behind `npm run gateway` (Hive Gateway). docs/federation.md
 * explains each setting next to its Apollo Router equivalent.
 */
const env = process.env;
const port = Number(env.GATEWAY_PORT || 4001);
const host = env.GATEWAY_HOST || '127.0.0.1';
const mode = env.GATEWAY_SUBSCRIPTIONS || 'sse';
if (mode !== 'sse' && mode !== 'ws' && mode !== 'http-callback') {
  throw new Error(`GATEWAY_SUBSCRIPTIONS must be "sse", "ws" or "http-callback", got "${mode}"`);
}

/**
 * The caller's credential as the gateway sees it: the Authorization header of
 * an HTTP request, or the `authorization` key of a WebSocket client's
 * `connection_init` payload (the gateway merges connectionParams into headers).
 */
const CALLER_AUTHORIZATION = '{context.headers.authorization}';

/**
 * How subscriptions reach this subgraph. `sse` (the default) needs no entry at
 * all: the gateway's HTTP executor sends a subscription like any request,
 * asking for `text/event-stream`, with the caller's Authorization header, and
 * the subgraph streams it over GraphQL over SSE.
 */
const subscriptionEntries = {
  sse: undefined,
  ws: {
    kind: 'ws',
    location: '/graphql',
    options: {
      // Without this the subgraph's connection_init carries no token: it
      // refuses every subscription (4403), which wsTransport turns into
      // UNAUTHENTICATED for the client.
      connectionParams: { token: CALLER_AUTHORIZATION },
    } satisfies WSTransportOptions,
  },
  'http-callback': {
    kind: 'http-callback',
    options: {
      // Where the subgraph POSTs `check`/`next`/`complete`: this gateway's
      // own address, as the subgraph reaches it.
      public_url: env.GATEWAY_CALLBACK_URL || `http://${host}:${port}/callback`,
      path: '/callback',
      heartbeat_interval: Number(env.GATEWAY_CALLBACK_HEARTBEAT_MS || 5_000),
    } satisfies HTTPCallbackTransportOptions,
  },
};
const subscriptions = subscriptionEntries[mode];

export const gatewayConfig = defineConfig({
  host,
  port,
  supergraph: () => composeSupergraph(subgraphSources(env)),
  // Subgraph callbacks arrive as webhooks, handed to their subscription
  // through the CLI's in-memory pubsub (one gateway process).
  webhooks: mode === 'http-callback',
  // The stock transports (what the gateway loads by default), but `ws` is
  // ours: it ends a subscription whose credential the subgraph refuses (4403)
  // with UNAUTHENTICATED, where the stock one retries for a minute while its
  // client hears nothing (gateway/ws-transport.ts). The callback transport
  // already passes the subgraph's coded `complete` on.
  transports: (kind) => (kind === 'ws' ? wsTransport : import(`@graphql-mesh/transport-${kind}`)),
  // APQ clients fall back to the full query, as they do against the subgraph.
  plugins: () => [usePersistedQueriesNotSupported()],
  transportEntries: {
    // Every subgraph request (queries, mutations, `_entities`, SSE and callback
    // subscriptions) carries the caller's Authorization header.
    '*': { headers: [['authorization', CALLER_AUTHORIZATION]] },
    ...(subscriptions && { [VEHICLE_ACCESS]: { options: { subscriptions } } }),
  },
});
