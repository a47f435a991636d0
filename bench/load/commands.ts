import { randomUUID } from 'node:crypto';
import { Pool } from 'undici';
import { summarize, round } from '../lib/stats.js';

/**
 * Load generator for scenario 1, a separate process driven over IPC:
 * `openLock` through the subgraph, or the same SmartphoneKey call made straight
 * to the simulator with undici. Closed loop: `concurrency` workers, each sends
 * its next request when the previous one answered.
 */

export interface RunMessage {
  type: 'run';
  /** openLock through the app, the provider call alone, or `{ hello }` on the yardstick server. */
  mode: 'subgraph' | 'direct' | 'hello';
  concurrency: number;
  requests: number;
  warmup: number;
  /** Worker `w` commands `lockIds[w % length]`: a lock of its own, as commands to one lock go one at a time. */
  subgraph: { origin: string; token: string; lockIds: string[] };
  direct: { origin: string; lockExternalId: string; token: string; apiKey: string };
  hello?: { origin: string; token: string };
}

const OPEN_LOCK = 'mutation($input: OpenLockInput!) { openLock(input: $input) { id status version error { code } } }';

function requestFor(message: RunMessage, pool: Pool): (worker: number) => Promise<void> {
  if (message.mode === 'hello') {
    // The same request shape as a command: a JSON POST with a bearer token.
    const { token } = message.hello!;
    return async () => {
      const response = await pool.request({
        path: '/graphql',
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ hello }' }),
      });
      const body = (await response.body.json()) as { data?: { hello?: string } };
      if (response.statusCode !== 200 || body.data?.hello !== 'world')
        throw new Error(`hello failed: ${response.statusCode}`);
    };
  }
  if (message.mode === 'subgraph') {
    const { token, lockIds } = message.subgraph;
    return async (worker) => {
      const lockId = lockIds[worker % lockIds.length];
      const response = await pool.request({
        path: '/graphql',
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: OPEN_LOCK, variables: { input: { lockId, reason: 'bench' } } }),
      });
      const body = (await response.body.json()) as { errors?: unknown; data?: { openLock?: { status?: string } } };
      if (response.statusCode !== 200 || body.errors || body.data?.openLock?.status !== 'SUCCESS') {
        throw new Error(`openLock failed: ${response.statusCode} ${JSON.stringify(body).slice(0, 300)}`);
      }
    };
  }
  const { lockExternalId, token, apiKey } = message.direct;
  return async () => {
    const response = await pool.request({
      path: `/locks/${lockExternalId}/OpenLock`,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-api-key': apiKey },
      body: JSON.stringify({ requestId: `exe_${randomUUID()}`, reason: 'bench' }),
    });
    const body = (await response.body.json()) as { success?: boolean };
    if (response.statusCode !== 200 || body.success !== true)
      throw new Error(`OpenLock failed: ${response.statusCode} ${JSON.stringify(body)}`);
  };
}

/** What one run answers (`run:done`'s `result`). */
export type LoadRunResult = Awaited<ReturnType<typeof run>>;

async function run(message: RunMessage) {
  const origin =
    message.mode === 'subgraph'
      ? message.subgraph.origin
      : message.mode === 'hello'
        ? message.hello!.origin
        : message.direct.origin;
  const pool = new Pool(origin, { connections: message.concurrency, pipelining: 1, keepAliveTimeout: 30_000 });
  const one = requestFor(message, pool);
  try {
    const loop = async (count: number, latencies: number[] | null) => {
      let next = 0;
      let errors = 0;
      const worker = async (_: unknown, index: number) => {
        while (next < count) {
          next += 1;
          const start = performance.now();
          try {
            await one(index);
            latencies?.push(performance.now() - start);
          } catch (error) {
            errors += 1;
            if (errors <= 3) console.error(String(error));
          }
        }
      };
      const started = performance.now();
      await Promise.all(Array.from({ length: message.concurrency }, worker));
      return { elapsedMs: performance.now() - started, errors };
    };
    await loop(message.warmup, null);
    const latencies: number[] = [];
    const { elapsedMs, errors } = await loop(message.requests, latencies);
    return {
      mode: message.mode,
      concurrency: message.concurrency,
      latencyMs: summarize(latencies),
      throughputPerSec: round((latencies.length / elapsedMs) * 1000, 1),
      errors,
      elapsedMs: round(elapsedMs, 1),
    };
  } finally {
    await pool.close();
  }
}

process.on('message', (received: unknown) => {
  const message = received as RunMessage | { type: 'exit' } | null;
  if (message?.type === 'run') {
    run(message).then(
      (result) => process.send!({ type: 'run:done', result }),
      (error: unknown) => process.send!({ type: 'error', message: String(error) }),
    );
  } else if (message?.type === 'exit') {
    process.exit(0);
  }
});
process.send!({ type: 'ready' });
