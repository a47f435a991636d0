import { afterAll, beforeAll, expect, it } from 'vitest';
import { signToken } from '../../src/auth/token-signer.js';
import { finalState, lockVehicle } from '../helpers/commands.js';
import {
  createPostgresDatabase,
  DURABLE_STORES,
  describeEachStore,
  describePostgres,
  type TestDatabase,
} from '../helpers/databases.js';
import { startAppProcess } from '../helpers/app-process.js';
import { processScope } from '../helpers/process-scope.js';
import { registry } from '../helpers/registry.js';
import { providerEnv, startSimulators, type Simulators } from '../helpers/simulated-providers.js';
import { FAST_ENGINE, SECRET_BYTES, startTestApp, type TestApp } from '../helpers/test-app.js';
import { data } from '../helpers/typed-client.js';
import { LockVehicleDocument, UnlockVehicleDocument } from '../../generated/graphql/graphql.js';
import { Store } from '../../src/store/store.js';

const token = (sub: string) => signToken(SECRET_BYTES, { sub });

/**
 * The queue lives in the database: a process killed (SIGKILL) with commands
 * waiting loses none and sends none twice, and any replica sends a target's
 * next command — one at a time, in acceptance order.
 */
describeEachStore(DURABLE_STORES, 'queued commands across a kill -9 and a restart, on $name', ({ create }) => {
  let database: TestDatabase;
  let simulators: Simulators;
  const scope = processScope();

  beforeAll(async () => {
    database = await create();
    simulators = await startSimulators({ mobway: { knobs: { completionDelayMs: 2_000 } } });
  });
  afterAll(async () => {
    await scope.dispose();
    await simulators?.close();
    await database?.drop();
  });

  const start = () => startAppProcess(scope, database.location, simulators);


  /** The stored executions, read once the app is gone (the embedded store is one process's at a time). */
  async function outcomes(ids: string[]) {
    const store = await Store.open(database.location);
    try {
      const ended = [];
      for (const id of ids) ended.push(await finalState({ store }, id, 1));
      return ended.map(({ status, error }) => ({ status, code: error?.code ?? null }));
    } finally {
      await store.close();
    }
  }

  it(
    'sends every waiting command after the restart, once each, in order; an in-flight one ends OUTCOME_UNKNOWN',
    { timeout: 120_000 },
    async () => {
      const admin = await signToken(SECRET_BYTES, { sub: 'ops', roles: ['admin'] });
      const [alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map(token));
      const first = await start();
      const fleet = registry(first.url, admin);
      const vin = '5YJSA1E26HF000001';
      const smartcarId = 'v_queuekill0001';
      // Standalone simulators know only the targets they are told of.
      simulators.mobway.addVin(vin);
      simulators.smartcar.addVehicle(smartcarId, 'user_789xyz');
      const mobway = await fleet.vehicle({ provider: 'MOBWAY', externalId: vin }, 'alice', 'bob', 'carol');
      const smartcar = await fleet.vehicle(
        { provider: 'SMARTCAR', externalId: smartcarId, providerUserId: 'user_789xyz' },
        'alice',
      );

      // Mobway: one sent (PENDING, polled), two waiting behind it.
      const sent = await lockVehicle(first.url, mobway, alice!);
      const waiting = [
        (await data(first.url, UnlockVehicleDocument, { input: { vehicleId: mobway } }, bob!)).unlockVehicle,
        (await data(first.url, LockVehicleDocument, { input: { vehicleId: mobway } }, carol!)).lockVehicle,
      ];
      // Smartcar: one request held open in flight (a 202 kept alive), one waiting behind it.
      simulators.smartcar.playNext(smartcarId, { mode: 'keepalive', completionDelayMs: 60_000 });
      const inFlight = data(first.url, LockVehicleDocument, { input: { vehicleId: smartcar } }, alice!).catch(
        () => undefined,
      );
      await expect.poll(() => simulators.smartcar.counts()['POST /vehicles/:vehicleId/commands/security/lock']).toBe(1);
      const behind = (await data(first.url, UnlockVehicleDocument, { input: { vehicleId: smartcar } }, alice!))
        .unlockVehicle;
      expect([sent.status, ...waiting.map((e) => e.status), behind.status]).toEqual([
        'PENDING',
        'QUEUED',
        'QUEUED',
        'QUEUED',
      ]);

      first.main.kill('SIGKILL');
      expect(await first.main.exited()).toBeNull();
      await inFlight;

      const second = await start();
      // The waiting commands go out once the restarted app sees the slots free.
      await expect
        .poll(() => simulators.mobway.commandsRun(vin).length, { timeout: 30_000, interval: 200 })
        .toBe(3);
      await expect
        .poll(() => simulators.smartcar.counts()['POST /vehicles/:vehicleId/commands/security/unlock'] ?? 0, {
          timeout: 30_000,
          interval: 200,
        })
        .toBe(1);
      // Let the last Mobway command finish and be polled, then stop cleanly.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      second.main.kill('SIGTERM');
      expect(await second.main.exited()).toBe(0);

      expect(await outcomes([sent.id, ...waiting.map((e) => e.id)])).toEqual([
        { status: 'SUCCESS', code: null },
        { status: 'SUCCESS', code: null },
        { status: 'SUCCESS', code: null },
      ]);
      expect(simulators.mobway.commandsRun(vin).map((ran) => ran.command)).toEqual([
        'lock_door',
        'unlock_door',
        'lock_door',
      ]);
      expect(simulators.mobway.overlapping(vin)).toEqual([]);
      expect(simulators.mobway.counts()['POST /vehicle-command']).toBe(3);
      const [lost] = await outcomes(
        (await findBy(database, smartcar, 'LOCK')).map((row) => row.id),
      );
      expect(lost).toEqual({ status: 'FAILURE', code: 'OUTCOME_UNKNOWN' });
      expect(await outcomes([behind.id])).toEqual([{ status: 'SUCCESS', code: null }]);
      expect(simulators.smartcar.counts()['POST /vehicles/:vehicleId/commands/security/lock']).toBe(1);
    },
  );
});

/** The executions of one command type on a target, read from the store. */
async function findBy(database: TestDatabase, targetId: string, commandType: string): Promise<{ id: string }[]> {
  const store = await Store.open(database.location);
  try {
    return await store.db.query<{ id: string }>(
      'SELECT id FROM executions WHERE target_id = $1 AND command_type = $2',
      [targetId, commandType],
    );
  } finally {
    await store.close();
  }
}

describePostgres('queued commands on two replicas of one database', () => {
  let database: TestDatabase;
  let simulators: Simulators;
  let replicas: TestApp[];

  beforeAll(async () => {
    database = await createPostgresDatabase();
    simulators = await startSimulators({ mobway: { knobs: { completionDelayMs: 300 } } });
    const env = { ...FAST_ENGINE, ...providerEnv(simulators) };
    replicas = [await startTestApp(database.location, env), await startTestApp(database.location, env)];
  });
  afterAll(async () => {
    for (const replica of replicas ?? []) await replica.dispose();
    await simulators?.close();
    await database?.drop();
  });

  it('sends one command at a time per target, in acceptance order, each exactly once, whichever replica took it', async () => {
    const vin = '5YJSA1E26HF000002';
    simulators.mobway.addVin(vin);
    const users = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'];
    const [a, b] = replicas as [TestApp, TestApp];
    const admin = await a.token({ sub: 'ops', roles: ['admin'] });
    const vehicleId = await registry(a.url, admin).vehicle({ provider: 'MOBWAY', externalId: vin }, ...users);
    // All at once, through both replicas, by six requesters (so nothing supersedes anything).
    const sent = await Promise.all(
      users.map(async (user, i) => {
        const input = { input: { vehicleId } };
        return i % 2 === 0
          ? (await data(a.url, LockVehicleDocument, input, await token(user))).lockVehicle
          : (await data(b.url, UnlockVehicleDocument, input, await token(user))).unlockVehicle;
      }),
    );
    expect(sent.filter((e) => e.status === 'PENDING').length).toBeLessThanOrEqual(1);
    for (const execution of sent) expect((await finalState(a, execution.id, 30_000)).status).toBe('SUCCESS');

    const inTurnOrder = await a.store.db.query<{ commandType: string }>(
      'SELECT command_type AS "commandType" FROM executions WHERE target_id = $1 ORDER BY turn',
      [vehicleId],
    );
    const words = { LOCK: 'lock_door', UNLOCK: 'unlock_door' } as Record<string, string>;
    expect(simulators.mobway.commandsRun(vin).map((ran) => ran.command)).toEqual(
      inTurnOrder.map((row) => words[row.commandType]),
    );
    expect(simulators.mobway.overlapping(vin)).toEqual([]);
    expect(simulators.mobway.counts()['POST /vehicle-command']).toBe(users.length);
  });
});
