import { Worker } from 'node:worker_threads';
import {
  assertChannelName,
  DatabaseUnavailableError,
  type Db,
  type NotificationHandler,
  type Queryable,
} from './db.js';
import { hasDatabase, imageBytes, seedDataDir, type ImageOptions } from './pglite-image.js';

const WORKER_URL = new URL('./pglite-worker.js', import.meta.url);

type Answer = { id: number; rows?: unknown[]; tx?: number; error?: Record<string, unknown> };

/**
 * PGlite, the embedded default, run in a worker thread (`pglite-worker.js`):
 * the WASM engine and its protocol parsing no longer share the main thread
 * with requests. `dataDir` undefined means in-memory (`DATABASE_URL=memory://`).
 * A data directory that does not exist yet, and every in-memory database,
 * starts from a prepared image instead of running initdb (`pglite-image.ts`).
 * PGlite is one connection: it queues queries behind an open transaction.
 */
export async function openPglite(dataDir: string | undefined, options: ImageOptions = {}): Promise<Db> {
  let image: Uint8Array | null = null;
  if (dataDir === undefined) image = await imageBytes(options);
  else if (!(await hasDatabase(dataDir))) await seedDataDir(dataDir, options);
  const worker = new Worker(WORKER_URL, { workerData: { dataDir: dataDir ?? null, image } });
  const pending = new Map<number, { resolve: (answer: Answer) => void; reject: (error: Error) => void }>();
  const handlers = new Map<string, Set<NotificationHandler>>();
  let nextId = 1;
  /** Set once the worker is gone: every later call fails with it. */
  let stopped: DatabaseUnavailableError | undefined;
  let closing: Promise<void> | undefined;

  const ready = new Promise<void>((resolve, reject) => {
    worker.on(
      'message',
      (message: Answer & { ready?: true; fatal?: Record<string, unknown>; channel?: string; payload?: string }) => {
        if (message.ready) return resolve();
        if (message.fatal) return reject(rebuildError(message.fatal));
        if (message.channel !== undefined) {
          for (const handler of handlers.get(message.channel) ?? []) handler(message.payload ?? '');
          return;
        }
        const call = pending.get(message.id);
        if (!call) return;
        pending.delete(message.id);
        if (message.error) call.reject(rebuildError(message.error));
        else call.resolve(message);
      },
    );
    const stop = (reason: string, cause?: unknown) => {
      stopped ??= new DatabaseUnavailableError(`PGlite is closed: ${reason}`, { cause });
      for (const call of pending.values()) call.reject(stopped);
      pending.clear();
      reject(stopped);
    };
    worker.on('error', (error) => stop('its worker failed', error));
    worker.on('exit', (code) => stop(`its worker exited (code ${code})`));
  });
  try {
    await ready;
  } catch (error) {
    await worker.terminate();
    throw error;
  }

  function call(message: Record<string, unknown>): Promise<Answer> {
    if (stopped) return Promise.reject(stopped);
    const id = nextId++;
    return new Promise<Answer>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...message, id });
    });
  }

  const queryIn = (tx: number | undefined): Queryable => ({
    async query<Row>(sql: string, params: readonly unknown[] = []) {
      const answer = await call({ op: 'query', sql, params, tx });
      return answer.rows as Row[];
    },
  });
  const root = queryIn(undefined);

  return {
    kind: 'pglite',
    query: root.query,
    async transaction(work) {
      const { tx } = await call({ op: 'begin' });
      let result;
      try {
        result = await work(queryIn(tx));
      } catch (error) {
        await call({ op: 'end', tx, commit: false }).catch(() => {});
        throw error;
      }
      await call({ op: 'end', tx, commit: true });
      return result;
    },
    exec: async (sql) => {
      await call({ op: 'exec', sql });
    },
    // In-process: the "connection" is never lost, so there is nothing to restore.
    async listen(channel: string, handler: NotificationHandler) {
      assertChannelName(channel);
      let channelHandlers = handlers.get(channel);
      if (!channelHandlers) {
        handlers.set(channel, (channelHandlers = new Set()));
        await call({ op: 'listen', channel });
      }
      channelHandlers.add(handler);
      return async () => {
        channelHandlers.delete(handler);
        if (channelHandlers.size === 0 && handlers.get(channel) === channelHandlers) {
          handlers.delete(channel);
          if (!stopped) await call({ op: 'unlisten', channel }).catch(() => {});
        }
      };
    },
    close() {
      closing ??= (async () => {
        if (!stopped) await call({ op: 'close' }).catch(() => {});
        await worker.terminate();
      })();
      return closing;
    },
  };
}

/** An error from the worker as the rest of the store expects it: message, SQLSTATE `code` and details. */
function rebuildError(fields: Record<string, unknown>): Error {
  const error = new Error(String(fields.message ?? 'PGlite error'));
  for (const [key, value] of Object.entries(fields)) {
    if (key !== 'message' && key !== 'name') (error as unknown as Record<string, unknown>)[key] = value;
  }
  return error;
}
