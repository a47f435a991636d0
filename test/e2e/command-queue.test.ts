import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CancelCommandExecutionDocument,
  CommandExecutionUpdatedDocument,
  ConfirmIgnitionDocument,
  LockVehicleDocument,
  RequestIgnitionDocument,
  StartChargingDocument,
  StopChargingDocument,
  UnlockVehicleDocument,
} from '../../generated/graphql/graphql.js';
import type { CallbackReceiver } from '../federation/support/callback-receiver.js';
import { finalState } from '../helpers/commands.js';
import { describeEachStore, STORES, type TestDatabase } from '../helpers/databases.js';
import { appRegistry } from '../helpers/registry.js';
import { simulated } from '../helpers/simulated-providers.js';
import {
  resultsUntilComplete,
  startCallbackReceiver,
  subscriptionTransports,
  type FirstResult,
} from '../helpers/subscription-transports.js';
import { FAST_ENGINE, startTestApp, type TestApp } from '../helpers/test-app.js';
import { data, run } from '../helpers/typed-client.js';

/** A fresh Mobway VIN per test: each test has a target of its own. */
let vinCount = 0;
const nextVin = () => `1HGCM8263${String(++vinCount).padStart(8, '0')}`;

/** Every status an execution went through, from its stored versions (a repeat, e.g. the code arriving, once). */
async function statusesOf(app: TestApp, id: string): Promise<string[]> {
  const statuses = (await app.store.executions.snapshotsSince(id, 0)).map((snapshot) => snapshot.status);
  return statuses.filter((status, i) => status !== statuses[i - 1]);
}

/** The statuses a subscription's results carried, a repeat once. */
function statusesIn(results: FirstResult[]): string[] {
  const statuses = results.map(
    (result) => (result.data as { commandExecutionUpdated: { status: string } }).commandExecutionUpdated.status,
  );
  return statuses.filter((status, i) => status !== statuses[i - 1]);
}

let receiver: CallbackReceiver | undefined;
afterAll(() => receiver?.stop());

/**
 * Commands to one target in order: one in flight at a time (its slot), the
 * rest QUEUED and sent in acceptance order, a requester's QUEUED half of a
 * pair superseded by the other half, cancel before send, the queue bound,
 * access checked again at the turn. The Mobway simulator records every
 * command it runs per VIN, when it came in and when it was done: the order
 * and any overlap are read from the provider's side.
 */
describeEachStore(STORES, 'commands to one target, in order ($name)', ({ create }) => {
  let database: TestDatabase;
  let app: TestApp;
  let alice: string;
  let bob: string;
  let admin: string;

  beforeAll(async () => {
    receiver ??= await startCallbackReceiver();
    database = await create();
    app = await startTestApp(database.location, {
      ...FAST_ENGINE,
      // Short, so that a queued command which waited longer than it shows the deadline starts at send.
      COMMAND_TIMEOUT_MS: '3000',
      SUBSCRIPTION_CALLBACK_URLS: new URL(receiver.url('x')).origin,
    });
    simulated(app).mobway.configure({ completionDelayMs: 500 });
    alice = await app.token({ sub: 'alice' });
    bob = await app.token({ sub: 'bob' });
    admin = await app.token({ sub: 'ops', roles: ['admin'] });
  });
  afterAll(async () => {
    await app?.dispose();
    await database?.drop();
  });

  const mobway = () => simulated(app).mobway;
  /** A Mobway vehicle of its own for one test, granted to alice and bob; its id and VIN. */
  async function vehicle(): Promise<{ id: string; vin: string }> {
    const vin = nextVin();
    const id = await (await appRegistry(app)).vehicle({ provider: 'MOBWAY', externalId: vin }, 'alice', 'bob');
    return { id, vin };
  }
  const lock = async (vehicleId: string, token = alice) =>
    (await data(app.url, LockVehicleDocument, { input: { vehicleId } }, token)).lockVehicle;
  const unlock = async (vehicleId: string, token = alice) =>
    (await data(app.url, UnlockVehicleDocument, { input: { vehicleId } }, token)).unlockVehicle;
  const cancel = (executionId: string, token = alice, reason?: string) =>
    run(app.url, CancelCommandExecutionDocument, { input: { executionId, reason } }, token);
  /** What the provider ran on `vin`, in the order it came in. */
  const ranOn = (vin: string) =>
    mobway()
      .commandsRun(vin)
      .map((ran) => ran.command);

  it('lock, unlock, lock in quick succession: the unlock is superseded, the locks are sent one after the other', async () => {
    const { id, vin } = await vehicle();
    const first = await lock(id);
    const unlocked = await unlock(id);
    const second = await lock(id);
    expect(first.status).toBe('PENDING');
    expect(unlocked).toMatchObject({ status: 'QUEUED', isFinal: false, cancelable: true });
    expect(second).toMatchObject({ status: 'QUEUED', cancelable: true });

    const superseded = await finalState(app, unlocked.id);
    expect(superseded.status).toBe('CANCELED');
    expect(superseded.error).toMatchObject({ code: 'SUPERSEDED', type: 'CANCELED', retryable: false });
    expect(superseded.error?.detail).toContain(second.id);
    expect((await finalState(app, first.id)).status).toBe('SUCCESS');
    expect((await finalState(app, second.id)).status).toBe('SUCCESS');
    expect(await statusesOf(app, unlocked.id)).toEqual(['QUEUED', 'CANCELED']);
    expect(await statusesOf(app, second.id)).toEqual(['QUEUED', 'PENDING', 'SUCCESS']);

    expect(ranOn(vin)).toEqual(['lock_door', 'lock_door']);
    expect(mobway().overlapping(vin)).toEqual([]);
  });

  it("answers a requester's identical queued command with that command", async () => {
    const { id, vin } = await vehicle();
    const first = await lock(id);
    const queued = await unlock(id);
    const again = await unlock(id);
    expect(again.id).toBe(queued.id);
    expect(again.status).toBe('QUEUED');
    expect((await finalState(app, queued.id)).status).toBe('SUCCESS');
    expect((await finalState(app, first.id)).status).toBe('SUCCESS');
    expect(ranOn(vin)).toEqual(['lock_door', 'unlock_door']);
  });

  it('supersedes START_CHARGE/STOP_CHARGE as a pair too', async () => {
    const externalId = `v_queue${String(++vinCount).padStart(5, '0')}`;
    const id = await (
      await appRegistry(app)
    ).vehicle({ provider: 'SMARTCAR', externalId, providerUserId: 'user_queue' }, 'alice');
    // Smartcar answers at once unless told to run the command in the background.
    simulated(app).smartcar.playNext(externalId, { mode: 'async', completionDelayMs: 1_000 });
    const first = await lock(id);
    const start = (await data(app.url, StartChargingDocument, { input: { vehicleId: id } }, alice)).startCharging;
    const stop = (await data(app.url, StopChargingDocument, { input: { vehicleId: id } }, alice)).stopCharging;
    expect([first.status, start.status, stop.status]).toEqual(['PENDING', 'QUEUED', 'QUEUED']);
    expect(await finalState(app, start.id)).toMatchObject({ status: 'CANCELED', error: { code: 'SUPERSEDED' } });
    expect((await finalState(app, stop.id)).status).toBe('SUCCESS');
  });

  it('two requesters: nothing superseded across them, every command sent in acceptance order', async () => {
    const { id, vin } = await vehicle();
    const first = await lock(id, alice);
    const byBob = await unlock(id, bob);
    const byAlice = await lock(id, alice);
    expect([first.status, byBob.status, byAlice.status]).toEqual(['PENDING', 'QUEUED', 'QUEUED']);
    for (const execution of [first, byBob, byAlice]) {
      expect((await finalState(app, execution.id)).status).toBe('SUCCESS');
    }
    expect(ranOn(vin)).toEqual(['lock_door', 'unlock_door', 'lock_door']);
    expect(mobway().overlapping(vin)).toEqual([]);
  });

  it('cancels what has not been sent (requester or admin), refuses what has with CANNOT_CANCEL', async () => {
    const { id, vin } = await vehicle();
    mobway().playNext(vin, { completionDelayMs: 1_500 });
    const sent = await lock(id);
    const queued = await unlock(id);

    const refused = await cancel(sent.id);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'CANNOT_CANCEL', status: 'PENDING' });
    // Someone else's command is not even there for bob.
    expect((await cancel(queued.id, bob)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await cancel('cex_not-an-id', alice)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const tooLong = await cancel(queued.id, alice, 'x'.repeat(501));
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });

    const canceled = (await cancel(queued.id, admin, 'the driver called')).data!.cancelCommandExecution;
    expect(canceled).toMatchObject({
      id: queued.id,
      status: 'CANCELED',
      isFinal: true,
      cancelable: false,
      error: { code: 'CANCELED_BY_USER', detail: 'canceled by an admin before it was sent: the driver called' },
    });
    // Canceling again answers the same ended execution.
    expect((await cancel(queued.id)).data!.cancelCommandExecution).toMatchObject({ status: 'CANCELED', version: 2 });

    expect((await finalState(app, sent.id)).status).toBe('SUCCESS');
    const ended = await cancel(sent.id);
    expect(ended.errors?.[0]?.extensions).toMatchObject({ code: 'CANNOT_CANCEL', status: 'SUCCESS' });
    expect(await statusesOf(app, sent.id)).toEqual(['PENDING', 'SUCCESS']);
    expect(ranOn(vin)).toEqual(['lock_door']);
  });

  it('cancels an ignition request awaiting its confirmation; the code is then refused', async () => {
    const { id, vin } = await vehicle();
    const requested = (await data(app.url, RequestIgnitionDocument, { input: { vehicleId: id, enable: false } }, alice))
      .requestIgnition;
    expect(requested).toMatchObject({ status: 'AWAITING_CONFIRMATION', cancelable: true });
    const canceled = (await cancel(requested.id, alice, 'wrong car')).data!.cancelCommandExecution;
    expect(canceled).toMatchObject({ status: 'CANCELED', error: { code: 'CANCELED_BY_USER' } });
    const confirm = await run(
      app.url,
      ConfirmIgnitionDocument,
      { input: { executionId: requested.id, code: requested.confirmation!.code! } },
      alice,
    );
    expect(confirm.errors?.[0]?.extensions?.code).toBe('CONFIRMATION_NOT_PENDING');
    expect(ranOn(vin)).toEqual([]);
  });

  it('an ignition confirmed while another command is in flight waits QUEUED, then is sent with its code', async () => {
    const { id, vin } = await vehicle();
    const requested = (await data(app.url, RequestIgnitionDocument, { input: { vehicleId: id, enable: true } }, alice))
      .requestIgnition;
    // Awaiting its confirmation, it holds no slot: the lock goes at once.
    const locked = await lock(id);
    expect(locked.status).toBe('PENDING');
    const confirmed = (
      await data(
        app.url,
        ConfirmIgnitionDocument,
        { input: { executionId: requested.id, code: requested.confirmation!.code! } },
        alice,
      )
    ).confirmIgnition;
    expect(confirmed).toMatchObject({ status: 'QUEUED', cancelable: true });
    expect((await finalState(app, requested.id)).status).toBe('SUCCESS');
    expect(await statusesOf(app, requested.id)).toEqual(['AWAITING_CONFIRMATION', 'QUEUED', 'PENDING', 'SUCCESS']);
    expect(ranOn(vin)).toEqual(['lock_door', 'enable_ignition']);
    expect(mobway().overlapping(vin)).toEqual([]);
  });

  it('a queued command whose requester lost access ends CANCELED/ACCESS_ENDED at its turn, unsent', async () => {
    const { id, vin } = await vehicle();
    mobway().playNext(vin, { completionDelayMs: 1_000 });
    const sent = await lock(id, bob);
    const queued = await unlock(id, alice);
    expect(queued.status).toBe('QUEUED');
    await (await appRegistry(app)).revoke('alice', id);
    expect(await finalState(app, queued.id)).toMatchObject({ status: 'CANCELED', error: { code: 'ACCESS_ENDED' } });
    expect((await finalState(app, sent.id)).status).toBe('SUCCESS');
    expect(ranOn(vin)).toEqual(['lock_door']);
  });

  it('the deadline starts when a command is sent, not while it waits', async () => {
    const { id, vin } = await vehicle();
    // Each runs 2 s of the 3 s deadline; the second waited 2 s first.
    mobway().playNext(vin, { completionDelayMs: 2_000 }, 2);
    const first = await lock(id);
    const second = await unlock(id);
    expect(second.status).toBe('QUEUED');
    expect((await finalState(app, first.id)).status).toBe('SUCCESS');
    const done = await finalState(app, second.id);
    expect(done.status).toBe('SUCCESS');
    expect(done.completedAt!.getTime() - done.requestedAt.getTime()).toBeGreaterThan(3_000);
  });

  describe.each(subscriptionTransports(() => receiver!))('subscribers over $name', (transport) => {
    it('see every step: QUEUED → PENDING → SUCCESS, and QUEUED → CANCELED', async () => {
      const { id, vin } = await vehicle();
      mobway().playNext(vin, { completionDelayMs: 1_500 });
      const first = await lock(id);
      const sentLater = await unlock(id);
      const query = print(CommandExecutionUpdatedDocument);
      const steps = await resultsUntilComplete(await transport.open(app, alice, query, { id: sentLater.id }));
      expect(statusesIn(steps)).toEqual(['QUEUED', 'PENDING', 'SUCCESS']);
      expect((await finalState(app, first.id)).status).toBe('SUCCESS');

      mobway().playNext(vin, { completionDelayMs: 1_500 });
      const again = await lock(id);
      const canceledLater = await unlock(id);
      const watching = await transport.open(app, alice, query, { id: canceledLater.id });
      // Subscribed (its first result, the current state, is in) before the cancel.
      const queued = await watching.next(10_000);
      expect(queued).not.toBe('complete');
      expect((await cancel(canceledLater.id)).data?.cancelCommandExecution.status).toBe('CANCELED');
      const ended = await resultsUntilComplete(watching);
      expect(statusesIn([queued as FirstResult, ...ended])).toEqual(['QUEUED', 'CANCELED']);
      await finalState(app, again.id);
    });
  });
});

describeEachStore(STORES, 'the queue bound, QUEUE_MAX_WAIT_MS ($name)', ({ create }) => {
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    database = await create();
    app = await startTestApp(database.location, { ...FAST_ENGINE, QUEUE_MAX_WAIT_MS: '1000' });
  });
  afterAll(async () => {
    await app?.dispose();
    await database?.drop();
  });

  it('a command that waits longer ends CANCELED/QUEUE_TIMEOUT, never sent', async () => {
    const vin = nextVin();
    const id = await (await appRegistry(app)).vehicle({ provider: 'MOBWAY', externalId: vin }, 'alice');
    const alice = await app.token({ sub: 'alice' });
    simulated(app).mobway.playNext(vin, { completionDelayMs: 3_000 });
    const sent = (await data(app.url, LockVehicleDocument, { input: { vehicleId: id } }, alice)).lockVehicle;
    const waiting = (await data(app.url, UnlockVehicleDocument, { input: { vehicleId: id } }, alice)).unlockVehicle;
    expect(waiting.status).toBe('QUEUED');
    const timedOut = await finalState(app, waiting.id);
    expect(timedOut).toMatchObject({ status: 'CANCELED', error: { code: 'QUEUE_TIMEOUT', retryable: true } });
    expect((await finalState(app, sent.id)).status).toBe('SUCCESS');
    expect(
      simulated(app)
        .mobway.commandsRun(vin)
        .map((ran) => ran.command),
    ).toEqual(['lock_door']);
  });
});
