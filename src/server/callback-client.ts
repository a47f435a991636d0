import { setTimeout as delay } from 'node:timers/promises';
import { request } from 'undici';

/** Where one callback subscription's messages go, and what identifies it there. */
export interface CallbackTarget {
  url: string;
  id: string;
  verifier: string;
}

/** One message of the protocol, less the fields every message carries. */
export type CallbackMessage =
  { action: 'check' } | { action: 'next'; payload: unknown } | { action: 'complete'; errors?: readonly unknown[] };

/**
 * What became of a message: the router took it (2xx); the router answered
 * something else below 500 — 404 "no such subscription", or a 3xx we do not
 * follow — so the subscription is over; or no answer came in time (or only
 * 5xx, 408 or 429, every attempt).
 */
export type Delivery = { outcome: 'delivered' } | { outcome: 'refused'; status: number } | { outcome: 'failed' };

/** How many times a message is sent when the router is unreachable, answers 5xx or is too slow. */
export const CALLBACK_ATTEMPTS = 3;
/** Answers that mean "not now" (a proxy's timeout, a rate limit), tried again like a 5xx rather than taken as the end. */
const TRANSIENT = new Set([408, 429]);
/** The waits before the second and third attempts. */
const BACKOFF_MS = [100, 400];
/** Enough of a router's answer to reuse the connection; a longer one is cut off. */
const MAX_ANSWER_BYTES = 16 * 1024;

/**
 * POSTs the callback protocol's messages. Redirects are never followed (a
 * 3xx is a refusal like any other non-2xx): a router on the allow-list
 * could otherwise point the caller's data anywhere. Each attempt has
 * `timeoutMs` for the whole exchange, and a message gets at most
 * `CALLBACK_ATTEMPTS`, so a router that never answers costs one message about
 * 3 × `timeoutMs`, not undici's default of 300 s per attempt.
 */
export class CallbackClient {
  constructor(private readonly timeoutMs: number) {}

  async send(target: CallbackTarget, message: CallbackMessage, attempts = CALLBACK_ATTEMPTS): Promise<Delivery> {
    const body = JSON.stringify({ kind: 'subscription', id: target.id, verifier: target.verifier, ...message });
    for (let attempt = 1; ; attempt++) {
      const status = await this.post(target.url, body, message.action === 'check');
      if (status !== undefined && status >= 200 && status < 300) return { outcome: 'delivered' };
      if (status !== undefined && status < 500 && !TRANSIENT.has(status)) return { outcome: 'refused', status };
      if (attempt >= attempts) return { outcome: 'failed' };
      await delay(BACKOFF_MS[attempt - 1] ?? BACKOFF_MS[BACKOFF_MS.length - 1]);
    }
  }

  /** The answer's status, or undefined when none came in time. */
  private async post(url: string, body: string, check: boolean): Promise<number | undefined> {
    try {
      // undici's `request` follows no redirects (that takes a redirect interceptor).
      const answer = await request(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(check ? { 'subscription-protocol': 'callback/1.0' } : {}),
        },
        body,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await answer.body.dump({ limit: MAX_ANSWER_BYTES }).catch(() => {});
      return answer.statusCode;
    } catch {
      return undefined;
    }
  }
}
