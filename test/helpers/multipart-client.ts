import { request } from 'undici';

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
 * The first payload part of a multipart subscription, read as it arrives (the
 * stream may stay open), then the request is ended from the client's side.
 */
export async function firstMultipartPayload(url: string, body: unknown, token?: string) {
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
    bodyTimeout: 10_000,
  });
  let text = '';
  try {
    for await (const chunk of response.body) {
      text += (chunk as Buffer).toString('utf8');
      const parts = text.split('\r\n--graphql').slice(1, -1);
      for (const part of parts) {
        const parsed = JSON.parse(part.slice(part.indexOf('\r\n\r\n') + 4)) as MultipartPart;
        if (parsed.payload) return { status: response.statusCode, payload: parsed.payload };
      }
    }
  } finally {
    abort.abort();
  }
  return { status: response.statusCode, payload: undefined };
}
