import { ExecutionWrites } from '../../src/store/execution-writes.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandStatus, CommandType, Provider } from '../../src/domain/enums.js';
import { newId } from '../../src/domain/ids.js';
import { providerEnv, simulated, startSimulators, type Simulators } from '../helpers/simulated-providers.js';
import {
  createPostgresDatabase,
  describeEachStore,
  describePostgres,
  DURABLE_STORES,
  STORES,
  type TestDatabase,
} from '../helpers/databases.js';
import {
  CommandExecutionUpdatedDocument,
  ConfirmIgnitionDocument,
  RequestIgnitionDocument,
  VehiclesDocument,
} from '../../generated/graphql/graphql.js';
import { lockVehicle } from '../helpers/commands.js';
import { errorCodes } from '../helpers/graphql-client.js';
import { appRegistry } from '../helpers/registry.js';
import { FAST_ENGINE, startTestApp, type TestApp } from '../helpers/test-app.js';
import { data, run, watch } from '../helpers/typed-client.js';
import { eventually, wsClient } from '../helpers/ws-client.js';

const VIN = '6AHFT68CKAF501652';
/** Valid VINs for suites that need several Mobway vehicles. */
const VINS = [
  '1HGCM82633A004352',
  '2HGCM82633A004353',
  '3HGCM82633A004354',
  '4HGCM82633A004355',
  '5HGCM82633A004356',
  '6HGCM82633A004357',
];

/** Registers the simulators' default Mobway vehicle and grants it to alice; answers its id. */
async function mobwayVehicleFor(app: TestApp, vin = VIN): Promise<string> {
  return (await appRegistry(app)).vehicle({ provider: 'MOBWAY', externalId: vin }, 'alice');
}

describeEachStore(STORES, 'deadlines on $name', ({ create }) => {
  let database: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    database = await create();
    app = await startTestApp(database.location, {
      ...FAST_ENGINE,
      CONFIRMATION_TTL_MS: '1000',
      COMMAND_TIMEOUT_MS: '1500',
    });
  });
  afterAll(async () => {
    await app?.dispose();
    await database?.drop();
  });

  it('ends an unconfirmed ignition CONFIRMATION_EXPIRED by itself, and refuses the late code', async () => {
    const vehicleId = await mobwayVehicleFor(app);
    const alice = await app.token({ sub: 'alice' });
    const requested = await data(app.url, RequestIgnitionDocument, { input: { vehicleId, enable: false } }, alice);
    const execution = requested.requestIgnition;
    expect(execution.status).toBe('AWAITING_CONFIRMATION');
    const ws = wsClient(app.wsUrl, alice);
    try {
      const probe = watch(ws, CommandExecutionUpdatedDocument, { id: execution.id });
      expect((await probe.next()).data!.commandExecutionUpdated.status).toBe('AWAITING_CONFIRMATION');
      expect((await probe.next(5_000)).data!.commandExecutionUpdated).toMatchObject({
        status: 'FAILURE',
        error: { code: 'CONFIRMATION_EXPIRED' },
      });
      await probe.completed();
    } finally {
      await ws.dispose();
    }
    const late = await run(
      app.url,
      ConfirmIgnitionDocument,
      { input: { executionId: execution.id, code: execution.confirmation!.code! } },
      alice,
    );
    expect(errorCodes(late)).toEqual(['CONFIRMATION_EXPIRED']);
  });

  it('lets a request still in flight finish past the deadline (a Smartcar 202 keep-alive)', async () => {
    const alice = await app.token({ sub: 'alice' });
    const vehicleId = await (
      await appRegistry(app)
    ).vehicle({ provider: 'SMARTCAR', externalId: 'v_123abc456def', providerUserId: 'user_789xyz' }, 'alice');
    // The body comes 3 s after the request, past the 1.5 s deadline: the answer still counts.
    simulated(app).smartcar.configure({ mode: 'keepalive', completionDelayMs: 3_000 });
    try {
      const sent = await lockVehicle(app.url, vehicleId, alice);
      expect(sent.status).toBe('PENDING');
      const ended = await eventually(
        async () => {
          const row = await app.store.executions.findForEngine(sent.id);
          return row && row.status !== 'PENDING' ? row : undefined;
        },
        10_000,
        'the keep-alive answer',
      );
      expect(ended).toMatchObject({ status: 'SUCCESS', providerStatus: 'SUCCESS' });
    } finally {
      simulated(app).smartcar.configure({ mode: 'sync' });
    }
  });

  it('ends a command the provider never completes FAILURE/TIMEOUT at its deadline', async () => {
    simulated(app).mobway.configure({ completionDelayMs: 60_000 });
    const alice = await app.token({ sub: 'alice' });
    const { vehicles } = await data(app.url, VehiclesDocument, {}, alice);
    const vehicleId = vehicles.edges.find((edge) => edge.node.provider === 'MOBWAY')!.node.id;
    const sent = await lockVehicle(app.url, vehicleId, alice);
    expect(sent.status).toBe('PENDING');
    const ended = await eventually(
      async () => {
        const row = await app.store.executions.findForEngine(sent.id);
        return row?.status === 'FAILURE' ? row : undefined;
      },
      8_000,
      'the deadline',
    );
    expect(ended.error).toMatchObject({ code: 'TIMEOUT', retryable: false });
  });
});

describe('polling more pending executions than poll slots', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ kind: 'memory' }, { ...FAST_ENGINE, ENGINE_MAX_CONCURRENT_POLLS: '2' });
  });
  afterAll(() => app?.dispose());

  it('drains the backlog: every execution is polled to its end', async () => {
    const vins = VINS.slice(0, 6);
    const alice = await app.token({ sub: 'alice' });
    // Slow polls keep both slots busy across engine ticks: a tick then finds no free slot.
    simulated(app).mobway.configure({ latencyMs: 150, completionDelayMs: 300 });
    const sent: string[] = [];
    for (const vin of vins) {
      const vehicleId = await mobwayVehicleFor(app, vin);
      sent.push((await lockVehicle(app.url, vehicleId, alice)).id);
    }
    await eventually(
      async () => {
        const rows = await app.store.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM executions WHERE status = 'SUCCESS'`,
        );
        return rows[0]!.n === vins.length;
      },
      15_000,
      'all executions to succeed',
    );
    expect(simulated(app).mobway.counts()['GET /vehicle-command/:id']).toBeGreaterThanOrEqual(vins.length);
  });
});

describeEachStore(DURABLE_STORES, 'restarts on $name', ({ create }) => {
  let database: TestDatabase;
  let simulators: Simulators;

  beforeAll(async () => {
    database = await create();
    simulators = await startSimulators({ mobway: { knobs: { completionDelayMs: 2_500 } } });
  });
  afterAll(async () => {
    await simulators?.close();
    await database?.drop();
  });

  it('picks up a PENDING command after a restart: the subscriber sees it end, nothing is sent twice', async () => {
    const env = { ...FAST_ENGINE, ...providerEnv(simulators), INSTANCE_STALE_MS: '1000' };
    const first = await startTestApp(database.location, env);
    const vehicleId = await mobwayVehicleFor(first);
    const alice = await first.token({ sub: 'alice' });
    const sent = await lockVehicle(first.url, vehicleId, alice);
    expect(sent.status).toBe('PENDING');
    await first.dispose();

    const second = await startTestApp(database.location, env);
    const ws = wsClient(second.wsUrl, alice);
    try {
      const probe = watch(ws, CommandExecutionUpdatedDocument, { id: sent.id });
      const seen = [(await probe.next()).data!.commandExecutionUpdated];
      if (seen[0]!.status === 'PENDING') seen.push((await probe.next(10_000)).data!.commandExecutionUpdated);
      expect(seen.at(-1)).toMatchObject({ id: sent.id, status: 'SUCCESS', version: 2 });
      await probe.completed();
    } finally {
      await ws.dispose();
      await second.dispose();
    }
    expect(simulators.mobway.counts()['POST /vehicle-command']).toBe(1);
  });

  it('takes over at once a poll lease held by a replica that is gone, instead of waiting for it to run out', async () => {
    const env = { ...FAST_ENGINE, ...providerEnv(simulators), INSTANCE_STALE_MS: '1000' };
    const app = await startTestApp(database.location, env);
    try {
      simulators.mobway.addVin(VINS[5]!);
      const vehicleId = await mobwayVehicleFor(app, VINS[5]);
      const sent = await lockVehicle(app.url, vehicleId, await app.token({ sub: 'alice' }));
      expect(sent.status).toBe('PENDING');
      // As a replica killed mid-poll leaves it: leased for the next 90 s by an instance with no heartbeat.
      await app.store.db.query(
        `UPDATE executions SET lease_owner = 'inst_gone', lease_until = now() + interval '90 seconds' WHERE id = $1`,
        [sent.id],
      );
      const ended = await eventually(
        async () => {
          const row = await app.store.executions.findForEngine(sent.id);
          return row?.status === 'SUCCESS' ? row : undefined;
        },
        10_000,
        'the execution to be polled to its end',
      );
      expect(ended.leaseOwner).toBeNull();
    } finally {
      await app.dispose();
    }
  });

  it('ends a request lost with its server OUTCOME_UNKNOWN and never sends it again', async () => {
    const env = { ...FAST_ENGINE, ...providerEnv(simulators), INSTANCE_STALE_MS: '1000' };
    const app = await startTestApp(database.location, env);
    try {
      const target = (await app.store.targets.all()).find((t) => t.provider === 'MOBWAY')!;
      simulators.mobway.resetCounts();
      // As a replica that died mid-request leaves it: SENDING, owned by an instance with no heartbeat.
      const orphan = await ExecutionWrites.for(app.store.db).insert(
        {
          id: newId('execution'),
          targetId: target.id,
          provider: 'MOBWAY',
          commandType: CommandType.UNLOCK,
          status: CommandStatus.PENDING,
          requestedBy: 'alice',
          requestedAt: new Date(),
          dispatchState: 'SENDING',
          leaseOwner: 'inst_gone',
          deadlineAt: new Date(Date.now() + 60_000),
        },
        { requireGrant: false },
      );
      const ended = await eventually(
        async () => {
          const row = await app.store.executions.findForEngine(orphan!.execution.id);
          return row?.status === 'FAILURE' ? row : undefined;
        },
        8_000,
        'the orphan to be ended',
      );
      expect(ended.error).toMatchObject({ code: 'OUTCOME_UNKNOWN', retryable: false });
      expect(simulators.mobway.counts()['POST /vehicle-command'] ?? 0).toBe(0);
    } finally {
      await app.dispose();
    }
  });
});

describePostgres('two replicas on one database', () => {
  let database: TestDatabase;
  let simulators: Simulators;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    simulators = await startSimulators({ mobway: { knobs: { completionDelayMs: 1_000 } } });
    const env = { ...FAST_ENGINE, ...providerEnv(simulators) };
    a = await startTestApp(database.location, env);
    b = await startTestApp(database.location, env);
  });
  afterAll(async () => {
    await a?.dispose();
    await b?.dispose();
    await simulators?.close();
    await database?.drop();
  });

  it(
    'pushes a command sent through one replica to a subscriber on the other, polling each execution once per ' +
      'interval',
    async () => {
      const vins = VINS.slice(0, 5);
      const vehicles: string[] = [];
      for (const vin of vins) {
        simulators.mobway.addVin(vin);
        vehicles.push(await mobwayVehicleFor(a, vin));
      }
      const alice = await a.token({ sub: 'alice' });
      simulators.mobway.resetCounts();
      const sent = await Promise.all(vehicles.map((id) => lockVehicle(a.url, id, alice)));

      const ws = wsClient(b.wsUrl, alice);
      try {
        const probes = sent.map((execution) => watch(ws, CommandExecutionUpdatedDocument, { id: execution.id }));
        for (const probe of probes) {
          const first = (await probe.next()).data!.commandExecutionUpdated;
          const last = first.status === 'SUCCESS' ? first : (await probe.next(10_000)).data!.commandExecutionUpdated;
          expect(last.status).toBe('SUCCESS');
        }
      } finally {
        await ws.dispose();
      }
      // One poller per execution: backoff 100, 150, 225, 337, 400 ms against a 1 s completion
      // is at most 5–6 GETs each; two replicas polling the same execution would double that.
      const gets = simulators.mobway.counts()['GET /vehicle-command/:id'] ?? 0;
      expect(gets).toBeGreaterThanOrEqual(vins.length * 3);
      expect(gets).toBeLessThanOrEqual(vins.length * 6);
      expect(simulators.mobway.counts()['POST /vehicle-command']).toBe(vins.length);
      const pollers = await a.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM engine_instances');
      expect(pollers[0]!.n).toBe(2);
    },
  );
});
