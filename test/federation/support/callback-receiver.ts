import { createServer, type Server } from 'node:http';
import { request } from 'undici';
import type { AddressInfo } from 'node:net';
import { eventually } from '../../helpers/ws-client.js';

/** One message of Apollo's subscription callback protocol, as a router receives it. */
export interface CallbackMessage {
  kind: string;
  action: 'check' | 'next' | 'complete';
  id: string;
  verifier: string;
  payload?: { data?: any; errors?: unknown[] };
  errors?: { message: string; extensions?: { code?: string } }[];
  /** The HTTP status the receiver answered this message with (undefined: it never answered). */
  answeredWith?: number;
}

/** How the receiver answers the callbacks to one URL path segment (or all). */
export type CallbackAnswer = number | { redirectTo: string } | 'hang';

/** The router's side of the callback protocol: records every POST, answers 204 (or `status`). */
export interface CallbackReceiver {
  url(subscriptionId: string): string;
  messages(subscriptionId: string): CallbackMessage[];
  /** Resolves with the messages once `condition` holds for them. */
  waitFor(subscriptionId: string, condition: (messages: CallbackMessage[]) => boolean, what: string, timeoutMs?: number): Promise<CallbackMessage[]>;
  /** The HTTP status every later callback gets (404: "no such subscription"). */
  answerWith(status: number): void;
  /** How later callbacks to `url(key)` are answered: a status, a 307 to elsewhere, or never. */
  answerFor(key: string, answer: CallbackAnswer): void;
  stop(): Promise<void>;
}

export async function startCallbackReceiver(): Promise<CallbackReceiver> {
  const received = new Map<string, CallbackMessage[]>();
  const answers = new Map<string, CallbackAnswer>();
  let status = 204;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const id = req.url!.split('/').pop()!;
      const message = JSON.parse(body) as CallbackMessage;
      received.set(id, [...(received.get(id) ?? []), message]);
      const answer = answers.get(id) ?? status;
      if (answer === 'hang') return;
      if (typeof answer === 'number') {
        res.statusCode = answer;
      } else {
        res.statusCode = 307;
        res.setHeader('location', answer.redirectTo);
      }
      message.answeredWith = res.statusCode;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const messages = (id: string) => received.get(id) ?? [];
  return {
    url: (id) => `http://127.0.0.1:${port}/callback/${id}`,
    messages,
    waitFor: (id, condition, what, timeoutMs = 15_000) => eventually(() => condition(messages(id)) && messages(id), timeoutMs, what),
    answerWith(next) {
      status = next;
    },
    answerFor(key, answer) {
      answers.set(key, answer);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** What a router in callback mode sends to start a subscription: the subgraph's HTTP answer. */
export async function startCallbackSubscription(
  appUrl: string,
  token: string | undefined,
  operation: { query: string; variables: Record<string, unknown> },
  subscription: { callbackUrl: string; subscriptionId: unknown; heartbeatIntervalMs?: number } & Record<
    string,
    unknown
  >,
) {
  const response = await request(appUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json;callbackSpec=1.0',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({
      ...operation,
      extensions: { subscription: { verifier: 'v-secret', heartbeatIntervalMs: 5_000, ...subscription } },
    }),
    // The subgraph answers once the `check` is done: well within this, whatever the callback URL does.
    headersTimeout: 10_000,
  });
  return {
    status: response.statusCode,
    body: (await response.body.json()) as {
      data?: unknown;
      errors?: { message: string; extensions?: { code?: string } }[];
    },
  };
}
