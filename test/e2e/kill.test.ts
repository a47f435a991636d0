import { afterAll, beforeAll, expect, it } from 'vitest';
import { signToken } from '../../src/auth/token-signer.js';
import { startSimulators, type Simulators } from '../helpers/simulated-providers.js';
import { DURABLE_STORES, describeEachStore, type TestDatabase } from '../helpers/databases.js';
import {
  CommandExecutionUpdatedDocument,
  LockVehicleDocument,
  UnlockVehicleDocument,
} from '../../generated/graphql/graphql.js';
import { registry } from '../helpers/registry.js';
import { startAppProcess } from '../helpers/app-process.js';
import { processScope } from '../helpers/process-scope.js';
import { SECRET_BYTES } from '../helpers/test-app.js';
import { data, watch } from '../helpers/typed-client.js';
import { wsClient } from '../helpers/ws-client.js';

describeEachStore(DURABLE_STORES, 'the process killed (SIGKILL) during commands, on $name', ({ create }) => {
  let database: TestDatabase;
  let simulators: Simulators;
  const scope = processScope();

  beforeAll(async () => {
    database = await create();
    simulators = await startSimulators({
      mobway: { knobs: { completionDelayMs: 3_000 } },
      // A 202 keep-alive that holds the request open far longer than the test.
      smartcar: { knobs: { mode: 'keepalive', completionDelayMs: 60_000 } },
    });
  });
  afterAll(async () => {
    await scope.dispose();
    await simulators?.close();
    await database?.drop();
  });

  const start = () => startAppProcess(scope, database.location, simulators);


  it(
    'loses nothing and sends nothing twice: pending commands finish, the in-flight one ends OUTCOME_UNKNOWN',
    { timeout: 90_000 },
    async () => {
      const admin = await signToken(SECRET_BYTES, { sub: 'ops', roles: ['admin'] });
      const alice = await signToken(SECRET_BYTES, { sub: 'alice' });
      const first = await start();
      const fleet = registry(first.url, admin);
      const mobway = await fleet.vehicle({ provider: 'MOBWAY', externalId: '6AHFT68CKAF501652' }, 'alice');
      const smartcar = await fleet.vehicle(
        { provider: 'SMARTCAR', externalId: 'v_123abc456def', providerUserId: 'user_789xyz' },
        'alice',
      );

      const pending = (await data(first.url, LockVehicleDocument, { input: { vehicleId: mobway } }, alice)).lockVehicle;
      expect(pending.status).toBe('PENDING');
      const inFlight = (await data(first.url, UnlockVehicleDocument, { input: { vehicleId: smartcar } }, alice))
        .unlockVehicle;
      expect(inFlight.status).toBe('PENDING');

      first.main.kill('SIGKILL');
      expect(await first.main.exited()).toBeNull();

      const second = await start();
      const ws = wsClient(second.wsUrl, alice);
      try {
        const finalOf = async (id: string) => {
          const probe = watch(ws, CommandExecutionUpdatedDocument, { id });
          let last = (await probe.next()).data!.commandExecutionUpdated;
          while (last.status === 'PENDING') last = (await probe.next(15_000)).data!.commandExecutionUpdated;
          await probe.completed();
          return last;
        };
        expect(await finalOf(pending.id)).toMatchObject({ status: 'SUCCESS', version: 2 });
        expect(await finalOf(inFlight.id)).toMatchObject({
          status: 'FAILURE',
          version: 2,
          error: { code: 'OUTCOME_UNKNOWN' },
        });
      } finally {
        await ws.dispose();
      }
      expect(simulators.mobway.counts()['POST /vehicle-command']).toBe(1);
      expect(simulators.smartcar.counts()['POST /vehicles/:vehicleId/commands/security/unlock']).toBe(1);
      second.main.kill('SIGTERM');
      expect(await second.main.exited()).toBe(0);
    },
  );
});
