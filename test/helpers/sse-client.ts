import { request } from 'undici';
import { Arrivals } from './arrivals.js';

export interface SseEvent {
  event: string;
  data: unknown;
}

/**
 * One GraphQL-over-SSE request read as a test reads it: every `event:`/`data:`
 * pair in order, and the comments (keep-alives) counted. `next()` waits for
 * the next event; `close()` ends the request from the client's side.
 */
export async function openEventStream(
  url: string,
  init: { method?: 'GET' | 'POST'; token?: string; body?: unknown; query?: Record<string, string> },
) {
  const target = new URL(url);
  for (const [key, value] of Object.entries(init.query ?? {})) target.searchParams.set(key, value);
  const abort = new AbortController();
  const response = await request(target, {
    method: init.method ?? 'POST',
    headers: {
      accept: 'text/event-stream',
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    signal: abort.signal,
    bodyTimeout: 0,
  });
  const events = new Arrivals<SseEvent>();
  let comments = 0;
  const reading = (async () => {
    let buffer = '';
    try {
      for await (const chunk of response.body) {
        buffer += (chunk as Buffer).toString('utf8');
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (block.startsWith(':')) comments++;
          else {
            const event = /^event: ?(.*)$/m.exec(block)?.[1] ?? 'message';
            const data = /^data: ?(.*)$/m.exec(block)?.[1];
            events.push({ event, data: data === undefined || data === '' ? null : JSON.parse(data) });
          }
        }
      }
    } catch {
      // aborted by close()
    } finally {
      events.end();
    }
  })();
  return {
    status: response.statusCode,
    contentType: String(response.headers['content-type'] ?? ''),
    events: events.items,
    get comments() {
      return comments;
    },
    /** The next event, or an error after `timeoutMs` (or when the stream ends first). */
    async next(timeoutMs = 10_000): Promise<SseEvent> {
      const event = await events.next(timeoutMs, 'event');
      if (!event) throw new Error(`the stream ended after ${events.items.length} events`);
      return event;
    },
    /** Resolves once the server has ended the response. */
    async ended(timeoutMs = 10_000): Promise<void> {
      const timer = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error(`the stream did not end within ${timeoutMs} ms`)), timeoutMs).unref(),
      );
      await Promise.race([reading, timer]);
    },
    close() {
      abort.abort();
    },
  };
}

/** The codes of a `next` event's errors. */
export function codesOf(event: SseEvent): (string | undefined)[] {
  const errors = (event.data as { errors?: { extensions?: { code?: string } }[] } | null)?.errors ?? [];
  return errors.map((e) => e.extensions?.code);
}
