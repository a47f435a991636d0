import { ExecutionWrites } from '../../src/store/execution-writes.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandStatus, CommandType, Provider, TargetKind } from '../../src/domain/enums.js';
import { newId } from '../../src/domain/ids.js';
import {
  EXECUTION_CHANNEL,
  ownNoticePrefix,
  type ExecutionNotice,
  type NewExecution,
} from '../../src/store/execution-writes.js';
import { Store } from '../../src/store/store.js';
import { grantTo } from '../helpers/grants.js';
import { createPostgresDatabase, describePostgres, type TestDatabase } from '../helpers/databases.js';

/** Collects the payloads of a channel and waits for the next one, with a timeout instead of a sleep. */
async function collector(store: Store) {
  const payloads: string[] = [];
  const waiters: (() => void)[] = [];
  const unlisten = await store.db.listen(EXECUTION_CHANNEL, (payload) => {
    payloads.push(payload);
    for (const wake of waiters.splice(0)) wake();
  });
  return {
    payloads,
    unlisten,
    async next(count: number, timeoutMs = 5_000): Promise<string[]> {
      const deadline = Date.now() + timeoutMs;
      while (payloads.length < count) {
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${count} notices`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100).unref();
        });
      }
      return payloads.slice(0, count);
    },
  };
}

async function seedTarget(store: Store, granted: string): Promise<string> {
  const target = await store.targets.register(
    {
      kind: TargetKind.LOCK,
      provider: 'SPKEY',
      externalId: String(Math.floor(Math.random() * 1e9)),
      providerUserId: null,
      vin: null,
      name: null,
    },
    'ops',
  );
  await grantTo(store, target.id, granted);
  return target.id;
}

function draft(targetId: string, requestedBy: string, parameters: Record<string, unknown> | null = null): NewExecution {
  return {
    id: newId('execution'),
    targetId,
    provider: 'SPKEY',
    commandType: CommandType.OPEN_LOCK,
    status: CommandStatus.PENDING,
    parameters,
    requestedBy,
    requestedAt: new Date(),
  };
}

describePostgres('execution notices', () => {
  let database: TestDatabase;
  let store: Store;
  let writes: ExecutionWrites;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    store = await Store.open(database.location);
    writes = ExecutionWrites.for(store.db);
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  it('carry the snapshot and the requester grant, and begin with the origin a listener skips by prefix', async () => {
    const notices = await collector(store);
    try {
      const targetId = await seedTarget(store, 'alice');
      const written = await writes.insert(draft(targetId, 'alice'), { requireGrant: true });
      expect(written?.requesterGranted).toBe(true);
      const [payload] = await notices.next(1);
      expect(payload!.startsWith(ownNoticePrefix(writes.origin))).toBe(true);
      const notice = JSON.parse(payload!) as ExecutionNotice;
      expect(notice).toMatchObject({
        id: written!.execution.id,
        version: 1,
        targetId,
        requestedBy: 'alice',
        requesterGranted: true,
      });
      expect(notice.snapshot).toMatchObject({
        id: written!.execution.id,
        status: 'PENDING',
        version: 1,
        commandType: 'OPEN_LOCK',
      });
    } finally {
      await notices.unlisten();
    }
  });

  it('leave out a snapshot too large for NOTIFY, which the listener then reads', async () => {
    const notices = await collector(store);
    try {
      const targetId = await seedTarget(store, 'bob');
      const written = await writes.insert(draft(targetId, 'bob', { note: 'x'.repeat(9_000) }), {
        requireGrant: true,
      });
      const [payload] = await notices.next(1);
      const notice = JSON.parse(payload!) as ExecutionNotice;
      expect(notice).toEqual({
        origin: writes.origin,
        id: written!.execution.id,
        version: 1,
        targetId,
        requestedBy: 'bob',
        at: expect.any(Number),
      });
    } finally {
      await notices.unlisten();
    }
  });

  it('store nothing when the requester holds no grant (decided in the same statement)', async () => {
    const targetId = await seedTarget(store, 'carol');
    const refused = await writes.insert(draft(targetId, 'mallory'), { requireGrant: true });
    expect(refused).toBeUndefined();
    const rows = await store.db.query('SELECT 1 FROM executions WHERE target_id = $1', [targetId]);
    expect(rows).toHaveLength(0);
  });
});

describe('execution notices on the embedded store', () => {
  it('are not sent: the one process holding the data publishes its own changes', async () => {
    const store = await Store.open({ kind: 'memory' });
    const writes = ExecutionWrites.for(store.db);
    try {
      const notices = await collector(store);
      const targetId = await seedTarget(store, 'alice');
      const written = await writes.insert(draft(targetId, 'alice'), { requireGrant: true });
      expect(written?.execution.version).toBe(1);
      // A NOTIFY would be delivered before the next statement answers; one sent on purpose arrives.
      await store.db.query(`SELECT pg_notify('${EXECUTION_CHANNEL}', 'probe')`);
      expect(await notices.next(1)).toEqual(['probe']);
      await notices.unlisten();
    } finally {
      await store.close();
    }
  });
});
