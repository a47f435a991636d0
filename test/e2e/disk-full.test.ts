import { Writable } from 'node:stream';
import { open, rm } from 'node:fs/promises';
import path from 'node:path';
import { pino } from 'pino';
import { request } from 'undici';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeUnless } from '../helpers/gates.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { mountTinyDisk, type TinyDisk } from '../helpers/tiny-disk.js';
import { eventually } from '../helpers/ws-client.js';

/** The app's log lines, parsed as it writes them. */
class LogCapture extends Writable {
  readonly lines: { level: number; msg: string }[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    for (const line of chunk.toString('utf8').split('\n')) if (line) this.lines.push(JSON.parse(line));
    done();
  }
}

/** Writes zeros into `file` until the disk refuses (ENOSPC). */
async function fill(file: string): Promise<void> {
  const handle = await open(file, 'w');
  const chunk = Buffer.alloc(256 * 1024);
  try {
    for (;;) await handle.write(chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    await handle.close();
  }
}

async function readiness(app: TestApp): Promise<{ status: number; body: { status: string; reason?: string } }> {
  const response = await request(new URL('/readyz', app.url));
  return { status: response.statusCode, body: (await response.body.json()) as { status: string; reason?: string } };
}

const tinyDisk = await mountTinyDisk('96m');

describeUnless(
  typeof tinyDisk === 'string' ? tinyDisk : undefined,
  'the embedded store on a disk that fills up',
  () => {
    const disk = tinyDisk as TinyDisk;
    const logs = new LogCapture();
    let app: TestApp;
    const filler = () => path.join(disk.dir, 'filler');

    beforeAll(async () => {
      app = await startTestApp(
        { kind: 'pglite', dataDir: path.join(disk.dir, 'data') },
        {},
        { logger: pino({ level: 'info' }, logs) },
      );
    }, 60_000);
    afterAll(async () => {
      await app?.dispose();
      await disk.remove();
    });

    it('logs the full disk as an error, answers /readyz 503 while writes fail, and ready again once space is back', async () => {
      expect((await readiness(app)).status).toBe(200);
      await fill(filler());

      // A write that needs new pages fails, as every command soon would.
      const write = app.store.db.exec('CREATE TABLE bulk AS SELECT g FROM generate_series(1, 500000) g');
      await expect(write).rejects.toMatchObject({ code: '53100' });
      await expect(
        app.store.db.exec('CREATE TABLE bulk AS SELECT g FROM generate_series(1, 500000) g'),
      ).rejects.toMatchObject({ code: '53100' });

      const errors = logs.lines.filter((line) => line.level >= 50);
      expect(errors.map((line) => line.msg)).toEqual([
        'the database is out of disk space: writes fail, and /readyz answers 503 until space is freed',
      ]);
      const unready = await readiness(app);
      expect(unready.status).toBe(503);
      expect(unready.body.reason).toMatch(/^the database is out of disk space: writes fail since \d{4}-/);
      expect((await readiness(app)).status).toBe(503);

      await rm(filler());
      await eventually(async () => (await readiness(app)).status === 200, 10_000, '/readyz to answer 200 again');
      expect(logs.lines.map((line) => line.msg)).toContain('the database can write again: disk space is back');
      await app.store.db.exec('CREATE TABLE bulk AS SELECT g FROM generate_series(1, 1000) g');
    });
  },
);
