import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface CapturedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type RawHandler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/**
 * A bare node:http server for faults the simulators must not produce (bad
 * JSON, HTML, resets, stalls) and for capturing exactly what a client sent.
 */
export class RawServer {
  readonly requests: CapturedRequest[] = [];
  private handler: RawHandler = (_req, res) => res.end();
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;

  private constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        this.requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
        this.handler(req, res, body);
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  static async start(): Promise<RawServer> {
    const raw = new RawServer();
    await new Promise<void>((resolve) => raw.server.listen(0, '127.0.0.1', resolve));
    return raw;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  respondWith(handler: RawHandler): void {
    this.handler = handler;
  }

  /** Answers every request with this status and raw body text. */
  respondText(status: number, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }): void {
    this.respondWith((_req, res) => {
      res.writeHead(status, headers);
      res.end(body);
    });
  }

  respondJson(status: number, body: unknown, headers: Record<string, string> = {}): void {
    this.respondText(status, JSON.stringify(body), { 'content-type': 'application/json', ...headers });
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
