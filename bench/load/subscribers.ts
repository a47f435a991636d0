import type { Readable } from 'node:stream';
import { Client } from 'undici';
import WebSocket from 'ws';

/**
 * Subscriber load generator (scenarios 2-4), a separate process driven over
 * IPC. One connection per subscriber, one subscription on it, as a mobile app
 * does, over either transport the app serves on `/graphql`:
 * - `graphql-ws`: the `graphql-transport-ws` protocol spoken directly on `ws`
 *   (the client library's retry/lazy machinery adds nothing to measure);
 * - `sse`: graphql-sse's "distinct connections" mode, one `POST` with
 *   `Accept: text/event-stream` on its own undici `Client` (one TCP connection,
 *   opened for it and destroyed when it closes, like a phone's; a shared pool
 *   would hand a later run the connections an earlier one left idle), the
 *   event stream parsed here.
 * Records when each (execution id, version) message arrived, the same way for both.
 */

export type Transport = 'graphql-ws' | 'sse';

export interface OpenMessage {
  type: 'open';
  transport: Transport;
  /** The app's `/graphql`: `ws://` for graphql-ws, `http://` for SSE. */
  url: string;
  token: string;
  query: string;
  field: string;
  /** Variables of each subscriber's subscription; one connection each. */
  variables: Record<string, unknown>[];
  /** Connections being opened at once. */
  parallel?: number;
  /** Wait for the first `next` (the current state) of each, e.g. for commandExecutionUpdated. */
  waitFirst: boolean;
}

/** How to close each open subscriber's connection. */
const connections = new Set<{ close(): Promise<void> }>();
/** `${id}:${version}` → receipt times (ms since epoch). */
let receipts = new Map<string, number[]>();
let received = 0;
let completed = 0;
let failures = 0;
let finals = 0;
let receiptWaiter: (() => void) | undefined;

function record(id: string, version: number, status: string, at: number): void {
  if (status === 'SUCCESS' || status === 'FAILURE') finals += 1;
  const key = `${id}:${version}`;
  let list = receipts.get(key);
  if (!list) receipts.set(key, (list = []));
  list.push(at);
  received += 1;
  receiptWaiter?.();
}

/** The execution result of a `next`, as far as it is read here; the same over both transports. */
interface Result {
  data?: Record<string, { id: string; version: number; status: string } | null> | null;
  errors?: unknown;
}

/** A `next` that arrived at `at`: a receipt, or a failure when it carries no value (an error result). */
function onNext(field: string, result: Result | undefined, at: number): void {
  const value = result?.data?.[field];
  if (value) record(value.id, value.version, value.status, at);
  else fail('subscription error payload', result);
}

function onComplete(): void {
  completed += 1;
  receiptWaiter?.();
}

/** Counts a failure; the first few are written to stderr (the process's log). */
function fail(what: string, detail: unknown): void {
  failures += 1;
  if (failures <= 3) {
    const text = typeof detail === 'string' ? detail : (JSON.stringify(detail) ?? String(detail));
    process.stderr.write(`${what}: ${text.slice(0, 300)}\n`);
  }
}

/** A graphql-transport-ws message from the app, as far as it is read here. */
interface Frame {
  type: string;
  payload?: Result;
}

/** Opens one subscriber; resolves once subscribed (or its first `next`, with `waitFirst`), or on failure. */
function openOne(message: OpenMessage, variables: Record<string, unknown>): Promise<void> {
  return new Promise((resolve) => {
    let settled = false;
    const done = () => {
      if (!settled) {
        settled = true;
        resolve();
      }
    };
    if (message.transport === 'sse') openSse(message, variables, done);
    else openWs(message, variables, done);
  });
}

function openWs(message: OpenMessage, variables: Record<string, unknown>, done: () => void): void {
  const socket = new WebSocket(message.url, 'graphql-transport-ws', { perMessageDeflate: false });
  const connection = {
    close: () =>
      new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.close(1000);
        setTimeout(() => {
          socket.terminate();
          resolve();
        }, 2_000).unref();
      }),
  };
  connections.add(connection);
  socket.on('open', () =>
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${message.token}` } })),
  );
  socket.on('message', (raw) => {
    const at = Date.now();
    const frame = JSON.parse(raw.toString()) as Frame;
    switch (frame.type) {
      case 'connection_ack':
        socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: message.query, variables } }));
        if (!message.waitFirst) done();
        break;
      case 'next':
        onNext(message.field, frame.payload, at);
        done();
        break;
      case 'complete':
        onComplete();
        break;
      case 'error':
        fail('subscription error', frame.payload);
        done();
        break;
      case 'ping':
        socket.send(JSON.stringify({ type: 'pong' }));
        break;
    }
  });
  socket.on('error', (error) => {
    fail('socket error', String(error));
    done();
  });
  socket.on('close', () => {
    connections.delete(connection);
    done();
  });
}

function openSse(message: OpenMessage, variables: Record<string, unknown>, done: () => void): void {
  const url = new URL(message.url);
  // No body timeout: an idle stream only carries a keep-alive comment every 12 s.
  const client = new Client(url.origin, { bodyTimeout: 0 });
  const abort = new AbortController();
  const connection = {
    close: async () => {
      abort.abort();
      await client.destroy();
    },
  };
  connections.add(connection);
  client.once('disconnect', () => connections.delete(connection));
  const body = JSON.stringify({ query: message.query, variables });
  client
    .request({
      path: url.pathname,
      method: 'POST',
      headers: {
        accept: 'text/event-stream',
        'content-type': 'application/json',
        authorization: `Bearer ${message.token}`,
      },
      body,
      signal: abort.signal,
    })
    .then(async (response) => {
      if (response.statusCode !== 200) {
        fail(`HTTP ${response.statusCode}`, await response.body.text());
        return;
      }
      // The stream is accepted: what the ws path's `connection_ack` says.
      if (!message.waitFirst) done();
      if (!(await readEventStream(response.body, message, done)) && !abort.signal.aborted)
        fail('event stream', 'ended without `event: complete`');
    })
    .catch((error: unknown) => {
      if (!abort.signal.aborted) fail('request error', String(error));
    })
    .finally(done);
}

/**
 * Reads graphql-sse's event stream: `event: next` / `event: complete` blocks, each ended by an empty
 * line, and `:` keep-alive comments. Answers whether `complete` arrived before the stream ended.
 */
async function readEventStream(body: Readable, message: OpenMessage, done: () => void): Promise<boolean> {
  body.setEncoding('utf8'); // a character split between two chunks stays whole
  let buffer = '';
  let complete = false;
  for await (const chunk of body as AsyncIterable<string>) {
    const at = Date.now();
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) !== -1) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
      }
      if (event === 'next') {
        onNext(message.field, JSON.parse(data.join('\n')) as Result, at);
        done();
      } else if (event === 'complete') {
        onComplete();
        complete = true;
      }
    }
  }
  // Read to the end even after `complete`: leaving the body early would reset the connection.
  return complete;
}

/** The answers to `open` and `collect` (each also carries its `type`). */
export type OpenReply = Awaited<ReturnType<typeof open>>;
export type CollectReply = ReturnType<typeof collect>;

async function open(message: OpenMessage) {
  const started = Date.now();
  const failuresBefore = failures;
  const parallel = message.parallel ?? 100;
  let next = 0;
  const worker = async () => {
    while (next < message.variables.length) {
      const variables = message.variables[next]!;
      next += 1;
      await openOne(message, variables);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, message.variables.length) }, worker));
  return {
    opened: message.variables.length,
    failed: failures - failuresBefore,
    openConnections: connections.size,
    elapsedMs: Date.now() - started,
  };
}

/** Waits until `count` messages (or completions, or final statuses) arrived since the last collect, or the timeout. */
/** Messages, completed subscriptions, or final statuses (SUCCESS/FAILURE). */
export type ReceiptKind = 'received' | 'completed' | 'finals';

function waitReceipts(kind: ReceiptKind, count: number, timeoutMs: number): Promise<boolean> {
  const current = () => (kind === 'received' ? received : kind === 'completed' ? completed : finals);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      receiptWaiter = undefined;
      resolve(false);
    }, timeoutMs);
    receiptWaiter = () => {
      if (current() >= count) {
        clearTimeout(timer);
        receiptWaiter = undefined;
        resolve(true);
      }
    };
    receiptWaiter();
  });
}

function collect() {
  const out = Object.fromEntries(receipts);
  const summary = { received, completed, failures, finals };
  receipts = new Map();
  received = 0;
  completed = 0;
  finals = 0;
  return { receipts: out, ...summary };
}

async function closeAll() {
  await Promise.all([...connections].map((connection) => connection.close()));
  return { open: connections.size };
}

/** What the bench sends (bench/lib/subscriber-client.ts). */
type Command =
  | OpenMessage
  | { type: 'waitReceipts'; kind?: ReceiptKind; count: number; timeoutMs: number }
  | { type: 'collect' | 'close' | 'exit' };

process.on('message', (received: unknown) => {
  const message = received as Command | null;
  const reply = (type: string, work: Promise<unknown>) =>
    work.then(
      (result) => process.send!({ type: `${type}:done`, ...(result as object) }),
      (error: unknown) => process.send!({ type: 'error', message: String(error) }),
    );
  switch (message?.type) {
    case 'open':
      void reply('open', open(message));
      break;
    case 'waitReceipts':
      void reply(
        'waitReceipts',
        waitReceipts(message.kind ?? 'received', message.count, message.timeoutMs).then((ok) => ({ ok, received })),
      );
      break;
    case 'collect':
      void reply('collect', Promise.resolve(collect()));
      break;
    case 'close':
      void reply('close', closeAll());
      break;
    case 'exit':
      process.exit(0);
  }
});
process.send!({ type: 'ready' });
