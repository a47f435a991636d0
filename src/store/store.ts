import type { Db } from './db.js';
import { EngineRepository } from './engine-repository.js';
import { ExecutionRepository } from './execution-repository.js';
import { IdempotencyRepository } from './idempotency-repository.js';
import { GrantRepository } from './grant-repository.js';
import { AccessRepository } from './access.js';
import { FleetRepository } from './fleet-repository.js';
import { AuditRepository } from './audit-repository.js';
import { MetaRepository } from './meta-repository.js';
import { migrate, pendingMigrations } from './migrate.js';
import { DiskSpaceWatch } from './disk-space.js';
import { openDb, type OpenOptions, type StoreLocation } from './open.js';
import { TargetRepository } from './target-repository.js';

/**
 * The database and its repositories, opened and migrated. Components are
 * handed the repositories they use (`Pick<Store, …>`), never the store
 * whole; the execution writes are not here at all: `app.ts` makes them
 * (`ExecutionWrites.for`) for the execution lifecycle, the only writer.
 */
export class Store {
  readonly targets: TargetRepository;
  readonly grants: GrantRepository;
  readonly access: AccessRepository;
  readonly fleets: FleetRepository;
  readonly audit: AuditRepository;
  readonly executions: ExecutionRepository;
  readonly meta: MetaRepository;
  readonly engine: EngineRepository;
  readonly idempotency: IdempotencyRepository;

  constructor(
    readonly db: Db,
    private readonly diskSpace = new DiskSpaceWatch(undefined),
  ) {
    this.targets = new TargetRepository(db);
    this.grants = new GrantRepository(db);
    this.access = new AccessRepository(db);
    this.fleets = new FleetRepository(db);
    this.audit = new AuditRepository(db);
    this.executions = new ExecutionRepository(db);
    this.meta = new MetaRepository(db);
    this.engine = new EngineRepository(db);
    this.idempotency = new IdempotencyRepository(db);
  }

  static async open(location: StoreLocation, options: OpenOptions = {}): Promise<Store> {
    const diskSpace = new DiskSpaceWatch(options.logger);
    const db = diskSpace.watch(await openDb(location, options));
    try {
      await migrate(db);
    } catch (error) {
      await db.close().catch(() => {});
      throw error;
    }
    return new Store(db, diskSpace);
  }

  /** Readiness: the database answers and every migration is applied. */
  async readiness(): Promise<{ ready: boolean; reason?: string }> {
    try {
      const pending = await pendingMigrations(this.db);
      if (pending.length > 0) return { ready: false, reason: `migrations not applied: ${pending.join(', ')}` };
      const unwritable = await this.diskSpace.unwritableBecause(this.db);
      return unwritable === undefined ? { ready: true } : { ready: false, reason: unwritable };
    } catch (error) {
      return {
        ready: false,
        reason: `database unreachable: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
