import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small real HTTP server for a simulator: a route table, per-route request
 * counts, tracked timers, and a guarantee that no request — malformed, huge or
 * abandoned — can crash the process.
 */

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  params: Readonly<Record<string, string>>;
  url: URL;
  /** The raw request body (empty for GET). */
  body: string;
}

export interface Route {
  method: 'GET' | 'POST';
  /** Segments, with `:name` for a parameter, e.g. `/locks/:id/OpenLock`. */
  pattern: string;
  handle(context: RouteContext): Promise<void> | void;
}

/** Answers in the provider's own error style, for the cases the server handles itself. */
export interface GenericErrors {
  notFound(res: ServerResponse): void;
  payloadTooLarge(res: ServerResponse): void;
  internal(res: ServerResponse): void;
}

export interface SimServerOptions {
  routes: readonly Route[];
  /** Served under `/__sim/`, never counted. */
  adminRoutes: readonly Route[];
  errors: GenericErrors;
  maxBodyBytes?: number;
}

export const UNMATCHED_ROUTE = 'unmatched';
const ADMIN_PREFIX = '/__sim/';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export const INVALID_JSON: unique symbol = Symbol('invalid JSON');

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return INVALID_JSON;
  }
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header === undefined ? null : /^Bearer (.+)$/.exec(header);
  return match?.[1];
}

class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

export class SimServer {
  private readonly server: Server;
  private readonly requestCounts = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly wakeOnClose = new Set<() => void>();
  private address: AddressInfo | undefined;

  constructor(private readonly options: SimServerOptions) {
    this.server = createServer((req, res) => {
      // A client that vanishes mid-request must not surface as an unhandled 'error'.
      req.on('error', () => undefined);
      res.on('error', () => undefined);
      this.dispatch(req, res).catch(() => {
        if (!res.headersSent) options.errors.internal(res);
        else res.destroy();
      });
    });
    this.server.on('clientError', (_error, socket) => socket.destroy());
  }

  async listen(host: string, port: number): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.address = this.server.address() as AddressInfo;
    return this.url;
  }

  get url(): string {
    if (this.address === undefined) throw new Error('the simulator is not listening');
    const host = this.address.family === 'IPv6' ? `[${this.address.address}]` : this.address.address;
    return `http://${host}:${this.address.port}`;
  }

  counts(): Record<string, number> {
    return Object.fromEntries(this.requestCounts);
  }

  resetCounts(): void {
    this.requestCounts.clear();
  }

  /** Waits `ms`; resolves early when the server closes, so no handler outlives it. */
  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.timers.delete(timer);
        this.wakeOnClose.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.timers.add(timer);
      this.wakeOnClose.add(wake);
    });
  }

  async close(): Promise<void> {
    for (const wake of [...this.wakeOnClose]) wake();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://simulator.invalid');
    const isAdmin = url.pathname.startsWith(ADMIN_PREFIX);
    const routes = isAdmin ? this.options.adminRoutes : this.options.routes;
    const match = matchRoute(
      routes,
      req.method ?? '',
      isAdmin ? url.pathname.slice(ADMIN_PREFIX.length - 1) : url.pathname,
    );
    if (!isAdmin) this.count(match === undefined ? UNMATCHED_ROUTE : `${match.route.method} ${match.route.pattern}`);
    if (match === undefined) {
      req.resume();
      this.options.errors.notFound(res);
      return;
    }
    let body: string;
    try {
      body = await readBody(req, this.options.maxBodyBytes ?? 64 * 1024);
    } catch (error) {
      if (error instanceof BodyTooLargeError) this.options.errors.payloadTooLarge(res);
      else res.destroy();
      return;
    }
    await match.route.handle({ req, res, params: match.params, url, body });
  }

  private count(key: string): void {
    this.requestCounts.set(key, (this.requestCounts.get(key) ?? 0) + 1);
  }
}

function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
  const segments = path.split('/').filter((segment) => segment !== '');
  for (const route of routes) {
    if (route.method !== method) continue;
    const pattern = route.pattern.split('/').filter((segment) => segment !== '');
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((part, index) => {
      const segment = segments[index] ?? '';
      if (!part.startsWith(':')) return part === segment;
      try {
        params[part.slice(1)] = decodeURIComponent(segment);
        return true;
      } catch {
        return false;
      }
    });
    if (matches) return { route, params };
  }
  return undefined;
}

/** Reads the body; past `maxBytes` it keeps draining (so the answer still reaches the client) and then refuses. */
async function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= maxBytes) chunks.push(buffer);
  }
  if (size > maxBytes) throw new BodyTooLargeError();
  return Buffer.concat(chunks).toString('utf8');
}
