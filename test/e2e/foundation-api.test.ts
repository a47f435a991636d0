import { ExecutionWrites } from '../../src/store/execution-writes.js';
import { request } from 'undici';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CommandStatus, CommandType, Provider } from '../../src/domain/enums.js';
import { newId } from '../../src/domain/ids.js';
import { queriesDuring } from '../helpers/count-queries.js';
import { describeEachStore, STORES, type TestDatabase } from '../helpers/databases.js';
import {
  CommandExecutionDocument,
  CommandExecutionsDocument,
  GrantAccessDocument,
  LocksDocument,
  RegisterLockDocument,
  RegisterVehicleDocument,
  VehicleDocument,
  VehiclesDocument,
} from '../../generated/graphql/graphql.js';
import { errorCodes, gql } from '../helpers/graphql-client.js';
import { registry } from '../helpers/registry.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { data, run } from '../helpers/typed-client.js';

/** What ENTITIES answers: each representation's entity, or null where it is not visible. */
type Entities = { _entities: (Record<string, unknown> | null)[] };
/** Federation's own query, outside the client's operations. */
const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Vehicle { id name provider supportedCommands }
    ... on Lock { id name }
    ... on CommandExecution { id status version commandType requestedBy target { id } history { version status } }
  }
}`;

describeEachStore(STORES, 'foundation API on $name', ({ create }) => {
  let database: TestDatabase;
  let app: TestApp;
  let admin: string;
  let admins: ReturnType<typeof registry>;
  let alice: string;
  let bob: string;
  let smartcarId: string;
  let mobwayId: string;
  let lockId: string;

  beforeAll(async () => {
    database = await create();
    app = await startTestApp(database.location);
    admin = await app.token({ sub: 'admin-1', roles: ['admin'] });
    admins = registry(app.url, admin);
    alice = await app.token({ sub: 'alice' });
    bob = await app.token({ sub: 'bob' });
  });
  afterAll(async () => {
    await app?.dispose();
    await database?.drop();
  });

  it('lets an admin register vehicles and locks', async () => {
    const smartcar = await run(
      app.url,
      RegisterVehicleDocument,
      { input: { provider: 'SMARTCAR', externalId: 'v_abc123', providerUserId: 'user_1', name: 'Model 3' } },
      admin,
    );
    expect(smartcar.errors).toBeUndefined();
    expect(smartcar.data!.registerVehicle).toMatchObject({
      provider: 'SMARTCAR',
      externalId: 'v_abc123',
      supportedCommands: expect.arrayContaining(['LOCK', 'SET_CHARGE_LIMIT']),
    });
    smartcarId = smartcar.data!.registerVehicle.id;

    const mobway = await run(
      app.url,
      RegisterVehicleDocument,
      { input: { provider: 'MOBWAY', externalId: '6AHFT68CKAF501652' } },
      admin,
    );
    expect(mobway.data!.registerVehicle).toMatchObject({ vin: '6AHFT68CKAF501652' });
    mobwayId = mobway.data!.registerVehicle.id;

    const lock = await run(app.url, RegisterLockDocument, { input: { provider: 'SPKEY', externalId: '123' } }, admin);
    expect(lock.errors).toBeUndefined();
    lockId = lock.data!.registerLock.id;
  });

  it('refuses a duplicate provider reference and bad input, writing nothing', async () => {
    const before = await app.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM targets');
    const duplicate = await run(
      app.url,
      RegisterVehicleDocument,
      { input: { provider: 'MOBWAY', externalId: '6AHFT68CKAF501652' } },
      admin,
    );
    expect(errorCodes(duplicate)).toEqual(['TARGET_ALREADY_REGISTERED']);
    const bad = await run(
      app.url,
      RegisterVehicleDocument,
      { input: { provider: 'SMARTCAR', externalId: 'v_x' } },
      admin,
    );
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0]!.message).toMatch(/providerUserId/);
    const wrongKind = await run(
      app.url,
      RegisterLockDocument,
      { input: { provider: 'MOBWAY', externalId: '1' } },
      admin,
    );
    expect(errorCodes(wrongKind)).toEqual(['BAD_USER_INPUT']);
    const after = await app.store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM targets');
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('forbids admin mutations to non-admins', async () => {
    const response = await run(
      app.url,
      RegisterLockDocument,
      { input: { provider: 'SPKEY', externalId: '999' } },
      alice,
    );
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    const grant = await run(app.url, GrantAccessDocument, { input: { userId: 'alice', targetId: smartcarId } }, alice);
    expect(errorCodes(grant)).toEqual(['FORBIDDEN']);
  });

  it('hides targets without a grant, as if they did not exist', async () => {
    const one = await run(app.url, VehicleDocument, { id: smartcarId }, alice);
    expect(one.data!.vehicle).toBeNull();
    expect(errorCodes(one)).toEqual(['NOT_FOUND']);
    const unknown = await run(app.url, VehicleDocument, { id: 'veh_00000000-0000-4000-8000-000000000000' }, alice);
    expect(unknown.errors![0]!.message).toBe(one.errors![0]!.message);
    expect((await data(app.url, VehiclesDocument, {}, alice)).vehicles.edges).toEqual([]);
    expect((await data(app.url, LocksDocument, {}, alice)).locks.edges).toEqual([]);
  });

  it('shows granted targets, newest first, paginated; revoking hides them again', async () => {
    for (const targetId of [smartcarId, mobwayId, lockId]) expect(await admins.grant('alice', targetId)).toBe(true);
    // Granting twice is harmless.
    expect(await admins.grant('alice', lockId)).toBe(true);

    const first = await run(app.url, VehiclesDocument, { first: 1 }, alice);
    expect(first.data!.vehicles.edges.map((e) => e.node.id)).toEqual([mobwayId]);
    expect(first.data!.vehicles.pageInfo.hasNextPage).toBe(true);
    const second = await run(
      app.url,
      VehiclesDocument,
      { first: 1, after: first.data!.vehicles.pageInfo.endCursor },
      alice,
    );
    expect(second.data!.vehicles.edges.map((e) => e.node.id)).toEqual([smartcarId]);
    expect(second.data!.vehicles.pageInfo.hasNextPage).toBe(false);

    const badCursor = await run(app.url, VehiclesDocument, { first: 1, after: 'not-a-cursor' }, alice);
    expect(errorCodes(badCursor)).toEqual(['BAD_USER_INPUT']);

    // Bob has no grants; Alice's grants are hers alone.
    const bobs = await run(app.url, VehiclesDocument, {}, bob);
    expect(bobs.data!.vehicles.edges).toEqual([]);

    expect(await admins.revoke('alice', mobwayId)).toBe(true);
    expect(await admins.revoke('alice', mobwayId)).toBe(false);
    const after = await run(app.url, VehiclesDocument, {}, alice);
    expect(after.data!.vehicles.edges.map((e) => e.node.id)).toEqual([smartcarId]);
  });

  it('shows an admin every target and execution', async () => {
    expect((await data(app.url, VehiclesDocument, {}, admin)).vehicles.edges).toHaveLength(2);
    expect((await data(app.url, LocksDocument, {}, admin)).locks.edges).toHaveLength(1);
    await data(app.url, CommandExecutionsDocument, {}, admin);
  });

  it('grants on an unknown target are NOT_FOUND', async () => {
    const response = await run(
      app.url,
      GrantAccessDocument,
      { input: { userId: 'alice', targetId: 'veh_00000000-0000-4000-8000-000000000000' } },
      admin,
    );
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
  });

  it('resolves _entities for Vehicle, Lock and CommandExecution, null when not visible', async () => {
    const executionId = newId('execution');
    await ExecutionWrites.for(app.store.db).insert(
      {
        id: executionId,
        targetId: smartcarId,
        provider: 'SMARTCAR',
        commandType: CommandType.LOCK,
        status: CommandStatus.PENDING,
        requestedBy: 'alice',
        requestedAt: new Date(),
      },
      { requireGrant: false },
    );
    const representations = [
      { __typename: 'Vehicle', id: smartcarId },
      { __typename: 'Lock', id: lockId },
      { __typename: 'CommandExecution', id: executionId },
      { __typename: 'Vehicle', id: mobwayId }, // revoked above
      { __typename: 'Vehicle', id: lockId }, // a lock asked for as a vehicle
    ];
    const response = await gql<Entities>(app.url, ENTITIES, { representations }, { token: alice });
    expect(response.errors).toBeUndefined();
    expect(response.data!._entities).toEqual([
      {
        __typename: 'Vehicle',
        id: smartcarId,
        name: 'Model 3',
        provider: 'SMARTCAR',
        supportedCommands: expect.any(Array),
      },
      { __typename: 'Lock', id: lockId, name: null },
      {
        __typename: 'CommandExecution',
        id: executionId,
        status: 'PENDING',
        version: 1,
        commandType: 'LOCK',
        requestedBy: 'alice',
        target: { id: smartcarId },
        history: [{ version: 1, status: 'PENDING' }],
      },
      null,
      null,
    ]);

    // Bob sees none of it; without a token, _entities is refused.
    const bobs = await gql<Entities>(app.url, ENTITIES, { representations }, { token: bob });
    expect(bobs.data!._entities).toEqual([null, null, null, null, null]);
    const anonymous = await gql(app.url, ENTITIES, { representations });
    expect(errorCodes(anonymous)).toContain('UNAUTHENTICATED');
  });

  it("lists the caller's executions, on the query and on the target", async () => {
    const pending = await data(app.url, CommandExecutionsDocument, { filter: { status: 'PENDING' } }, alice);
    expect(pending.commandExecutions.edges).toHaveLength(1);
    const { vehicle } = await data(app.url, VehicleDocument, { id: smartcarId }, alice);
    expect(vehicle!.executions.edges.map((e) => e.node.commandType)).toEqual(['LOCK']);
    const bobs = await data(app.url, CommandExecutionsDocument, {}, bob);
    expect(bobs.commandExecutions.edges).toEqual([]);
  });

  it("keeps one user's executions from another user granted the same target", async () => {
    await admins.grant('bob', smartcarId);
    const [aliceExecution] = (await data(app.url, CommandExecutionsDocument, {}, alice)).commandExecutions.edges.map(
      (e) => e.node.id,
    );
    expect(aliceExecution).toBeDefined();

    const list = await run(app.url, CommandExecutionsDocument, {}, bob);
    expect(list.data!.commandExecutions.edges).toEqual([]);
    const byId = await run(app.url, CommandExecutionDocument, { id: aliceExecution! }, bob);
    expect(errorCodes(byId)).toEqual(['NOT_FOUND']);
    const onTarget = await data(app.url, VehicleDocument, { id: smartcarId }, bob);
    expect(onTarget.vehicle!.executions.edges).toEqual([]);
    const entities = await gql<Entities>(
      app.url,
      ENTITIES,
      { representations: [{ __typename: 'CommandExecution', id: aliceExecution }] },
      { token: bob },
    );
    expect(entities.data!._entities).toEqual([null]);

    const adminView = await data(app.url, CommandExecutionsDocument, {}, admin);
    expect(adminView.commandExecutions.edges.map(({ node }) => [node.id, node.requestedBy])).toEqual([
      [aliceExecution, 'alice'],
    ]);
    await admins.revoke('bob', smartcarId);
  });

  it('batches _entities: many representations cost one query per entity type', async () => {
    const representations = Array.from({ length: 50 }, (_, i) => ({
      __typename: i % 2 ? 'Vehicle' : 'Lock',
      id: i % 2 ? smartcarId : lockId,
    }));
    const targetQueries = await queriesDuring(app.store.db, /FROM targets/, async () => {
      const response = await gql<Entities>(app.url, ENTITIES, { representations }, { token: alice });
      expect(response.errors).toBeUndefined();
      expect(response.data!._entities.filter((e) => e !== null)).toHaveLength(50);
    });
    expect(targetQueries).toHaveLength(1);
  });

  it('serves _service { sdl } without a user, for the gateway', async () => {
    const response = await gql<{ _service: { sdl: string } }>(app.url, '{ _service { sdl } }');
    expect(response.data!._service.sdl).toContain('type Vehicle implements CommandTarget');
  });

  it('reports health and readiness', async () => {
    const base = app.url.replace(/\/graphql$/, '');
    const health = await request(`${base}/healthz`);
    expect(health.statusCode).toBe(200);
    expect(await health.body.json()).toEqual({ status: 'ok' });
    const ready = await request(`${base}/readyz`);
    expect(ready.statusCode).toBe(200);
    expect(await ready.body.json()).toEqual({ status: 'ready' });
  });
});
