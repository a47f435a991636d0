import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import getRawBody from 'raw-body';
import { requestIdFrom } from '../observability/request-id.js';
import type { ErrorCode } from '../domain/error-codes.js';

/** The largest GraphQL request body accepted over HTTP. */
export const MAX_BODY = '1mb';

const trackedIds = new WeakMap<ServerResponse, string>();

/**
 * Gives the request an id (the caller's `x-request-id` if sane), echoes it,
 * and writes one access line when the response is done: for requests express
 * serves and for the streams served before it alike. Answers the id, which
 * the GraphQL context passes on to every log line about the operation.
 */
export function trackRequest(logger: Logger, req: IncomingMessage, res: ServerResponse): string {
  // A streaming request handed on to express after all is tracked once, with one id.
  const tracked = trackedIds.get(res);
  if (tracked !== undefined) return tracked;
  const requestId = requestIdFrom(req.headers['x-request-id']);
  trackedIds.set(res, requestId);
  res.setHeader('x-request-id', requestId);
  const started = performance.now();
  // express rewrites `url` below a mount point; `originalUrl` is what the client asked for.
  const url = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '';
  res.on('finish', () => {
    logger.info(
      {
        requestId,
        method: req.method,
        path: url.split('?')[0],
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
  return requestId;
}

/** Whether the request says its body is JSON (`application/json`, with or without parameters). */
export function hasJsonBody(req: IncomingMessage): boolean {
  return /^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '');
}

/** The request body as text, at most `MAX_BODY`; refusals carry body-parser's `status` and `type`. */
export function readBody(req: IncomingMessage): Promise<string> {
  return getRawBody(req, { limit: MAX_BODY, encoding: 'utf8', length: req.headers['content-length'] });
}

/** A refused request (too large, bad JSON, …) as a GraphQL-shaped error with a code; nothing else leaks. */
export function httpErrorAnswer(error: unknown): { status: number; code: ErrorCode; message: string } {
  const status = (error as { status?: number }).status ?? 500;
  const type = (error as { type?: string }).type;
  if (type === 'entity.too.large')
    return { status, code: 'PAYLOAD_TOO_LARGE' satisfies ErrorCode, message: `request body larger than ${MAX_BODY}` };
  if (type === 'entity.parse.failed')
    return { status, code: 'BAD_REQUEST' satisfies ErrorCode, message: 'request body is not valid JSON' };
  if (status < 500) return { status, code: 'BAD_REQUEST' satisfies ErrorCode, message: 'bad request' };
  return { status: 500, code: 'INTERNAL_SERVER_ERROR' satisfies ErrorCode, message: 'Internal server error' };
}

/** Writes `httpErrorAnswer(error)` as a JSON response. */
export function answerHttpError(res: ServerResponse, error: unknown): void {
  const { status, code, message } = httpErrorAnswer(error);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/** JSON text parsed, or a refusal shaped like body-parser's (`400`, `entity.parse.failed`). */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw Object.assign(new Error('request body is not valid JSON'), { status: 400, type: 'entity.parse.failed' });
  }
}

/** Resolves once `res` takes writes again, or is gone: a client that reads slowly holds its stream back. */
export function drained(res: ServerResponse): Promise<void> {
  // A response already destroyed will not emit either event again.
  if (res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
