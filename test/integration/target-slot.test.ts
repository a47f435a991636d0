import { afterAll, beforeAll, expect, it } from 'vitest';
import { CommandStatus, CommandType, TargetKind } from '../../src/domain/enums.js';
import { newId } from '../../src/domain/ids.js';
import { ExecutionWrites, SlotTakenError, type NewExecution } from '../../src/store/execution-writes.js';
import { Store } from '../../src/store/store.js';
import { grantTo } from '../helpers/grants.js';
import { describeEachStore, STORES, type TestDatabase } from '../helpers/databases.js';

/**
 * A target's slot at the store: the database, not any process, keeps one
 * command in flight per target. Writes that race for it lose as a guard that
 * no longer held (undefined), never with an error and never both.
 */
describeEachStore(STORES, "a target's slot, in the store ($name)", ({ create }) => {
  let database: TestDatabase;
  let store: Store;
  let writes: ExecutionWrites;

  beforeAll(async () => {
    database = await create();
    store = await Store.open(database.location);
    writes = ExecutionWrites.for(store.db);
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  async function target(): Promise<string> {
    const registered = await store.targets.register(
      {
        kind: TargetKind.LOCK,
        provider: 'SPKEY',
        externalId: String(100_000 + Math.floor(Math.random() * 1e9)),
        providerUserId: null,
        vin: null,
        name: null,
      },
      'ops',
    );
    await grantTo(store, registered.id, 'alice');
    return registered.id;
  }

  const execution = (targetId: string, status = CommandStatus.PENDING): NewExecution => ({
    id: newId('execution'),
    targetId,
    provider: 'SPKEY',
    commandType: CommandType.OPEN_LOCK,
    status,
    requestedBy: 'alice',
    requestedAt: new Date(),
    dispatchState: status === CommandStatus.PENDING ? 'SENDING' : 'NONE',
  });

  it('lets exactly one of many concurrent inserts take a free slot', async () => {
    const targetId = await target();
    // A loser either saw the slot taken (nothing written) or lost the race at the index (SlotTakenError).
    const written = await Promise.all(
      Array.from({ length: 8 }, () =>
        writes.insert(execution(targetId), { requireGrant: true, inTurn: true }).catch((error: unknown) => {
          expect(error).toBeInstanceOf(SlotTakenError);
          return undefined;
        }),
      ),
    );
    expect(written.filter((w) => w !== undefined)).toHaveLength(1);
    const rows = await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM executions WHERE target_id = $1', [
      targetId,
    ]);
    expect(rows[0]!.n).toBe(1);
  });

  it('takes no slot while one waits QUEUED ahead, and frees it with any final write', async () => {
    const targetId = await target();
    const holder = (await writes.insert(execution(targetId), { requireGrant: true, inTurn: true }))!;
    const queued = (await writes.insert(execution(targetId, CommandStatus.QUEUED), { requireGrant: true }))!;
    expect(queued.execution.status).toBe('QUEUED');
    // Slot held: neither a new command nor the queued one gets it.
    expect(await writes.insert(execution(targetId), { requireGrant: true, inTurn: true })).toBeUndefined();
    const toPending = { fields: { status: CommandStatus.PENDING, dispatchState: 'SENDING' as const } };
    expect(await writes.applyChange(queued.execution.id, { inTurn: true }, toPending)).toBeUndefined();
    // Without the turn guard, the unique index still refuses, as a guard that failed: no error.
    expect(await writes.applyChange(queued.execution.id, {}, toPending)).toBeUndefined();

    const ended = await writes.applyChange(holder.execution.id, {}, { fields: { status: CommandStatus.SUCCESS } });
    expect(ended).toMatchObject({ othersWaiting: true, execution: { status: 'SUCCESS' } });
    // Free, but a command waits: a new one may not jump ahead of it.
    expect(await writes.insert(execution(targetId), { requireGrant: true, inTurn: true })).toBeUndefined();
    const sent = await writes.applyChange(queued.execution.id, { inTurn: true, requesterMayCommand: true }, toPending);
    expect(sent?.execution.status).toBe('PENDING');
  });

  it('sends a queued command only while its requester holds a grant', async () => {
    const targetId = await target();
    const queued = (await writes.insert(execution(targetId, CommandStatus.QUEUED), { requireGrant: true }))!;
    await store.grants.revokeMatching({ targetId, userId: 'alice' }, 'ops');
    const toPending = { fields: { status: CommandStatus.PENDING, dispatchState: 'SENDING' as const } };
    expect(
      await writes.applyChange(queued.execution.id, { inTurn: true, requesterMayCommand: true }, toPending),
    ).toBeUndefined();
  });
});
