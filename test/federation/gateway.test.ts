import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LockVehicleDocument,
  RegisterVehicleDocument,
  VehiclesDocument,
  type RegisterVehicleInput,
} from '../../generated/graphql/graphql.js';
import { errorCodes, gql } from '../helpers/graphql-client.js';
import { FAST_ENGINE, startTestApp, type TestApp } from '../helpers/test-app.js';
import { startGarage, type Garage } from './garage/server.js';
import { queriesDuring } from '../helpers/count-queries.js';
import { startGateway, type RunningGateway } from './support/gateway.js';
import { registry } from '../helpers/registry.js';
import { data, run } from '../helpers/typed-client.js';

// Fields of both subgraphs in one query: vehicles (ours) → nickname, pinnedExecution
// (garage, through _entities) → the execution's status (ours again, through _entities).
const JOINED = `{
  vehicles { edges { node { id name provider nickname pinnedExecution { id status commandType requestedBy } } } }
}`;
const PARKED = `{ parkedVehicles { id nickname name provider supportedCommands } }`;

const smartcar = (i: number): RegisterVehicleInput => ({
  provider: 'SMARTCAR',
  externalId: `v_gateway${String(i).padStart(4, '0')}`,
  providerUserId: 'user_gateway',
  name: `Fleet car ${i}`,
});

describe('@apollo/gateway in front of this subgraph and a second one, over real HTTP', () => {
  let app: TestApp;
  let garage: Garage;
  let gateway: RunningGateway;
  let admin: string;
  let alice: string;
  let aliceVehicle: string;
  let aliceExecution: string;

  beforeAll(async () => {
    app = await startTestApp({ kind: 'memory' }, FAST_ENGINE);
    garage = await startGarage();
    admin = await app.token({ sub: 'ops', roles: ['admin'] });
    alice = await app.token({ sub: 'alice' });

    const admins = registry(app.url, admin);
    aliceVehicle = await admins.vehicle(
      { provider: 'MOBWAY', externalId: '6AHFT68CKAF501652', name: 'Pickup' },
      'alice',
    );
    await admins.lock({ provider: 'SPKEY', externalId: '123', name: 'Front door' }, 'alice');
    const locked = await data(app.url, LockVehicleDocument, { input: { vehicleId: aliceVehicle } }, alice);
    aliceExecution = locked.lockVehicle.id;
    garage.park(aliceVehicle, { nickname: 'Old Blue', pinnedExecutionId: aliceExecution });

    gateway = await startGateway([
      { name: 'vehicle-access', url: app.url },
      { name: 'garage', url: garage.url },
    ]);
  });
  afterAll(async () => {
    await gateway?.stop();
    await garage?.stop();
    await app?.dispose();
  });

  it('runs a contract operation (generated document) through the gateway unchanged', async () => {
    const direct = await data(app.url, VehiclesDocument, {}, alice);
    const viaGateway = await data(gateway.url, VehiclesDocument, {}, alice);
    expect(viaGateway).toEqual(direct);
    expect(viaGateway.vehicles.edges.map((e) => e.node.id)).toEqual([aliceVehicle]);
  });

  it('joins fields of both subgraphs through _entities, both ways', async () => {
    const response = await gql(gateway.url, JOINED, {}, { token: alice });
    expect(response.errors).toBeUndefined();
    expect(response.data!.vehicles.edges).toEqual([
      {
        node: {
          id: aliceVehicle,
          name: 'Pickup',
          provider: 'MOBWAY',
          nickname: 'Old Blue',
          pinnedExecution: {
            id: aliceExecution,
            status: expect.stringMatching(/^(PENDING|SUCCESS)$/),
            commandType: 'LOCK',
            requestedBy: 'alice',
          },
        },
      },
    ]);
  });

  it('forwards the caller’s Authorization header to the subgraphs', async () => {
    const before = garage.authorizations.length;
    const response = await gql(gateway.url, PARKED, {}, { token: alice });
    expect(response.errors).toBeUndefined();
    expect(response.data!.parkedVehicles).toEqual([
      {
        id: aliceVehicle,
        nickname: 'Old Blue',
        name: 'Pickup',
        provider: 'MOBWAY',
        supportedCommands: expect.arrayContaining(['LOCK']),
      },
    ]);
    // Our subgraph answered the entity fields, which it does only for a verified user;
    // the garage saw the same header.
    expect(garage.authorizations.slice(before)).toEqual([`Bearer ${alice}`]);
  });

  it('refuses a call without a token with UNAUTHENTICATED, propagated by the gateway', async () => {
    const root = await run(gateway.url, VehiclesDocument, {});
    expect(root.data ?? null).toBeNull();
    expect(errorCodes(root)).toEqual(['UNAUTHENTICATED']);

    // Through _entities too: the garage answers, our subgraph refuses the references.
    const entities = await gql(gateway.url, PARKED, {});
    expect(errorCodes(entities)).toContain('UNAUTHENTICATED');
    expect(entities.data?.parkedVehicles ?? null).toBeNull();
  });

  it('resolves 100 vehicle references through the gateway with one store query on targets', async () => {
    for (let i = 0; i < 100; i += 10) {
      const batch = Array.from({ length: 10 }, (_, j) =>
        data(app.url, RegisterVehicleDocument, { input: smartcar(i + j) }, admin),
      );
      for (const { registerVehicle } of await Promise.all(batch))
        garage.park(registerVehicle.id, { nickname: registerVehicle.name! });
    }
    const targetQueries = await queriesDuring(app.store.db, /FROM targets/, async () => {
      const response = await gql(gateway.url, PARKED, {}, { token: admin });
      expect(response.errors).toBeUndefined();
      const parked = response.data!.parkedVehicles as { nickname: string; name: string }[];
      expect(parked).toHaveLength(101);
      expect(parked.slice(1).every((v) => v.name === v.nickname)).toBe(true);
    });
    expect(targetQueries).toHaveLength(1);
  });
});
