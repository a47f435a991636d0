import { randomUUID } from 'node:crypto';
import {
  startCallbackReceiver,
  startCallbackSubscription,
  type CallbackReceiver,
} from '../federation/support/callback-receiver.js';
import { firstMultipartPayload } from './multipart-client.js';
import { openEventStream } from './sse-client.js';
import type { TestApp } from './test-app.js';
import { subscribe, wsClient } from './ws-client.js';

export interface GraphQLErrorShape {
  message: string;
  extensions?: { code?: string } & Record<string, unknown>;
}

/** What a subscription first got: its refusal (errors, no data) or its first result. */
export interface FirstResult {
  data?: unknown;
  errors?: GraphQLErrorShape[];
}

export interface SubscriptionTransport {
  name: string;
  /** Subscribes as that transport's clients do and answers the first result; the stream is then closed. */
  firstResult(
    app: TestApp,
    token: string | undefined,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<FirstResult>;
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
    {
      name: 'graphql-ws',
      async firstResult(app, token, query, variables = {}) {
        const client = wsClient(app.wsUrl, token, { lazy: true });
        const probe = subscribe(client, query, variables);
        try {
          const outcome = await probe.outcome();
          if ('message' in outcome) return outcome.message as FirstResult;
          // Refused before it started: graphql-ws's `error` message carries the list; a closed socket one reason.
          const { error } = outcome;
          if (Array.isArray(error)) return { errors: error as GraphQLErrorShape[] };
          const closed = error as { code?: number; reason?: string };
          return { errors: [{ message: closed.reason ?? String(error), extensions: { closeCode: closed.code } }] };
        } finally {
          await probe.dispose();
          await client.dispose();
        }
      },
    },
    {
      name: 'SSE',
      async firstResult(app, token, query, variables = {}) {
        const stream = await openEventStream(app.url, { token, body: { query, variables } });
        try {
          if (stream.status !== 200) return { errors: [{ message: `HTTP ${stream.status}` }] };
          const event = await stream.next();
          return event.event === 'next' ? (event.data as FirstResult) : { errors: [{ message: 'completed at once' }] };
        } finally {
          stream.close();
        }
      },
    },
    {
      name: 'multipart',
      async firstResult(app, token, query, variables = {}) {
        const first = await firstMultipartPayload(app.url, { query, variables }, token);
        return first.payload ?? { errors: [{ message: `no payload (HTTP ${first.status})` }] };
      },
    },
    {
      name: 'HTTP callback',
      async firstResult(app, token, query, variables = {}) {
        const receiver = callbackReceiver();
        const subscriptionId = randomUUID();
        const started = await startCallbackSubscription(
          app.url,
          token,
          { query, variables },
          { callbackUrl: receiver.url(subscriptionId), subscriptionId, heartbeatIntervalMs: 1_000 },
        );
        const answer = started.body as FirstResult;
        // Refused before it started: the errors are the HTTP answer, and nothing is POSTed to the router.
        if (answer.errors?.length) return answer;
        const messages = await receiver.waitFor(
          subscriptionId,
          (received) => received.some((m) => m.action === 'next' || m.action === 'complete'),
          'a next or complete callback',
        );
        // The router is done with it: its next heartbeat gets 404, which ends it on the subgraph.
        receiver.answerFor(subscriptionId, 404);
        const first = messages.find((m) => m.action === 'next' || m.action === 'complete')!;
        return first.action === 'next' ? (first.payload as FirstResult) : { errors: first.errors ?? [] };
      },
    },
  ];
}

/** The router's side of the callback protocol, for suites that run the transports. */
export { startCallbackReceiver };
