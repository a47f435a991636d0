import { Pool, request } from 'undici';
import type { Dispatcher } from 'undici';
import { withTimeout } from '../util/with-timeout.js';

/**
 * Shared undici plumbing for the provider clients: one keep-alive pool per
 * client, explicit timeouts, and a JSON reader that turns every transport or
 * format fault into a `ProviderHttpError` with a code. Errors built here never
 * carry request headers, so a credential cannot leak through them.
 */

/** Per-request time limits. `bodyMs` is the idle time allowed between body chunks. */
export interface RequestTimeouts {
  headersMs: number;
  bodyMs: number;
  /** Hard cap on the whole exchange: a body trickling one byte at a time never beats `bodyMs`. */
  totalMs: number;
}

export interface ProviderHttpOptions {
  connectMs: number;
  keepAliveMs: number;
  request: RequestTimeouts;
  /** How long `close()` waits for in-flight requests before destroying the sockets. */
  closeGraceMs: number;
  maxResponseBytes: number;
}

export const DEFAULT_HTTP_OPTIONS: ProviderHttpOptions = {
  connectMs: 5_000,
  keepAliveMs: 4_000,
  request: { headersMs: 30_000, bodyMs: 30_000, totalMs: 60_000 },
  closeGraceMs: 1_000,
  maxResponseBytes: 1024 * 1024,
};

export type ProviderHttpErrorCode =
  | 'PROVIDER_UNREACHABLE'
  | 'PROVIDER_CONNECT_TIMEOUT'
  | 'PROVIDER_HEADERS_TIMEOUT'
  | 'PROVIDER_BODY_TIMEOUT'
  | 'PROVIDER_TIMEOUT'
  | 'PROVIDER_CONNECTION_RESET'
  | 'PROVIDER_REQUEST_ABORTED'
  | 'PROVIDER_CLIENT_CLOSED'
  | 'PROVIDER_REQUEST_FAILED'
  | 'PROVIDER_RESPONSE_TOO_LARGE'
  | 'PROVIDER_INVALID_JSON'
  | 'PROVIDER_NOT_JSON'
  | 'PROVIDER_UNEXPECTED_RESPONSE'
  | 'PROVIDER_INVALID_REFERENCE';

/** A provider exchange that could not be judged. `requestSent: false` means the provider never saw it. */
export class ProviderHttpError extends Error {
  override readonly name = 'ProviderHttpError';
  constructor(
    readonly code: ProviderHttpErrorCode,
    message: string,
    readonly requestSent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function unexpectedResponse(message: string): ProviderHttpError {
  return new ProviderHttpError('PROVIDER_UNEXPECTED_RESPONSE', message, true);
}

export function unexpectedStatus(providerName: string, status: number): ProviderHttpError {
  return unexpectedResponse(`${providerName} answered with unexpected HTTP status ${status}`);
}

export type ResponseHeaders = Record<string, string | string[] | undefined>;

export interface JsonResponse {
  status: number;
  headers: ResponseHeaders;
  /** The parsed JSON body; `undefined` when the body was empty. */
  body: unknown;
}

export interface JsonCall {
  method: 'GET' | 'POST';
  /** Path below the base URL, already encoded, starting with `/`. */
  path: string;
  headers: Record<string, string>;
  json?: unknown;
  signal?: AbortSignal;
  timeouts?: RequestTimeouts;
}

/** Errors that happen before any byte of the request left this process. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const RESET_CODES = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH']);

/** One provider's HTTP endpoint: a keep-alive pool on its origin plus the base path. */
export class ProviderHttp {
  private readonly pool: Pool;
  private readonly origin: string;
  private readonly basePath: string;
  private closed = false;

  constructor(
    /** Used in messages only: the provider module's title. */
    private readonly providerName: string,
    baseUrl: string,
    private readonly options: ProviderHttpOptions = DEFAULT_HTTP_OPTIONS,
  ) {
    const url = new URL(baseUrl);
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.pool = new Pool(this.origin, {
      connect: { timeout: options.connectMs },
      headersTimeout: options.request.headersMs,
      bodyTimeout: options.request.bodyMs,
      keepAliveTimeout: options.keepAliveMs,
    });
  }

  /** Sends one request and reads a JSON answer; throws `ProviderHttpError` only. */
  async requestJson(call: JsonCall): Promise<JsonResponse> {
    if (this.closed) {
      throw new ProviderHttpError('PROVIDER_CLIENT_CLOSED', `the ${this.providerName} client is closed`, false);
    }
    const timeouts = call.timeouts ?? this.options.request;
    const deadline = AbortSignal.timeout(timeouts.totalMs);
    const signal = call.signal ? AbortSignal.any([call.signal, deadline]) : deadline;
    const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
    if (call.json !== undefined) headers['content-type'] = 'application/json';

    let response: Dispatcher.ResponseData;
    try {
      response = await request(this.origin + this.basePath + call.path, {
        dispatcher: this.pool,
        method: call.method,
        headers,
        body: call.json === undefined ? undefined : JSON.stringify(call.json),
        headersTimeout: timeouts.headersMs,
        bodyTimeout: timeouts.bodyMs,
        signal,
      });
    } catch (error) {
      throw this.transportError(error, deadline, call.signal);
    }
    let text: string;
    try {
      text = await readCapped(response.body, this.options.maxResponseBytes, this.providerName);
    } catch (error) {
      throw this.transportError(error, deadline, call.signal);
    }
    return {
      status: response.statusCode,
      headers: response.headers,
      body: this.parseJson(text, response.statusCode, response.headers),
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const closed = await withTimeout(this.pool.close(), this.options.closeGraceMs);
    if (!closed.done) await this.pool.destroy();
  }

  private parseJson(text: string, status: number, headers: ResponseHeaders): unknown {
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch (cause) {
      const contentType = String(headers['content-type'] ?? '');
      if (contentType.includes('html') || text.trimStart().startsWith('<')) {
        throw new ProviderHttpError(
          'PROVIDER_NOT_JSON',
          `${this.providerName} answered HTTP ${status} with an HTML page instead of JSON`,
          true,
        );
      }
      throw new ProviderHttpError(
        'PROVIDER_INVALID_JSON',
        `${this.providerName} answered HTTP ${status} with a body that is not valid JSON`,
        true,
        { cause },
      );
    }
  }

  private transportError(
    error: unknown,
    deadline: AbortSignal,
    callerSignal: AbortSignal | undefined,
  ): ProviderHttpError {
    if (error instanceof ProviderHttpError) return error;
    const name = this.providerName;
    const code = errorCode(error);
    if (deadline.aborted) {
      return new ProviderHttpError('PROVIDER_TIMEOUT', `${name} did not finish answering in time`, true, {
        cause: error,
      });
    }
    if (callerSignal?.aborted) {
      return new ProviderHttpError('PROVIDER_REQUEST_ABORTED', `the request to ${name} was aborted`, true, {
        cause: error,
      });
    }
    if (code === 'UND_ERR_CONNECT_TIMEOUT') {
      return new ProviderHttpError('PROVIDER_CONNECT_TIMEOUT', `connecting to ${name} timed out`, false, {
        cause: error,
      });
    }
    if (code !== undefined && NOT_SENT_CODES.has(code)) {
      return new ProviderHttpError('PROVIDER_UNREACHABLE', `${name} is unreachable (${code})`, false, { cause: error });
    }
    if (code === 'UND_ERR_HEADERS_TIMEOUT') {
      return new ProviderHttpError('PROVIDER_HEADERS_TIMEOUT', `${name} did not start answering in time`, true, {
        cause: error,
      });
    }
    if (code === 'UND_ERR_BODY_TIMEOUT') {
      return new ProviderHttpError('PROVIDER_BODY_TIMEOUT', `${name} stalled while sending its answer`, true, {
        cause: error,
      });
    }
    if (code !== undefined && RESET_CODES.has(code)) {
      return new ProviderHttpError(
        'PROVIDER_CONNECTION_RESET',
        `the connection to ${name} was closed mid-exchange`,
        true,
        { cause: error },
      );
    }
    if (code === 'UND_ERR_CLOSED') {
      return new ProviderHttpError('PROVIDER_CLIENT_CLOSED', `the ${name} client is closed`, false, { cause: error });
    }
    if (code === 'UND_ERR_DESTROYED') {
      // The pool was destroyed by close(): an in-flight request may already have reached the provider.
      return new ProviderHttpError('PROVIDER_CLIENT_CLOSED', `the ${name} client closed during the request`, true, {
        cause: error,
      });
    }
    return new ProviderHttpError('PROVIDER_REQUEST_FAILED', `the request to ${name} failed`, true, { cause: error });
  }
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // Connection errors can arrive wrapped, e.g. an AggregateError from happy-eyeballs.
  const cause = (error as { cause?: unknown }).cause;
  return cause === undefined || cause === error ? undefined : errorCode(cause);
}

async function readCapped(
  body: Dispatcher.ResponseData['body'],
  maxBytes: number,
  providerName: string,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) {
      throw new ProviderHttpError(
        'PROVIDER_RESPONSE_TOO_LARGE',
        `${providerName} sent an answer larger than ${maxBytes} bytes`,
        true,
      );
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** `retry-after` as seconds: either delta-seconds or an HTTP date. Null when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now: number = Date.now()): number | null {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === '') return null;
  if (/^\s*\d+\s*$/.test(text)) return Number.parseInt(text, 10);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * One path segment, encoded so that no stored value can change the path.
 * Registration already refuses such ids; this is the second line: a segment
 * of dots only (`.`, `..`, also percent-encoded, which URL normalisation
 * decodes) or an empty one would move or merge the path, so it is never sent.
 */
export function pathSegment(value: string): string {
  if (/^\.*$/.test(value)) {
    throw new ProviderHttpError(
      'PROVIDER_INVALID_REFERENCE',
      'a provider reference cannot be empty or dots only',
      false,
    );
  }
  return encodeURIComponent(value);
}
