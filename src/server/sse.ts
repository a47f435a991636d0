import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHandler, type OperationArgs } from 'graphql-sse';
import type { Framing } from '../graphql/result-sink.js';
import type { HttpStreamOperations, StreamCaller } from './http-stream-operations.js';
import { httpResultSink } from './http-result-sink.js';
import { drained } from './http-requests.js';
import type { StreamingRequest } from './http-streams.js';

const EVENT_STREAM = 'text/event-stream';
/** graphql-sse's `next` event around a result (its `print`). */
const NEXT_EVENT: Framing = { before: Buffer.from('event: next\ndata: '), after: Buffer.from('\n\n') };

/**
 * GraphQL over Server-Sent Events on `/graphql`, graphql-sse's "distinct
 * connections" mode: each operation is one request (`POST` with a JSON body,
 * or `GET` with query parameters) whose response streams `event: next` with
 * each result and ends with `event: complete`; a `:` comment every 12 s keeps
 * an idle stream open through proxies. Authenticated by the request's
 * `Authorization` header, like any HTTP request; a router forwards it as is.
 *
 * Errors stay in the accepted stream (200): an operation refused before it
 * runs (a limit, bad variables, no or a bad token, a target one may not see,
 * the per-user cap) arrives as one `next` carrying `errors`, then `complete`;
 * a stream ended by a revoke, the token's expiry or a shutdown sends its
 * coded error the same way. Only a request that is not GraphQL at all (no
 * query, bad JSON) is answered with a 4xx status, by graphql-sse.
 *
 * graphql-sse's protocol handler is used as it is; this is its adapter to
 * Node's request and response (as `graphql-sse/lib/use/http`), except that
 * the body arrives already read, within the size limit every request has.
 */
export function sseTransport(operations: HttpStreamOperations) {
  const handler = createHandler<IncomingMessage, StreamCaller>({
    // Distinct connections only: no reservations, no tokens of graphql-sse's own.
    authenticate: () => null,
    // The document was validated, with our rules, by the admission in `prepare`.
    validate: () => [],
    onSubscribe: async (req, params) => {
      const prepared = await operations.prepare('sse', req.context, params);
      // `data: null` alongside: graphql-sse tells a result from arguments by its `data` key.
      // Our context is an object graphql-sse's `OperationContext` type does not spell out.
      return 'errors' in prepared ? { data: null, errors: prepared.errors } : (prepared as OperationArgs);
    },
    subscribe: (args) => operations.subscribe(args),
  });

  return async ({ req, res, body, caller }: StreamingRequest): Promise<void> => {
    // Results go straight to the response, framed as graphql-sse frames them; its stream carries the rest.
    const sink = httpResultSink(res, NEXT_EVENT);
    const [stream, init] = await handler({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: {
        get(key) {
          // graphql-sse recognises the media type only when it stands alone; it was checked to come first.
          if (key === 'accept') return EVENT_STREAM;
          const header = req.headers[key];
          return Array.isArray(header) ? header.join('\n') : header;
        },
      },
      // Parsed already (graphql-sse parses only text); `null` for none, which it reads as no body.
      body: (body ?? null) as Record<string, unknown> | null,
      raw: req,
      context: { ...caller, resultSink: sink },
    });
    if (!stream || typeof stream === 'string') {
      res.writeHead(init.status, init.statusText, init.headers);
      res.end(stream);
      return;
    }
    // The head, the opening comment and a first result ready now leave in one write, not three.
    res.cork();
    setImmediate(() => res.uncork());
    res.writeHead(init.status, init.statusText, init.headers);
    sink.flush();
    await pipe(stream, res);
  };
}

/** Writes each event as it comes; the client leaving ends the stream (and the subscription under it). */
async function pipe(stream: AsyncGenerator<string>, res: ServerResponse): Promise<void> {
  const clientLeft = () => void stream.return(undefined);
  res.once('close', clientLeft);
  // The client may have left while the subscription was opening (its `close` came and went).
  if (res.destroyed) clientLeft();
  try {
    for await (const event of stream) {
      if (res.destroyed) break;
      // A client that reads slowly holds the stream back instead of growing our buffer.
      if (!res.write(event)) await drained(res);
    }
  } finally {
    res.off('close', clientLeft);
    if (res.writable) res.end();
  }
}

/** `text/event-stream` is the first media type the client lists (`text/event-stream, application/json`...). */
export function wantsEventStream(accept: string | undefined): boolean {
  return accept?.split(',')[0]?.split(';')[0]?.trim().toLowerCase() === EVENT_STREAM;
}
