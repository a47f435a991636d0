import WebSocket from 'ws';

/**
 * Subscriber load generator (scenarios 2-4), a separate process driven over
 * IPC. Speaks graphql-ws's `graphql-transport-ws` protocol directly on `ws`
 * (the client library's retry/lazy machinery adds nothing to measure): one
 * socket per subscriber, one subscription per socket, as a mobile app does.
 * Records when each (execution id, version) message arrived.
 */

export interface OpenMessage {
  type: 'open';
  wsUrl: string;
  token: string;
  query: string;
  field: string;
  /** Variables of each subscriber's subscription; one socket each. */
  variables: Record<string, unknown>[];
  /** Sockets being opened at once. */
  parallel?: number;
  /** Wait for the first `next` (the current state) of each, e.g. for commandExecutionUpdated. */
  waitFirst: boolean;
}

const sockets = new Set<WebSocket>();
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

/** A graphql-transport-ws message from the app, as far as it is read here. */
interface Frame {
  type: string;
  payload?: { data?: Record<string, { id: string; version: number; status: string } | null> };
}

function openOne(message: OpenMessage, variables: Record<string, unknown>): Promise<void> {
  return new Promise((resolve) => {
    let settled = false;
    const done = () => {
      if (!settled) {
        settled = true;
        resolve();
      }
    };
    const socket = new WebSocket(message.wsUrl, 'graphql-transport-ws', { perMessageDeflate: false });
    sockets.add(socket);
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
        case 'next': {
          const value = frame.payload?.data?.[message.field];
          if (value) record(value.id, value.version, value.status, at);
          else {
            failures += 1;
            if (failures <= 3)
              process.stderr.write(`subscription error payload: ${JSON.stringify(frame.payload).slice(0, 300)}\n`);
          }
          done();
          break;
        }
        case 'complete':
          completed += 1;
          receiptWaiter?.();
          break;
        case 'error':
          failures += 1;
          if (failures <= 3)
            process.stderr.write(`subscription error: ${JSON.stringify(frame.payload).slice(0, 300)}\n`);
          done();
          break;
        case 'ping':
          socket.send(JSON.stringify({ type: 'pong' }));
          break;
      }
    });
    socket.on('error', (error) => {
      failures += 1;
      if (failures <= 3) process.stderr.write(`socket error: ${String(error)}\n`);
      done();
    });
    socket.on('close', () => {
      sockets.delete(socket);
      done();
    });
  });
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
    openSockets: sockets.size,
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
  const closing = [...sockets].map(
    (socket) =>
      new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.close(1000);
        setTimeout(() => {
          socket.terminate();
          resolve();
        }, 2_000).unref();
      }),
  );
  await Promise.all(closing);
  return { open: sockets.size };
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
