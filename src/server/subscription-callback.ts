import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginSubscriptionCallback } from '@apollo/server/plugin/subscriptionCallback';
import { setImmediate } from 'node:timers/promises';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import type { GraphQLContext } from '../graphql/context.js';
import { isAllowedCallbackUrl } from './callback-urls.js';

/** The protocol's default when a router names no interval. */
const DEFAULT_HEARTBEAT_MS = 5_000;
/** However often a router asks, no more than two checks a second per subscription. */
const MIN_HEARTBEAT_MS = 500;
/**
 * However rarely a router asks, a check at least every 30 s: a longer wait
 * buys nothing, and intervals past 2^31 - 1 ms overflow Node's timers to 1 ms.
 */
const MAX_HEARTBEAT_MS = 30_000;
/** The longest `subscriptionId` or `verifier` accepted: both are echoed in every message we POST. */
export const MAX_CALLBACK_STRING_LENGTH = 256;

/**
 * Apollo's subscription callback protocol (a router POSTs the subscription
 * with `extensions.subscription { callbackUrl, subscriptionId, verifier,
 * heartbeatIntervalMs }`; we answer at once and POST `check`/`next`/`complete`
 * to the callback URL), served by Apollo Server's own plugin.
 *
 * The operation runs through Apollo Server's request pipeline first, so it
 * gets the same context (the request's Authorization header), validation
 * rules and limits as any HTTP operation; the plugin then runs graphql-js
 * `subscribe` with that context, so the resolvers apply the same visibility,
 * per-user cap and completion rules as over WebSocket. A stream that ends with
 * an error (a revoked grant, an expired token) sends `complete` with that
 * coded error.
 *
 * The plugin keeps subscriptions in this process's memory. On a graceful stop
 * each one ends with `complete` carrying SHUTTING_DOWN, so the router's client
 * knows to subscribe again (the plugin alone would send a bare `complete`,
 * indistinguishable from a final status).
 */
export function subscriptionCallbackPlugin(
  allowedCallbackUrls: readonly URL[],
  logger: Logger,
): ApolloServerPlugin<GraphQLContext> {
  const callback = ApolloServerPluginSubscriptionCallback({ logger });
  const shutdown = new AbortController();
  return {
    async serverWillStart(service) {
      const listener = await callback.serverWillStart!(service);
      return {
        async drainServer() {
          shutdown.abort(
            new GraphQLError('the subgraph is shutting down: subscribe again', {
              extensions: { code: 'SHUTTING_DOWN' },
            }),
          );
          // The streams throw on the next turns; by then the plugin has sent
          // (and its drain awaits) a `complete` with that error for each.
          await setImmediate();
          await listener?.drainServer?.();
        },
      };
    },
    async requestDidStart(requestContext) {
      const subscription: unknown = requestContext.request.extensions?.subscription;
      if (subscription === undefined) return;
      const callbackUrl = isRecord(subscription) ? (subscription.callbackUrl ?? subscription.callback_url) : undefined;
      if (!isRecord(subscription) || !isAllowedCallbackUrl(callbackUrl, allowedCallbackUrls)) {
        return {
          async didResolveOperation() {
            throw new GraphQLError('subscription callback URL not allowed (see SUBSCRIPTION_CALLBACK_URLS)', {
              extensions: { code: 'CALLBACK_URL_NOT_ALLOWED', http: { status: 400 } },
            });
          },
        };
      }
      const invalid = invalidIdentity(subscription);
      if (invalid) {
        return {
          async didResolveOperation() {
            throw new GraphQLError(invalid, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
          },
        };
      }
      requestContext.contextValue.streamShutdown = shutdown.signal;
      const heartbeatIntervalMs = heartbeatFor(subscription.heartbeatIntervalMs ?? subscription.heartbeat_interval_ms);
      const listener = await callback.requestDidStart!({
        ...requestContext,
        request: {
          ...requestContext.request,
          extensions: { ...requestContext.request.extensions, subscription: { ...subscription, heartbeatIntervalMs } },
        },
      });
      if (!listener) return listener;
      // Apollo's plugin starts the subscription in willSendResponse, which
      // also runs for a request refused by validation or a limit: only an
      // operation that got as far as being answered (responseForOperation
      // runs only then) may start.
      let accepted = false;
      return {
        ...listener,
        async responseForOperation(operationContext) {
          accepted = true;
          return (await listener.responseForOperation?.(operationContext)) ?? null;
        },
        async willSendResponse(responseContext) {
          if (accepted) await listener.willSendResponse?.(responseContext);
        },
      };
    },
  };
}

/**
 * Half the interval the router asked for (0 keeps heartbeats off), from 500 ms
 * to 30 s. Hive Gateway ends a callback subscription when no message arrives
 * within exactly that interval, so a check sent on time would race its timer;
 * checking more often than asked is allowed by the protocol and harmless to
 * Apollo Router.
 */
export function heartbeatFor(requested: unknown): number {
  if (requested === 0) return 0;
  const interval =
    typeof requested === 'number' && Number.isFinite(requested) && requested > 0 ? requested : DEFAULT_HEARTBEAT_MS;
  return Math.min(Math.max(Math.floor(interval / 2), MIN_HEARTBEAT_MS), MAX_HEARTBEAT_MS);
}

/**
 * Why the subscription's id or verifier cannot be used, if so. Both are sent
 * back in every message, so an unbounded one would multiply whatever a caller
 * sends into our POSTs.
 */
function invalidIdentity(subscription: Record<string, unknown>): string | undefined {
  const fields: [string, unknown][] = [
    ['subscriptionId', subscription.subscriptionId ?? subscription.subscription_id],
    ['verifier', subscription.verifier],
  ];
  for (const [name, value] of fields) {
    if (typeof value !== 'string' || value.length === 0 || value.length > MAX_CALLBACK_STRING_LENGTH) {
      return `subscription ${name} must be a string of 1 to ${MAX_CALLBACK_STRING_LENGTH} characters`;
    }
  }
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
