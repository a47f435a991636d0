import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, isConnectionError, type Db } from '../../src/store/db.js';
import { hasDatabase } from '../../src/store/pglite-image.js';
import { openPglite } from '../../src/store/pglite-db.js';

/**
 * The embedded store runs PGlite in a worker thread; these check that the
 * main thread's `Db` behaves as PGlite itself did: transactions, errors with
 * their SQLSTATE, notifications, close — and that a new data directory is
 * created from the prepared image and keeps its data.
 */
describe('PGlite in a worker thread', () => {
  let db: Db;

  beforeAll(async () => {
    db = await openPglite(undefined);
    await db.exec('CREATE TABLE items (id int PRIMARY KEY, note text, at timestamptz, doc jsonb)');
  });
  afterAll(async () => {
    await db?.close();
  });

  it('answers rows with the types the store reads (dates, numbers, JSON)', async () => {
    const at = new Date('2026-11-22T10:00:00.123Z');
    await db.query('INSERT INTO items VALUES ($1, $2, $3, $4)', [1, 'one', at, JSON.stringify({ a: [1, 2] })]);
    expect(await db.query('SELECT id, note, at, doc FROM items WHERE id = 1')).toEqual([{ id: 1, note: 'one', at, doc: { a: [1, 2] } }]);
  });

  it('keeps the SQLSTATE and details of an error', async () => {
    const error = await db.query('INSERT INTO items (id) VALUES (1)').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: '23505', constraint: 'items_pkey' });
    expect(isConnectionError(error)).toBe(false);
  });

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO items (id) VALUES (2)');
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO items (id) VALUES (3)');
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const ids = (await db.query<{ id: number }>('SELECT id FROM items WHERE id IN (2, 3) ORDER BY id')).map((r) => r.id);
    expect(ids).toEqual([2]);
  });

  it('holds other queries back while a transaction is open (one connection)', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = db.transaction(async (tx) => {
      await tx.query('INSERT INTO items (id) VALUES (4)');
      await held;
    });
    // Give the transaction time to begin, then read from outside it.
    await new Promise((resolve) => setTimeout(resolve, 50));
    let outsideDone = false;
    const outside = db.query<{ n: number }>('SELECT count(*)::int AS n FROM items WHERE id = 4').then((rows) => {
      outsideDone = true;
      return rows[0]!.n;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(outsideDone).toBe(false);
    release();
    await transaction;
    expect(await outside).toBe(1);
  });

  it('delivers notifications until unlistened', async () => {
    const received: string[] = [];
    const unlisten = await db.listen('probe_channel', (payload) => received.push(payload));
    await db.query("SELECT pg_notify('probe_channel', 'first')");
    await expect.poll(() => received, { timeout: 5_000 }).toEqual(['first']);
    await unlisten();
    await db.query("SELECT pg_notify('probe_channel', 'second')");
    await db.query('SELECT 1'); // a notification would have arrived before this answer
    expect(received).toEqual(['first']);
  });

  it('after close, refuses every call as the database being unavailable; closing twice is harmless', async () => {
    const other = await openPglite(undefined);
    await other.close();
    await other.close();
    const error = await other.query('SELECT 1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseUnavailableError);
    expect(isConnectionError(error)).toBe(true);
  });
});

describe('a new embedded data directory', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = path.join(await mkdtemp(path.join(tmpdir(), 'vas-pglite-new-')), 'pglite');
  });
  afterAll(async () => {
    await rm(path.dirname(dataDir), { recursive: true, force: true });
  });

  it('is created from the prepared image and keeps its data across close and reopen', async () => {
    expect(await hasDatabase(dataDir)).toBe(false);
    const first = await openPglite(dataDir);
    await first.exec('CREATE TABLE kept (v text)');
    await first.query("INSERT INTO kept VALUES ('still here')");
    await first.close();
    expect(await hasDatabase(dataDir)).toBe(true);

    const reopened = await openPglite(dataDir);
    try {
      expect(await reopened.query('SELECT v FROM kept')).toEqual([{ v: 'still here' }]);
    } finally {
      await reopened.close();
    }
  });
});
