import type { CollectReply, OpenReply, ReceiptKind, Transport } from '../load/subscribers.js';
import type { AppProc } from './processes.js';
import { ask, type Spawned } from './proc.js';

/** A subscription document and the field its messages arrive under. */
export interface Subscription {
  query: string;
  field: string;
}

/** Each subscriber process's share of `items`, round-robin. */
export function shares<T>(items: readonly T[], processes: number): T[][] {
  return Array.from({ length: processes }, (_, i) => items.filter((__, j) => j % processes === i));
}

/**
 * Opens one connection (a WebSocket, or an SSE request on its own TCP connection) per entry of
 * `variables`, spread over the subscriber processes, 100 at a time in each.
 */
export async function openSubscribers(
  procs: readonly Spawned[],
  app: AppProc,
  token: string,
  subscription: Subscription,
  variables: Record<string, unknown>[],
  waitFirst: boolean,
  transport: Transport = 'graphql-ws',
): Promise<{ failed: number; elapsedMs: number }> {
  const started = Date.now();
  const parts = shares(variables, procs.length);
  const replies = await Promise.all(
    procs.map((proc, i) =>
      ask<OpenReply>(proc.child, {
        type: 'open',
        transport,
        url: transport === 'sse' ? app.url : app.wsUrl,
        token,
        ...subscription,
        variables: parts[i],
        waitFirst,
        parallel: 100,
      }),
    ),
  );
  return { failed: replies.reduce((a, r) => a + r.failed, 0), elapsedMs: Date.now() - started };
}

/** Waits until each process counted its `counts[i]` receipts of `kind`; false on timeout. */
export async function waitAll(
  procs: readonly Spawned[],
  kind: ReceiptKind,
  counts: number[],
  timeoutMs: number,
): Promise<boolean> {
  const replies = await Promise.all(
    procs.map((proc, i) =>
      ask<{ ok: boolean }>(proc.child, { type: 'waitReceipts', kind, count: counts[i], timeoutMs }, timeoutMs + 5_000),
    ),
  );
  return replies.every((r) => r.ok);
}

export interface Collected {
  /** `${executionId}:${version}` → receipt times, of all processes. */
  receipts: CollectReply['receipts'];
  received: number;
  completed: number;
  failures: number;
}

/** What every process received since the last collect (and resets its counts). */
export async function collectAll(procs: readonly Spawned[]): Promise<Collected> {
  const replies = await Promise.all(procs.map((proc) => ask<CollectReply>(proc.child, { type: 'collect' })));
  const receipts: CollectReply['receipts'] = {};
  for (const reply of replies)
    for (const [key, times] of Object.entries(reply.receipts)) (receipts[key] ??= []).push(...times);
  return {
    receipts,
    received: replies.reduce((a, r) => a + r.received, 0),
    completed: replies.reduce((a, r) => a + r.completed, 0),
    failures: replies.reduce((a, r) => a + r.failures, 0),
  };
}

export async function closeAll(procs: readonly Spawned[]): Promise<void> {
  await Promise.all(procs.map((proc) => ask(proc.child, { type: 'close' })));
}
