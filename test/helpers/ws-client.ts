import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { withTimeout } from '../../src/util/with-timeout.js';

export interface SubscriptionMessage<T> {
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface SubscriptionProbe<T = any> {
  /** Resolves with the next `next` payload, or rejects after `timeoutMs`. */
  next(timeoutMs?: number): Promise<SubscriptionMessage<T>>;
  /** Resolves when the server completes the subscription. */
  completed(timeoutMs?: number): Promise<void>;
  /** Resolves with the error the subscription ended with. */
  error(timeoutMs?: number): Promise<unknown>;
  /** Resolves with whichever comes first: the next message, or the error (or completion) it ended with. */
  outcome(timeoutMs?: number): Promise<{ message: SubscriptionMessage<T> } | { error: unknown }>;
  dispose(): Promise<void>;
}

export interface WsClientOptions {
  /** The `connection_init` payload; by default `{ authorization: "Bearer <token>" }`. */
  connectionParams?: Record<string, unknown>;
  /** Headers on the upgrade request (a router's propagated ones). */
  headers?: Record<string, string>;
  /** Connect at once instead of at the first operation. */
  lazy?: boolean;
  /** Called when the socket closes, with the close code. */
  onClosed?: (code: number) => void;
  /** Called with the open socket, for a test that cuts it without a close frame. */
  onConnected?: (socket: WebSocket) => void;
}

/**
 * The one graphql-ws client of the tests, over a real socket and never retrying;
 * wait on it with `subscribe`'s probes, which all time out.
 */
export function wsClient(url: string, token: string | undefined, options: WsClientOptions = {}): Client {
  const { headers } = options;
  return createClient({
    url,
    webSocketImpl: headers
      ? class extends WebSocket {
          constructor(address: string, protocols?: string | string[]) {
            super(address, protocols, { headers });
          }
        }
      : WebSocket,
    connectionParams: options.connectionParams ?? (token ? { authorization: `Bearer ${token}` } : {}),
    retryAttempts: 0,
    lazy: options.lazy ?? true,
    // A refused eager connection is what the test waits for (`onClosed`), not a failure to print.
    onNonLazyError: () => {},
    on: {
      closed: (event) => options.onClosed?.((event as { code: number }).code),
      connected: (socket) => options.onConnected?.(socket as WebSocket),
    },
  });
}

export function subscribe<T = any>(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
): SubscriptionProbe<T> {
  const values: any[] = [];
  const waiters: (() => void)[] = [];
  let done = false;
  let failure: unknown;
  const wake = () => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  const unsubscribe = client.subscribe(
    { query, variables },
    {
      next: (value) => {
        values.push(value);
        wake();
      },
      error: (error) => {
        failure = error ?? new Error('subscription error');
        done = true;
        wake();
      },
      complete: () => {
        done = true;
        wake();
      },
    },
  );

  const waitUntil = (ready: () => boolean, what: string, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (ready()) {
          clearTimeout(timer);
          resolve();
        } else {
          waiters.push(check);
        }
      };
      const timer = setTimeout(
        () => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; got ${JSON.stringify(values)}`)),
        timeoutMs,
      );
      check();
    });

  return {
    async next(timeoutMs = 10_000) {
      await waitUntil(() => values.length > 0 || done, 'the next message', timeoutMs);
      if (values.length === 0) throw failure ?? new Error('subscription completed without another message');
      return values.shift();
    },
    async completed(timeoutMs = 10_000) {
      await waitUntil(() => done, 'completion', timeoutMs);
      if (failure) throw failure;
    },
    async error(timeoutMs = 10_000) {
      await waitUntil(() => done, 'an error', timeoutMs);
      return failure;
    },
    async outcome(timeoutMs = 10_000) {
      await waitUntil(() => values.length > 0 || done, 'a message or the end', timeoutMs);
      return values.length > 0 ? { message: values.shift() } : { error: failure };
    },
    async dispose() {
      unsubscribe();
    },
  };
}

/** Resolves as `work` does, or rejects after `timeoutMs`: for the waits with an event of their own. */
export async function within<T>(work: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  const timed = await withTimeout(work, timeoutMs);
  if (!timed.done) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
  return timed.value;
}

/** Waits until `condition` holds, checking every 20 ms; for states with no event to wait on. */
export async function eventually<T>(
  condition: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
