import { print } from 'graphql';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CommandExecutionUpdatedDocument,
  LockVehicleDocument,
  VehiclesDocument,
} from '../../generated/graphql/graphql.js';
import { gql } from '../helpers/graphql-client.js';
import { FAST_ENGINE, startTestApp, type TestApp } from '../helpers/test-app.js';
import { subscribe, wsClient } from '../helpers/ws-client.js';
import { startGarage, type Garage } from './garage/server.js';
import { startHiveGateway, type RunningHiveGateway, type SubscriptionTransport } from './support/hive-gateway.js';
import { appRegistry } from '../helpers/registry.js';
import { data } from '../helpers/typed-client.js';

const JOINED = `{ vehicles { edges { node { id name nickname pinnedExecution { id status } } } } }`;
const WATCH = print(CommandExecutionUpdatedDocument);

describe.each<SubscriptionTransport>(['ws', 'http-callback'])(
  'through Hive Gateway (`npm run gateway`), subscriptions over %s',
  (transport) => {
    let app: TestApp;
    let garage: Garage;
    let gateway: RunningHiveGateway;
    let alice: string;
    let bob: string;
    let vehicleId: string;
    const clients: Client[] = [];
    const client = (token: string) => {
      // A mobile client of the router: graphql-ws, the token in `connection_init`.
      const created = wsClient(gateway.wsUrl, token);
      clients.push(created);
      return created;
    };

    beforeAll(async () => {
      app = await startTestApp({ kind: 'memory' }, FAST_ENGINE);
      // Long enough that a subscription opened right after the command sees it PENDING first.
      app.providers.simulators.MOBWAY!.configure({ completionDelayMs: 3_000 });
      garage = await startGarage();
      alice = await app.token({ sub: 'alice' });
      bob = await app.token({ sub: 'bob' });
      const admins = await appRegistry(app);
      vehicleId = await admins.vehicle(
        { provider: 'MOBWAY', externalId: '6AHFT68CKAF501652', name: 'Pickup' },
        'alice',
      );
      gateway = await startHiveGateway({
        subgraphUrl: app.url,
        extraSubgraphs: `garage=${garage.url}=test/federation/garage/schema.graphql`,
        subscriptions: transport,
      });
    }, 90_000);
    afterAll(async () => {
      await Promise.all(clients.map((c) => c.dispose()));
      await gateway?.stop();
      await garage?.stop();
      await app?.dispose();
    });

    it('answers a query as the subgraph does, with the caller’s Authorization forwarded', async () => {
      expect(await data(gateway.url, VehiclesDocument, {}, alice)).toEqual(
        await data(app.url, VehiclesDocument, {}, alice),
      );
      const anonymous = await gql(gateway.url, print(VehiclesDocument));
      expect(anonymous.data).toBeNull();
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('joins the second subgraph through _entities, both ways', async () => {
      const { lockVehicle } = await data(gateway.url, LockVehicleDocument, { input: { vehicleId } }, alice);
      garage.park(vehicleId, { nickname: 'Old Blue', pinnedExecutionId: lockVehicle.id });
      const response = await gql(gateway.url, JOINED, {}, { token: alice });
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({
        vehicles: {
          edges: [
            {
              node: {
                id: vehicleId,
                name: 'Pickup',
                nickname: 'Old Blue',
                pinnedExecution: { id: lockVehicle.id, status: expect.stringMatching(/^(PENDING|SUCCESS)$/) },
              },
            },
          ],
        },
      });
    });

    it('runs a command and streams commandExecutionUpdated PENDING → SUCCESS, then completes', async () => {
      const { lockVehicle } = await data(gateway.url, LockVehicleDocument, { input: { vehicleId } }, alice);
      expect(lockVehicle.status).toBe('PENDING');
      const probe = subscribe(client(alice), WATCH, { id: lockVehicle.id });
      const first = await probe.next(15_000);
      expect(first.errors).toBeUndefined();
      expect(first.data!.commandExecutionUpdated).toMatchObject({ id: lockVehicle.id, status: 'PENDING', version: 1 });
      const second = await probe.next(15_000);
      expect(second.data!.commandExecutionUpdated).toMatchObject({ id: lockVehicle.id, status: 'SUCCESS', version: 2 });
      await probe.completed(15_000);
    });

    it('gives a stranger’s subscription an error, not data', async () => {
      const { lockVehicle } = await data(gateway.url, LockVehicleDocument, { input: { vehicleId } }, alice);
      const probe = subscribe(client(bob), WATCH, { id: lockVehicle.id });
      const refused = await probe.next(15_000);
      expect(refused.data ?? null).toBeNull();
      expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    });
  },
);
