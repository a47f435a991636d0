import { request } from 'undici';
import { Arrivals } from './arrivals.js';

/** What Apollo Client's HttpLink sends for a subscription. */
export const APOLLO_ACCEPT = 'multipart/mixed;boundary=graphql;subscriptionSpec=1.0,application/json';

/** One part of a multipart subscription: `{}` (a heartbeat) or `{ payload }` (a result, or the closing errors). */
export type MultipartPart = {
  payload?: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } | null;
};

/** One multipart subscription read whole: its status, content type and JSON parts, until the closing boundary. */
export async function readMultipart(url: string, body: unknown, token?: string, accept = APOLLO_ACCEPT) {
  const response = await request(url, {
    method: 'POST',
    headers: {
      accept,
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
    bodyTimeout: 20_000,
  });
  const text = await response.body.text();
  const parts = text
    .split('\r\n--graphql')
    .slice(1)
    .filter((chunk) => !chunk.startsWith('--'))
    .map((chunk) => JSON.parse(chunk.slice(chunk.indexOf('\r\n\r\n') + 4)) as MultipartPart);
  return {
    status: response.statusCode,
    contentType: String(response.headers['content-type']),
    parts,
    closed: text.endsWith('\r\n--graphql--\r\n'),
  };
}

/**
 * A multipart subscription read as it arrives: `next()` answers each payload
 * (heartbeats skipped) or 'end' once the closing boundary came; `close()`
 * ends the request from the client's side.
 */
export async function openMultipart(url: string, body: unknown, token?: string) {
  const abort = new AbortController();
  const response = await request(url, {
    method: 'POST',
    headers: {
      accept: APOLLO_ACCEPT,
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
    signal: abort.signal,
    bodyTimeout: 0,
  });
  const payloads = new Arrivals<NonNullable<MultipartPart['payload']>>();
  let closedCleanly = false;
  void (async () => {
    let text = '';
    try {
      for await (const chunk of response.body) {
        text += (chunk as Buffer).toString('utf8');
        // Complete parts are those followed by another delimiter; the last one waits for more.
        const parts = text.split('\r\n--graphql');
        text = `\r\n--graphql${parts.pop()}`;
        for (const part of parts.slice(1)) {
          const parsed = JSON.parse(part.slice(part.indexOf('\r\n\r\n') + 4)) as MultipartPart;
          if (parsed.payload) payloads.push(parsed.payload);
        }
        if (text.startsWith('\r\n--graphql--')) {
          closedCleanly = true;
          break;
        }
      }
    } catch {
      // aborted by close()
    } finally {
      payloads.end();
    }
  })();
  return {
    status: response.statusCode,
    contentType: String(response.headers['content-type']),
    /** The next payload; 'end' after the closing boundary; an error if the stream broke off without it. */
    async next(timeoutMs = 10_000): Promise<NonNullable<MultipartPart['payload']> | 'end'> {
      const payload = await payloads.next(timeoutMs, 'part');
      if (payload) return payload;
      if (!closedCleanly) throw new Error('the multipart stream ended without its closing boundary');
      return 'end';
    },
    close() {
      abort.abort();
    },
  };
}
