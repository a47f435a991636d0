// PGlite's thread. The embedded PostgreSQL (WASM) and its protocol parsing
// run here, off the main thread that serves requests; `pglite-db.ts` is the
// main thread's side. Plain JavaScript: the same file runs under `npm start`,
// under the test runner and from the build, none of which would give a
// worker a TypeScript loader.
//
// As a worker: workerData { dataDir: string | null, image: Uint8Array | null } (an image only for memory://).
// As a process: `prepare <file>` (initdb, write the image) or `seed <dataDir> <file>` (unpack it).
// main → worker: { id, op: 'query', sql, params, tx? } | { id, op: 'begin' } | { id, op: 'end', tx, commit }
//                | { id, op: 'exec', sql } | { id, op: 'listen' | 'unlisten', channel } | { id, op: 'close' }
// worker → main: { ready: true } | { id, rows? } | { id, error } | { channel, payload }
import { readFile, writeFile } from 'node:fs/promises';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

/** What an error needs to cross to the main thread: its message and the fields callers read (SQLSTATE…). */
function serializeError(error) {
  if (!(error instanceof Error)) return { message: describeError(error) };
  const fields = { name: error.name, message: error.message };
  for (const key of ['code', 'detail', 'hint', 'constraint', 'table', 'column', 'schema', 'severity', 'position']) {
    const value = /** @type {Record<string, unknown>} */ (error)[key];
    if (typeof value === 'string' || typeof value === 'number') fields[key] = value;
  }
  return fields;
}

/**
 * PGlite's file system (Emscripten's) throws `ErrnoError`s, objects with only
 * a numeric `errno` and no message: named here, so a full disk reads as one
 * and not as "[object Object]". The numbers are Emscripten's, not Linux's.
 */
const EMSCRIPTEN_ERRNO = {
  2: 'EACCES: permission denied',
  20: 'EEXIST: file already exists',
  29: 'EIO: input/output error',
  33: 'EMFILE: too many open files',
  44: 'ENOENT: no such file or directory',
  51: 'ENOSPC: no space left on device',
  63: 'EPERM: operation not permitted',
  69: 'EROFS: read-only file system',
};

/** A readable message for anything thrown: an Error's message, an errno by name, else its JSON. */
function describeError(error) {
  if (error instanceof Error) return error.message;
  if (typeof error === 'object' && error !== null) {
    const { message, errno } = /** @type {{ message?: unknown, errno?: unknown }} */ (error);
    if (typeof message === 'string' && message !== '') return message;
    if (typeof errno === 'number') return EMSCRIPTEN_ERRNO[errno] ?? `file system error (errno ${errno})`;
    try {
      return JSON.stringify(error);
    } catch {
      // fall through: a cyclic object
    }
  }
  return String(error);
}

/** Thrown inside a transaction the main thread asked to roll back. */
class Rollback extends Error {}

/** initdb, then the empty data directory as a gzip tarball into `file`. */
async function prepare(file) {
  const pg = new PGlite();
  await pg.waitReady;
  const image = new Uint8Array(await (await pg.dumpDataDir('gzip')).arrayBuffer());
  await pg.close();
  await writeFile(file, image);
}

/** A new data directory unpacked from the image in `file`. */
async function seed(dataDir, file) {
  const pg = new PGlite(dataDir, { loadDataDir: new Blob([await readFile(file)]) });
  await pg.waitReady;
  await pg.close();
}

async function serve() {
  const { dataDir, image } = workerData;
  const options = {
    // PGlite's default shared_buffers (128 MB) is sized for a server; the
    // embedded store holds one app's data. Every page of it that is touched
    // stays resident.
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${process.env.PGLITE_SB ?? '16MB'}`],
    ...(image ? { loadDataDir: new Blob([image]) } : {}),
  };
  const pg = dataDir === null ? new PGlite(options) : new PGlite(dataDir, options);
  await pg.waitReady;

  /** Open transactions by id: the handle to query with, and how to end them. */
  const transactions = new Map();
  const unlisteners = new Map();

  const handlers = {
    async query({ sql, params, tx }) {
      const target = tx === undefined ? pg : transactions.get(tx)?.handle;
      if (!target) throw new Error('transaction is not open');
      return { rows: (await target.query(sql, params)).rows };
    },
    async exec({ sql }) {
      await pg.exec(sql);
      return {};
    },
    async begin({ id }) {
      // PGlite runs `work` with the transaction open and queues every other
      // query until it settles; `work` waits here for the main thread's word.
      let end;
      const decided = new Promise((resolve) => (end = resolve));
      const handle = await new Promise((opened, failed) => {
        const done = pg
          .transaction(async (tx) => {
            opened(tx);
            if (!(await decided)) throw new Rollback();
          })
          .catch((error) => {
            if (!(error instanceof Rollback)) throw error;
          });
        done.catch(failed);
        transactions.set(id, { end, done });
      });
      transactions.get(id).handle = handle;
      return { tx: id };
    },
    async end({ tx, commit }) {
      const transaction = transactions.get(tx);
      if (!transaction) throw new Error('transaction is not open');
      transactions.delete(tx);
      transaction.end(commit);
      await transaction.done;
      return {};
    },
    async listen({ channel }) {
      if (!unlisteners.has(channel)) {
        unlisteners.set(channel, await pg.listen(channel, (payload) => parentPort.postMessage({ channel, payload })));
      }
      return {};
    },
    async unlisten({ channel }) {
      const unlisten = unlisteners.get(channel);
      unlisteners.delete(channel);
      if (unlisten && !pg.closed) await unlisten();
      return {};
    },
    async close() {
      if (!pg.closed) await pg.close();
      return {};
    },
  };

  parentPort.on('message', async (message) => {
    try {
      const answer = await handlers[message.op](message);
      parentPort.postMessage({ id: message.id, ...answer });
      if (message.op === 'close') parentPort.close();
    } catch (error) {
      parentPort.postMessage({ id: message.id, error: serializeError(error) });
    }
  });
  parentPort.postMessage({ ready: true });
}

if (isMainThread) {
  // Run as a short-lived process (`node pglite-worker.js prepare <file>` or
  // `seed <dataDir> <file>`): what initdb or unpacking allocates is given
  // back to the system when it exits, which memory freed inside the app's
  // process (even a worker's) is not.
  const [command, ...args] = process.argv.slice(2);
  (command === 'prepare' ? prepare(args[0]) : seed(args[0], args[1])).catch((error) => {
    console.error(describeError(error));
    process.exit(1);
  });
} else {
  serve().catch((error) => {
    parentPort.postMessage({ fatal: serializeError(error) });
    parentPort.close();
  });
}
