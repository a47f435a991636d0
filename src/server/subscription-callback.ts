import { setMaxListeners } from 'node:events';
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import {
  GraphQLError,
  subscribe,
  type ExecutionArgs,
  type ExecutionResult,
  type FormattedExecutionResult,
} from 'graphql';
import type { Logger } from 'pino';
import type { GraphQLContext } from '../graphql/context.js';
import { AuthenticationError } from '../auth/auth-error.js';
import { toGraphQLError } from '../graphql/errors.js';
import { withTimeout } from '../util/with-timeout.js';
import { CALLBACK_ATTEMPTS, CallbackClient, type CallbackTarget } from './callback-client.js';
import { isAllowedCallbackUrl } from './callback-urls.js';
import { checkVariables } from './variables.js';
import type { ErrorCode } from '../domain/error-codes.js';

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
/** Beyond one callback request's time limit, what a stop gives the last `complete`s. */
const DRAIN_SLACK_MS = 1_000;
/** A router that misses this many heartbeats in a row (no answer, or 5xx) is taken to be gone. */
const MAX_FAILED_HEARTBEATS = 3;

/**
 * Apollo's subscription callback protocol: a router POSTs the subscription
 * with `extensions.subscription { callbackUrl, subscriptionId, verifier,
 * heartbeatIntervalMs }`; we POST `check` to the callback URL and answer
 * `{"data": null}` only once the router took it (2xx), then POST `next` for
 * each result, `complete` at the end and `check` as heartbeats.
 *
 * The operation runs through Apollo Server's request pipeline first, so it
 * gets the same context (the request's Authorization header), validation
 * rules and limits as any HTTP operation; then graphql-js `subscribe` runs it
 * with that context, so the resolvers apply the same visibility, per-user cap
 * and completion rules as over WebSocket. A stream that ends with an error (a
 * revoked grant, an expired token) sends `complete` with that coded error.
 *
 * This replaces Apollo Server's own plugin, which keyed subscriptions by
 * callback URL (a second subscription on one URL orphaned the first: its
 * stream kept its place in the per-user cap and kept POSTing), started a
 * subscription whose first `check` got 404, and followed redirects with no
 * timeout. Here each subscription is its own entry, keyed by subscription id
 * and URL; any answer below 500 other than 2xx — a 404 "no such
 * subscription", a 3xx, which is never followed — ends it (a refused first
 * `check` starts nothing); every request is bounded by `timeoutMs`
 * (SUBSCRIPTION_CALLBACK_TIMEOUT_MS), and a message gets at most three
 * attempts.
 *
 * Subscriptions live in this process's memory. On a graceful stop each one
 * ends with `complete` carrying SHUTTING_DOWN, so the router's client knows
 * to subscribe again (a bare `complete` would be indistinguishable from a
 * final status).
 */
export function subscriptionCallbackPlugin(
  allowedCallbackUrls: readonly URL[],
  logger: Logger,
  /** Each callback request's time limit (SUBSCRIPTION_CALLBACK_TIMEOUT_MS). */
  timeoutMs: number,
): ApolloServerPlugin<GraphQLContext> {
  const client = new CallbackClient(timeoutMs);
  const open = new Map<string, CallbackSubscription>();
  const shutdown = new AbortController();
  // Every callback subscription's stream listens for the stop: more than ten is normal.
  setMaxListeners(0, shutdown.signal);
  return {
    async serverWillStart() {
      return {
        async drainServer() {
          const error = new GraphQLError('the subgraph is shutting down: subscribe again', {
            extensions: { code: 'SHUTTING_DOWN' satisfies ErrorCode },
          });
          shutdown.abort(error);
          // One attempt each, and a deadline for all: a stop must fit a
          // supervisor's grace period (Kubernetes: 30 s) whatever the routers do.
          const completions = [...open.values()].map((subscription) => subscription.complete([error], 1));
          const finished = await withTimeout(Promise.allSettled(completions), timeoutMs + DRAIN_SLACK_MS);
          if (!finished.done) logger.warn({ open: open.size }, 'callback subscriptions not all completed in time');
        },
      };
    },
    async requestDidStart(requestContext) {
      const subscription: unknown = requestContext.request.extensions?.subscription;
      if (subscription === undefined) return;
      const callbackUrl = isRecord(subscription) ? (subscription.callbackUrl ?? subscription.callback_url) : undefined;
      if (!isRecord(subscription) || !isAllowedCallbackUrl(callbackUrl, allowedCallbackUrls)) {
        return refuseOnResolve('subscription callback URL not allowed (see SUBSCRIPTION_CALLBACK_URLS)', {
          code: 'CALLBACK_URL_NOT_ALLOWED' satisfies ErrorCode,
        });
      }
      const id = subscription.subscriptionId ?? subscription.subscription_id;
      const verifier = subscription.verifier;
      const invalid = invalidIdentity(id, verifier);
      if (invalid || typeof id !== 'string' || typeof verifier !== 'string') {
        return refuseOnResolve(invalid ?? 'invalid subscription', { code: 'BAD_USER_INPUT' satisfies ErrorCode });
      }
      // The URL as parsed (the allow-list judged that form): `http://ROUTER/cb` and
      // `http://router:80/cb` are one subscription's address, not two.
      const target: CallbackTarget = { url: new URL(callbackUrl as string).href, id, verifier };
      const key = JSON.stringify([target.url, target.id]);
      const heartbeatMs = heartbeatFor(subscription.heartbeatIntervalMs ?? subscription.heartbeat_interval_ms);
      requestContext.contextValue.streamShutdown = shutdown.signal;
      requestContext.contextValue.transport = 'http-callback';
      return {
        // Only an operation that passed parsing, validation and every limit
        // (didResolveOperation of all plugins) gets here: a refused request
        // never reaches this hook, so it starts nothing and POSTs nothing.
        async responseForOperation({ operation, schema, document, request, contextValue, operationName }) {
          // A query or mutation is answered as usual; only subscriptions stream.
          if (operation.operation !== 'subscription') return null;
          // Draining: a subscription started now would end at once; the router may try another replica.
          if (shutdown.signal.aborted) {
            return answer(503, 'the subgraph is shutting down: subscribe again', 'SHUTTING_DOWN');
          }
          // Variables are coerced inside graphql-js's subscribe, after the
          // check: refused here as on every transport, coded, before any POST.
          const variableErrors = checkVariables(schema, document, operationName, request.variables);
          if (variableErrors) return refusal(400, variableErrors);
          // Refused before any POST: an anonymous caller must not make us send
          // anything to a router (Apollo's plugin checked only inside subscribe).
          if (!contextValue.viewer) {
            const refusal = toGraphQLError(contextValue.authFailure ?? new AuthenticationError('missing bearer token'));
            return answer(401, refusal!.message, 'UNAUTHENTICATED');
          }
          if (open.has(key)) {
            return answer(
              400,
              'a subscription with this subscriptionId is open on this callback URL',
              'BAD_USER_INPUT',
            );
          }
          const started = new CallbackSubscription(target, client, heartbeatMs, logger, () => {
            if (open.get(key) === started) open.delete(key);
          });
          open.set(key, started);
          const check = await client.send(target, { action: 'check' });
          if (shutdown.signal.aborted) {
            open.delete(key);
            return answer(503, 'the subgraph is shutting down: subscribe again', 'SHUTTING_DOWN');
          }
          if (check.outcome !== 'delivered') {
            open.delete(key);
            logger.info(
              { subscriptionId: id, check },
              'callback check refused or unanswered: subscription not started',
            );
            return answer(500, 'the callback URL did not accept the subscription’s check', 'CALLBACK_CHECK_FAILED');
          }
          void started.run({
            schema,
            document,
            variableValues: request.variables,
            contextValue,
            operationName,
          });
          return answer(200);
        },
      };
    },
  };
}

/**
 * One callback subscription: its heartbeats, its stream and its end. It ends
 * once — with `complete` when the stream ends or the server stops, silently
 * when the router refused a message or stopped answering — and on ending it
 * stops its heartbeats, returns its stream (freeing its place in the per-user
 * cap) and leaves the plugin's registry.
 */
class CallbackSubscription {
  private ended = false;
  private completion?: Promise<void>;
  private iterator?: AsyncIterator<ExecutionResult>;
  private heartbeat?: NodeJS.Timeout;
  private heartbeatInFlight: Promise<void> = Promise.resolve();
  private nextInFlight: Promise<unknown> = Promise.resolve();
  private failedHeartbeats = 0;

  constructor(
    private readonly target: CallbackTarget,
    private readonly client: CallbackClient,
    private readonly heartbeatMs: number,
    private readonly logger: Logger,
    private readonly onEnd: () => void,
  ) {}

  /** Subscribes and forwards every result as `next`, then `complete`. Never rejects. */
  async run(args: ExecutionArgs): Promise<void> {
    this.scheduleHeartbeat();
    let result: Awaited<ReturnType<typeof subscribe>>;
    try {
      result = await subscribe(args);
    } catch (error) {
      return this.complete([asGraphQLError(error)]);
    }
    if (!isAsyncIterable(result)) return this.complete(result.errors ?? []);
    this.iterator = result[Symbol.asyncIterator]();
    // Ended (a heartbeat's 404, a stop) while subscribing: nothing else returns the stream.
    if (this.ended) return this.returnStream();
    try {
      for (;;) {
        const next = await this.iterator.next();
        if (next.done || this.ended) break;
        const sending = this.client.send(this.target, { action: 'next', payload: next.value });
        this.nextInFlight = sending;
        const delivery = await sending;
        if (delivery.outcome !== 'delivered') return this.end(`next ${outcomeOf(delivery)}`);
      }
    } catch (error) {
      if (!(error instanceof GraphQLError)) this.logger.error({ err: error }, 'callback subscription stream failed');
      return this.complete([asGraphQLError(error)]);
    }
    return this.complete();
  }

  /** Sends `complete` (once, after the `next` and heartbeat in flight, so it arrives last) and ends the subscription. */
  complete(errors?: readonly GraphQLError[], attempts = CALLBACK_ATTEMPTS): Promise<void> {
    if (this.completion) return this.completion;
    if (this.ended) return Promise.resolve();
    this.ended = true;
    clearTimeout(this.heartbeat);
    this.completion = (async () => {
      await Promise.all([this.heartbeatInFlight, this.nextInFlight]);
      const delivery = await this.client.send(
        this.target,
        { action: 'complete', ...(errors?.length ? { errors } : {}) },
        attempts,
      );
      if (delivery.outcome !== 'delivered') this.logger.info({ subscriptionId: this.target.id }, 'complete not taken');
      await this.finish();
    })();
    return this.completion;
  }

  /** Ends without `complete`: the router no longer knows the subscription, or cannot be reached. */
  private async end(why: string): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.heartbeat);
    this.logger.info({ subscriptionId: this.target.id, why }, 'callback subscription dropped');
    await this.finish();
  }

  private async finish(): Promise<void> {
    this.onEnd();
    await this.returnStream();
  }

  private async returnStream(): Promise<void> {
    const iterator = this.iterator;
    // A stream that fails to close has nothing more to say to anyone.
    await Promise.resolve()
      .then(() => iterator?.return?.())
      .catch(() => undefined);
  }

  /** One heartbeat after another (never two in flight), each `heartbeatMs` after the previous answer. */
  private scheduleHeartbeat(): void {
    if (this.heartbeatMs === 0 || this.ended) return;
    this.heartbeat = setTimeout(() => {
      this.heartbeatInFlight = this.beat();
    }, this.heartbeatMs);
  }

  private async beat(): Promise<void> {
    // A heartbeat is not retried: the next one is its retry.
    const delivery = await this.client.send(this.target, { action: 'check' }, 1);
    if (this.ended) return;
    if (delivery.outcome === 'refused') return void this.end(`heartbeat ${outcomeOf(delivery)}`);
    this.failedHeartbeats = delivery.outcome === 'failed' ? this.failedHeartbeats + 1 : 0;
    if (this.failedHeartbeats >= MAX_FAILED_HEARTBEATS) return void this.end('heartbeats unanswered');
    this.scheduleHeartbeat();
  }
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
function invalidIdentity(id: unknown, verifier: unknown): string | undefined {
  const fields: [string, unknown][] = [
    ['subscriptionId', id],
    ['verifier', verifier],
  ];
  for (const [name, value] of fields) {
    if (typeof value !== 'string' || value.length === 0 || value.length > MAX_CALLBACK_STRING_LENGTH) {
      return `subscription ${name} must be a string of 1 to ${MAX_CALLBACK_STRING_LENGTH} characters`;
    }
  }
  return undefined;
}

/** Refuses the request with HTTP 400 once its operation is known, before anything runs. */
function refuseOnResolve(message: string, extensions: { code: ErrorCode }) {
  return {
    async didResolveOperation(): Promise<void> {
      throw new GraphQLError(message, { extensions: { ...extensions, http: { status: 400 } } });
    },
  };
}

/** The answer to the subscription request: `{"data": null}`, or one coded error. */
function answer(status: number, message?: string, code?: ErrorCode): GraphQLResponse {
  return message === undefined
    ? jsonAnswer(status, { data: null })
    : jsonAnswer(status, { errors: [{ message, extensions: { code } }] });
}

/** The subscription refused with these (coded) errors, as the HTTP answer: nothing starts. */
function refusal(status: number, errors: readonly GraphQLError[]): GraphQLResponse {
  return jsonAnswer(status, { errors: errors.map((error) => error.toJSON()) });
}

function jsonAnswer(status: number, singleResult: FormattedExecutionResult): GraphQLResponse {
  return {
    http: { status, headers: new HeaderMap([['content-type', 'application/json']]) },
    body: { kind: 'single', singleResult },
  };
}

function outcomeOf(delivery: { outcome: string; status?: number }): string {
  return delivery.status === undefined ? delivery.outcome : `${delivery.outcome} with ${delivery.status}`;
}

/** A stream's error as sent in `complete`: ours are coded already; anything else says nothing of its cause. */
function asGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  return new GraphQLError('internal server error', {
    extensions: { code: 'INTERNAL_SERVER_ERROR' satisfies ErrorCode },
  });
}

function isAsyncIterable(value: unknown): value is AsyncIterable<ExecutionResult> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
