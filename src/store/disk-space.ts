import type { Logger } from 'pino';
import type { Db, Queryable, QueryOptions } from './db.js';

/** PostgreSQL's SQLSTATE for "could not extend file …: No space left on device" (PGlite says the same). */
const DISK_FULL = '53100';

export function isDiskFull(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === DISK_FULL;
}

/**
 * Whether the database could last write, as the app saw it. A full disk
 * fails writes while reads still answer, so a read-only readiness check
 * stayed 200 and every command failed with a SERVICE_UNAVAILABLE the logs
 * kept at info. Now the first statement to fail for a full disk is logged as
 * an error, `/readyz` answers 503 while the disk stays full, and the recovery
 * is logged when a write succeeds again.
 */
export class DiskSpaceWatch {
  private fullSince: Date | undefined;

  constructor(private readonly logger: Pick<Logger, 'error' | 'info'> | undefined) {}

  /** `db`, with every statement's failure looked at on its way to the caller. */
  watch(db: Db): Db {
    const seen = (error: unknown): never => {
      this.saw(error);
      throw error;
    };
    return {
      kind: db.kind,
      query: <Row>(sql: string, params?: readonly unknown[], options?: QueryOptions) =>
        db.query<Row>(sql, params, options).catch(seen),
      transaction: <T>(work: (tx: Queryable) => Promise<T>) => db.transaction(work).catch(seen),
      exec: (sql) => db.exec(sql).catch(seen),
      listen: (channel, handler, options) => db.listen(channel, handler, options),
      close: () => db.close(),
    };
  }

  /**
   * Undefined while writes work; otherwise why not. After a full disk, each
   * call tries a write that needs a new page (a truncated table gets a new,
   * empty file): the disk counts as writable again only when that succeeds.
   */
  async unwritableBecause(db: Db): Promise<string | undefined> {
    if (this.fullSince === undefined) return undefined;
    try {
      await db.transaction(async (tx) => {
        await tx.query('TRUNCATE write_probe');
        await tx.query('INSERT INTO write_probe (at) VALUES (now())');
      });
    } catch (error) {
      if (isDiskFull(error))
        return `the database is out of disk space: writes fail since ${this.fullSince.toISOString()}`;
      throw error;
    }
    this.logger?.info({ fullSince: this.fullSince }, 'the database can write again: disk space is back');
    this.fullSince = undefined;
    return undefined;
  }

  private saw(error: unknown): void {
    if (!isDiskFull(error) || this.fullSince !== undefined) return;
    this.fullSince = new Date();
    this.logger?.error(
      { err: error },
      'the database is out of disk space: writes fail, and /readyz answers 503 until space is freed',
    );
  }
}
