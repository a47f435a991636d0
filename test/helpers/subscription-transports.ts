import { randomUUID } from 'node:crypto';
import {
  startCallbackReceiver,
  startCallbackSubscription,
  type CallbackMessage,
  type CallbackReceiver,
} from '../federation/support/callback-receiver.js';
import { openMultipart } from './multipart-client.js';
import { openEventStream } from './sse-client.js';
import type { TestApp } from './test-app.js';
import { subscribe, wsClient } from './ws-client.js';

export interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: string } & Record<string, unknown>;
}

/** One result of a subscription: its refusal (errors, no data), a payload, or its ending error. */
export interface FirstResult {
  data?: unknown;
  errors?: GraphQLErrorShape[];
}

/** A subscription open over one transport, read as its clients read it. */
export interface OpenSubscription {
  /** The next result, or 'complete' once the stream has ended. */
  next(timeoutMs?: number): Promise<FirstResult | 'complete'>;
  /** Ends it from the client's side. */
  close(): Promise<void>;
}

export interface SubscriptionTransport {
  name: string;
  open(
    app: TestApp,
    token: string | undefined,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<OpenSubscription>;
  /** Subscribes and answers the first result (a refusal, or the first payload); the stream is then closed. */
  firstResult(
    app: TestApp,
    token: string | undefined,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<FirstResult>;
}

/** Every result until the stream completes (or `limit` results), then closed. */
export async function resultsUntilComplete(subscription: OpenSubscription, limit = 20): Promise<FirstResult[]> {
  const results: FirstResult[] = [];
  try {
    for (let next = await subscription.next(); next !== 'complete'; next = await subscription.next()) {
      results.push(next);
      if (results.length >= limit) break;
    }
  } finally {
    await subscription.close();
  }
  return results;
}

type Opener = SubscriptionTransport['open'];

/** A transport from how it opens a subscription; its first result is read the same way for all. */
function transport(name: string, open: Opener): SubscriptionTransport {
  return {
    name,
    open,
    async firstResult(app, token, query, variables) {
      const subscription = await open(app, token, query, variables);
      try {
        const first = await subscription.next();
        return first === 'complete' ? { errors: [{ message: 'completed without a result' }] } : first;
      } finally {
        await subscription.close();
      }
    },
  };
}

/**
 * Every transport a subscription reaches the subgraph over, each spoken as
 * its clients speak it: the shared test harness that runs one catalogue of
 * cases against all of them (as graphql-ws runs its protocol tests against
 * each runtime adapter). The callback transport needs a router's receiver:
 * `callbackReceiver()` answers the one started with the app's
 * `SUBSCRIPTION_CALLBACK_URLS` set to its origin.
 */
export function subscriptionTransports(callbackReceiver: () => CallbackReceiver): SubscriptionTransport[] {
  return [
    transport('graphql-ws', async (app, token, query, variables = {}) => {
      const client = wsClient(app.wsUrl, token, { lazy: true });
      const probe = subscribe(client, query, variables);
      let ended = false;
      return {
        async next(timeoutMs) {
          if (ended) return 'complete';
          const outcome = await probe.outcome(timeoutMs);
          if ('message' in outcome) return outcome.message as FirstResult;
          ended = true;
          const { error } = outcome;
          if (error === undefined) return 'complete';
          // Refused or ended with errors: graphql-ws's `error` message carries the list; a closed socket, its code.
          if (Array.isArray(error)) return { errors: error as GraphQLErrorShape[] };
          const closed = error as { code?: number; reason?: string };
          return { errors: [{ message: closed.reason ?? String(error), extensions: { closeCode: closed.code } }] };
        },
        async close() {
          await probe.dispose();
          await client.dispose();
        },
      };
    }),
    transport('SSE', async (app, token, query, variables = {}) => {
      const stream = await openEventStream(app.url, { token, body: { query, variables } });
      let refused = stream.status !== 200;
      return {
        async next(timeoutMs) {
          if (refused) {
            refused = false;
            return { errors: [{ message: `HTTP ${stream.status}` }] };
          }
          // A stream that ends without `complete` is a broken one: `next` throws, and the test fails.
          const event = await stream.next(timeoutMs);
          if (event.event === 'next') return event.data as FirstResult;
          if (event.event === 'complete') return 'complete';
          throw new Error(`unexpected SSE event ${event.event}`);
        },
        async close() {
          stream.close();
        },
      };
    }),
    transport('multipart', async (app, token, query, variables = {}) => {
      const stream = await openMultipart(app.url, { query, variables }, token);
      let refused = stream.status !== 200 || !stream.contentType.startsWith('multipart/mixed');
      return {
        async next(timeoutMs) {
          if (refused) {
            refused = false;
            return { errors: [{ message: `HTTP ${stream.status} ${stream.contentType}` }] };
          }
          const payload = await stream.next(timeoutMs);
          return payload === 'end' ? 'complete' : (payload as FirstResult);
        },
        async close() {
          stream.close();
        },
      };
    }),
    transport('HTTP callback', async (app, token, query, variables = {}) => {
      const receiver = callbackReceiver();
      const subscriptionId = randomUUID();
      const started = await startCallbackSubscription(
        app.url,
        token,
        { query, variables },
        { callbackUrl: receiver.url(subscriptionId), subscriptionId, heartbeatIntervalMs: 1_000 },
      );
      // Refused before it started: the errors are the HTTP answer, and nothing is POSTed to the router.
      let refusal = started.body.errors?.length ? (started.body as FirstResult) : undefined;
      const results = (messages: CallbackMessage[]) =>
        messages.filter((m) => m.action === 'next' || m.action === 'complete');
      let read = 0;
      let completed = false;
      return {
        async next(timeoutMs) {
          if (refusal) {
            const answer = refusal;
            refusal = undefined;
            completed = true;
            return answer;
          }
          if (completed) return 'complete';
          const messages = await receiver.waitFor(
            subscriptionId,
            (received) => results(received).length > read,
            'a next or complete callback',
            timeoutMs,
          );
          const message = results(messages)[read++]!;
          if (message.action === 'next') return message.payload as FirstResult;
          // `complete` with errors is how the protocol ends a stream with one: a result, then the end.
          completed = true;
          return message.errors?.length ? { errors: message.errors } : 'complete';
        },
        async close() {
          // The router is done with it: its next heartbeat gets 404, which ends it on the subgraph.
          receiver.answerFor(subscriptionId, 404);
        },
      };
    }),
  ];
}

/** The router's side of the callback protocol, for suites that run the transports. */
export { startCallbackReceiver };
