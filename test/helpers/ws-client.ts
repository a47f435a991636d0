import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface SubscriptionProbe<T = any> {
  /** Resolves with the next `next` payload, or rejects after `timeoutMs`. */
  next(timeoutMs?: number): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
  /** Resolves when the server completes the subscription. */
  completed(timeoutMs?: number): Promise<void>;
  /** Resolves with the error the subscription ended with. */
  error(timeoutMs?: number): Promise<unknown>;
  dispose(): Promise<void>;
}

/** A graphql-ws client over a real socket, with `waitFor`-style helpers instead of sleeps. */
export function wsClient(url: string, token: string): Client {
  return createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: true,
  });
}

export function subscribe<T = any>(client: Client, query: string, variables: Record<string, unknown> = {}): SubscriptionProbe<T> {
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
      const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; got ${JSON.stringify(values)}`)), timeoutMs);
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
    async dispose() {
      unsubscribe();
    },
  };
}

/** Waits until `condition` holds, checking every 20 ms; for states with no event to wait on. */
export async function eventually<T>(condition: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
