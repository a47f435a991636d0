import { createServer, type Server } from 'node:http';
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
}

/** The router's side of the callback protocol: records every POST, answers 204 (or `status`). */
export interface CallbackReceiver {
  url(subscriptionId: string): string;
  messages(subscriptionId: string): CallbackMessage[];
  /** Resolves with the messages once `condition` holds for them. */
  waitFor(subscriptionId: string, condition: (messages: CallbackMessage[]) => boolean, what: string, timeoutMs?: number): Promise<CallbackMessage[]>;
  /** The HTTP status every later callback gets (404: "no such subscription"). */
  answerWith(status: number): void;
  stop(): Promise<void>;
}

export async function startCallbackReceiver(): Promise<CallbackReceiver> {
  const received = new Map<string, CallbackMessage[]>();
  let status = 204;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const id = req.url!.split('/').pop()!;
      received.set(id, [...(received.get(id) ?? []), JSON.parse(body) as CallbackMessage]);
      res.statusCode = status;
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
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
