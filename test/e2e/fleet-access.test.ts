import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createPostgresDatabase,
  describeEachStore,
  describePostgres,
  STORES,
  type TestDatabase,
} from '../helpers/databases.js';
import { errorCodes, gql, type GraphQLResponse } from '../helpers/graphql-client.js';
import { appRegistry } from '../helpers/registry.js';
import { simulated } from '../helpers/simulated-providers.js';
import { FAST_ENGINE, startTestApp, type TestApp } from '../helpers/test-app.js';
import { eventually, subscribe, wsClient } from '../helpers/ws-client.js';

/** A fresh Mobway VIN per call: each test has targets of its own. */
let vinCount = 0;
const nextVin = () => `2FMDK3JC${String(++vinCount).padStart(9, '0')}`;

const FLEET = 'fragment F on Fleet { id name targets(first: 50) { edges { node { id } } } }';
const CREATE_FLEET = `mutation($name: String!) { createFleet(input: { name: $name }) { ...F } } ${FLEET}`;
const ADD = `mutation($fleetId: ID!, $targetIds: [ID!]!) { addToFleet(input: { fleetId: $fleetId, targetIds: $targetIds }) { ...F } } ${FLEET}`;
const REMOVE = `mutation($fleetId: ID!, $targetIds: [ID!]!) { removeFromFleet(input: { fleetId: $fleetId, targetIds: $targetIds }) { ...F } } ${FLEET}`;
const GRANT = 'mutation($input: GrantAccessInput!) { grantAccess(input: $input) }';
const REVOKE = 'mutation($input: GrantAccessInput!) { revokeAccess(input: $input) }';
const LOCK = 'mutation($id: ID!) { lockVehicle(input: { vehicleId: $id }) { id status requestedBy } }';
const VEHICLE = 'query($id: ID!) { vehicle(id: $id) { id } }';
const EXECUTIONS =
  'query($targetId: ID) { commandExecutions(first: 50, filter: { targetId: $targetId }) { edges { node { id requestedBy } } } }';

const idsOf = (fleet: { targets: { edges: { node: { id: string } }[] } }) =>
  fleet.targets.edges.map((edge) => edge.node.id).sort();

/** The data of a response that must have no error. */
function ok<T>(response: GraphQLResponse<T>): T {
  expect(response.errors).toBeUndefined();
  return response.data!;
}

/**
 * Fleets, roles and windows through the public API: the grant rule
 * (store/access.ts) decides every read, command and live stream alike.
 */
describeEachStore(STORES, 'fleet access ($name)', ({ create }) => {
  let database: TestDatabase;
  let app: TestApp;
  let admin: string;
  const as = (sub: string) => app.token({ sub });
  const call = async <T = Record<string, any>>(query: string, variables: Record<string, unknown>, token: string) =>
    gql<T>(app.url, query, variables, { token });

  beforeAll(async () => {
    database = await create();
    app = await startTestApp(database.location, FAST_ENGINE);
    simulated(app).mobway.configure({ completionDelayMs: 300 });
    admin = await app.token({ sub: 'ops', roles: ['admin'] });
  });
  afterAll(async () => {
    await app?.dispose();
    await database?.drop();
  });

  async function vehicles(count: number): Promise<string[]> {
    const registry = await appRegistry(app);
    const ids: string[] = [];
    for (let i = 0; i < count; i++) ids.push(await registry.vehicle({ provider: 'MOBWAY', externalId: nextVin() }));
    return ids;
  }

  async function fleetOf(name: string, targetIds: string[]): Promise<string> {
    const { createFleet } = ok(await call(CREATE_FLEET, { name }, admin));
    ok(await call(ADD, { fleetId: createFleet.id, targetIds }, admin));
    return createFleet.id as string;
  }

  it('creates, fills, renames and lists fleets; adding twice is harmless; an unknown id adds nothing and is not named', async () => {
    const [a, b, c] = await vehicles(3);
    const { createFleet } = ok(await call(CREATE_FLEET, { name: 'Depot North' }, admin));
    expect(createFleet).toMatchObject({ id: expect.stringMatching(/^flt_/), name: 'Depot North' });
    const fleetId = createFleet.id;
    expect(idsOf(ok(await call(ADD, { fleetId, targetIds: [a, b] }, admin)).addToFleet)).toEqual([a, b].sort());
    expect(idsOf(ok(await call(ADD, { fleetId, targetIds: [a, b, a] }, admin)).addToFleet)).toEqual([a, b].sort());

    const unknown = 'veh_00000000-0000-4000-8000-000000000000';
    const refused = await call(ADD, { fleetId, targetIds: [c, unknown] }, admin);
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(JSON.stringify(refused.errors)).not.toContain(unknown);
    expect(errorCodes(await call(ADD, { fleetId, targetIds: ['not-an-id'] }, admin))).toEqual(['BAD_USER_INPUT']);
    const tooMany = Array.from(
      { length: 1_001 },
      (_, i) => `veh_00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    expect(errorCodes(await call(ADD, { fleetId, targetIds: tooMany }, admin))).toEqual(['BAD_USER_INPUT']);

    const renamed = ok(
      await call(
        'mutation($id: ID!) { renameFleet(input: { fleetId: $id, name: "Depot South" }) { name } }',
        { id: fleetId },
        admin,
      ),
    );
    expect(renamed.renameFleet.name).toBe('Depot South');
    const fleet = ok(await call(`query($id: ID!) { fleet(id: $id) { ...F } } ${FLEET}`, { id: fleetId }, admin)).fleet;
    expect(idsOf(fleet)).toEqual([a, b].sort());
    expect(idsOf(ok(await call(REMOVE, { fleetId, targetIds: [a] }, admin)).removeFromFleet)).toEqual([b]);

    // A user: no fleet changes, and no fleet they hold no grant on.
    const user = await as('fleet-nobody');
    expect(errorCodes(await call(CREATE_FLEET, { name: 'Mine' }, user))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await call(ADD, { fleetId, targetIds: [c] }, user))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await call('query($id: ID!) { fleet(id: $id) { id } }', { id: fleetId }, user))).toEqual([
      'NOT_FOUND',
    ]);
    expect(ok(await call('{ fleets(first: 100) { edges { node { id } } } }', {}, user)).fleets.edges).toEqual([]);
    const all = ok(await call('{ fleets(first: 100) { edges { node { id } } } }', {}, admin)).fleets.edges;
    expect(all.map((edge: { node: { id: string } }) => edge.node.id)).toContain(fleetId);
  });

  it('gives access through a fleet, and takes it away, live streams included, when the target leaves the fleet', async () => {
    const [inFleet, outside] = await vehicles(2);
    const fleetId = await fleetOf('Vans', [inFleet!]);
    ok(await call(GRANT, { input: { userId: 'dora', fleetId } }, admin));
    const dora = await as('dora');
    expect(ok(await call(VEHICLE, { id: inFleet }, dora)).vehicle).toEqual({ id: inFleet });
    expect(errorCodes(await call(VEHICLE, { id: outside }, dora))).toEqual(['NOT_FOUND']);
    const fleets = ok(await call('{ fleets { edges { node { id name } } } }', {}, dora)).fleets.edges;
    expect(fleets).toEqual([{ node: { id: fleetId, name: 'Vans' } }]);
    expect(ok(await call(LOCK, { id: inFleet }, dora)).lockVehicle.status).toMatch(/PENDING|QUEUED/);

    const ws = wsClient(app.wsUrl, dora);
    try {
      const feed = subscribe(ws, 'subscription($t: ID) { commandExecutionsUpdated(targetId: $t) { id } }', {
        t: inFleet,
      });
      await eventually(() => app.hub.subscriberCount > 0, 5_000, 'the feed to open');
      ok(await call(REMOVE, { fleetId, targetIds: [inFleet] }, admin));
      const ended = (await feed.error(5_000)) as { extensions?: { code?: string } }[];
      expect(ended.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    } finally {
      await ws.dispose();
    }
    expect(errorCodes(await call(VEHICLE, { id: inFleet }, dora))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await call(LOCK, { id: inFleet }, dora))).toEqual(['NOT_FOUND']);
  });

  it('VIEWER sees every execution and commands nothing, OPERATOR sees their own, SUPERVISOR both; rights add up', async () => {
    const [car] = await vehicles(1);
    const fleetId = await fleetOf('Wall screen', [car!]);
    ok(await call(GRANT, { input: { userId: 'vic', fleetId, role: 'VIEWER' } }, admin));
    for (const userId of ['olga', 'otto']) ok(await call(GRANT, { input: { userId, targetId: car } }, admin));
    ok(await call(GRANT, { input: { userId: 'sam', targetId: car, role: 'SUPERVISOR' } }, admin));
    const [vic, olga, otto, sam] = await Promise.all(['vic', 'olga', 'otto', 'sam'].map(as));

    const byOlga = ok(await call(LOCK, { id: car }, olga!)).lockVehicle;
    const byOtto = ok(await call(LOCK, { id: car }, otto!)).lockVehicle;
    const seenBy = async (token: string) =>
      ok(await call(EXECUTIONS, { targetId: car }, token))
        .commandExecutions.edges.map((edge: { node: { id: string } }) => edge.node.id)
        .sort();
    expect(await seenBy(vic!)).toEqual([byOlga.id, byOtto.id].sort());
    expect(await seenBy(sam!)).toEqual([byOlga.id, byOtto.id].sort());
    expect(await seenBy(otto!)).toEqual([byOtto.id]);
    expect(errorCodes(await call(LOCK, { id: car }, vic!))).toEqual(['FORBIDDEN']);
    // Seeing is not owning: a VIEWER cannot cancel another user's command.
    const cancel = 'mutation($id: ID!) { cancelCommandExecution(input: { executionId: $id }) { id } }';
    expect(errorCodes(await call(cancel, { id: byOtto.id }, vic!))).toEqual(['FORBIDDEN']);

    // A VIEWER's stream of another user's execution: its current state.
    const ws = wsClient(app.wsUrl, vic!);
    try {
      const watch = subscribe(ws, 'subscription($id: ID!) { commandExecutionUpdated(id: $id) { id requestedBy } }', {
        id: byOlga.id,
      });
      expect((await watch.next()).data.commandExecutionUpdated).toEqual({ id: byOlga.id, requestedBy: 'olga' });
      await watch.dispose();
    } finally {
      await ws.dispose();
    }

    // VIEWER on the fleet plus OPERATOR on the car: commands it and still sees all of it.
    ok(await call(GRANT, { input: { userId: 'vic', targetId: car } }, admin));
    const byVic = ok(await call(LOCK, { id: car }, vic!)).lockVehicle;
    expect(await seenBy(vic!)).toEqual([byOlga.id, byOtto.id, byVic.id].sort());
    // Taking the fleet grant away leaves the OPERATOR grant: their own executions only.
    expect(ok(await call(REVOKE, { input: { userId: 'vic', fleetId } }, admin)).revokeAccess).toBe(true);
    expect(await seenBy(vic!)).toEqual([byVic.id]);
  });

  it("streams every change on a target to a role that sees all of it, and follows the user's access as it changes", async () => {
    const [car, other] = await vehicles(2);
    const fleetId = await fleetOf('Dispatch', [car!]);
    for (const userId of ['pia', 'pete']) {
      for (const targetId of [car, other]) ok(await call(GRANT, { input: { userId, targetId } }, admin));
    }
    const [wally, pia, pete] = await Promise.all(['wally', 'pia', 'pete'].map(as));
    // Wally only runs the wall screen: he holds a grant on the other car (to open a feed at all), VIEWER comes later.
    ok(await call(GRANT, { input: { userId: 'wally', targetId: other, role: 'VIEWER' } }, admin));
    const ws = wsClient(app.wsUrl, wally);
    try {
      const feed = subscribe<{ commandExecutionsUpdated: { id: string; requestedBy: string; status: string } }>(
        ws,
        'subscription { commandExecutionsUpdated { id requestedBy status } }',
      );
      await eventually(() => app.hub.subscriberCount > 0, 5_000, 'the feed to open');
      /** The ids the feed hands on until `last` (which must come). */
      const until = async (last: string) => {
        const ids: string[] = [];
        for (;;) {
          const { id } = (await feed.next(5_000)).data!.commandExecutionsUpdated;
          ids.push(id);
          if (id === last) return ids;
        }
      };
      /** Pia commands the car, then the other car: whether the feed showed the first. */
      const showsCar = async () => {
        const onCar = ok(await call(LOCK, { id: car }, pia!)).lockVehicle.id;
        const marker = ok(await call(LOCK, { id: other }, pete!)).lockVehicle.id;
        return (await until(marker)).includes(onCar);
      };
      // VIEWER of the other car only: pete's commands there reach him, pia's on the car do not.
      expect(await showsCar()).toBe(false);
      // VIEWER of the fleet, given while the feed is open: pia's commands on the car reach him too
      // (once the notice of the grant has been heard and the feed's targets read again).
      ok(await call(GRANT, { input: { userId: 'wally', fleetId, role: 'VIEWER' } }, admin));
      await eventually(showsCar, 8_000, 'the feed to show the fleet car');
      // The fleet grant gone: the feed carries on, without the car's changes.
      ok(await call(REVOKE, { input: { userId: 'wally', fleetId } }, admin));
      await eventually(async () => !(await showsCar()), 8_000, 'the feed to stop showing the fleet car');
      expect(await showsCar()).toBe(false);
      await feed.dispose();
    } finally {
      await ws.dispose();
    }
  });

  it('keeps a grant to its window: nothing before validFrom, and at validUntil the access ends, live streams included', async () => {
    const [car] = await vehicles(1);
    const soon = new Date(Date.now() + 60_000).toISOString();
    ok(await call(GRANT, { input: { userId: 'rita', targetId: car, validFrom: soon } }, admin));
    const rita = await as('rita');
    expect(errorCodes(await call(VEHICLE, { id: car }, rita))).toEqual(['NOT_FOUND']);

    const until = new Date(Date.now() + 2_000);
    ok(await call(GRANT, { input: { userId: 'rita', targetId: car, validUntil: until.toISOString() } }, admin));
    expect(ok(await call(VEHICLE, { id: car }, rita)).vehicle).toEqual({ id: car });
    const ws = wsClient(app.wsUrl, rita);
    try {
      const feed = subscribe(ws, 'subscription($t: ID) { commandExecutionsUpdated(targetId: $t) { id } }', { t: car });
      const ended = (await feed.error(8_000)) as { extensions?: { code?: string } }[];
      expect(ended.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      expect(Date.now()).toBeGreaterThanOrEqual(until.getTime());
    } finally {
      await ws.dispose();
    }
    expect(errorCodes(await call(VEHICLE, { id: car }, rita))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await call(LOCK, { id: car }, rita))).toEqual(['NOT_FOUND']);
    const trail = ok(await call('{ auditEvents(userId: "rita") { edges { node { action actor } } } }', {}, admin));
    expect(trail.auditEvents.edges.map((edge: { node: unknown }) => edge.node)).toContainEqual({
      action: 'ACCESS_EXPIRED',
      actor: 'system',
    });
  });

  it('lists grants with their identity: the same grant twice is one, another window is another; revokes one', async () => {
    const [car] = await vehicles(1);
    const until = (ms: number) => new Date(Date.now() + ms).toISOString();
    const first = { userId: 'gus', targetId: car, role: 'SUPERVISOR', validUntil: until(3_600_000), reason: 'shift A' };
    ok(await call(GRANT, { input: first }, admin));
    ok(await call(GRANT, { input: first }, admin));
    ok(await call(GRANT, { input: { ...first, validUntil: until(7_200_000), reason: 'shift B' } }, admin));
    const list = async () =>
      ok(
        await call(
          `query($t: ID) { grants(targetId: $t, userId: "gus") { edges { node {
             id userId role validFrom validUntil reason createdBy fleet { id } target { id } } } } }`,
          { t: car },
          admin,
        ),
      ).grants.edges.map((edge: { node: Record<string, unknown> }) => edge.node);
    const grants = await list();
    expect(grants).toHaveLength(2);
    expect(grants.map((g: { reason: string }) => g.reason)).toEqual(['shift B', 'shift A']);
    expect(grants[0]).toMatchObject({
      userId: 'gus',
      role: 'SUPERVISOR',
      validFrom: null,
      createdBy: 'ops',
      fleet: null,
      target: { id: car },
    });

    const revokeGrant = 'mutation($id: ID!) { revokeGrant(input: { grantId: $id }) }';
    expect(ok(await call(revokeGrant, { id: grants[0].id }, admin)).revokeGrant).toBe(true);
    expect(ok(await call(revokeGrant, { id: grants[0].id }, admin)).revokeGrant).toBe(false);
    expect(await list()).toHaveLength(1);

    // revokeAccess keeps its meaning, so a role or a window is refused; a user may not list grants.
    expect(errorCodes(await call(REVOKE, { input: { userId: 'gus', targetId: car, role: 'VIEWER' } }, admin))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(errorCodes(await call('{ grants { edges { node { id } } } }', {}, await as('gus')))).toEqual(['FORBIDDEN']);
    // Bad grants change nothing.
    for (const input of [
      { userId: 'gus' },
      { userId: 'gus', targetId: car, fleetId: 'flt_00000000-0000-4000-8000-000000000000' },
      { userId: 'gus', targetId: car, validUntil: until(-1_000) },
      { userId: 'gus', targetId: car, validFrom: until(5_000), validUntil: until(4_000) },
      { userId: 'gus', targetId: car, reason: 'x'.repeat(501) },
    ]) {
      expect(errorCodes(await call(GRANT, { input }, admin))).toEqual(['BAD_USER_INPUT']);
    }
    expect(await list()).toHaveLength(1);
  });

  it('records every access change and command step in the audit trail, with actors, a page at a time', async () => {
    const [car] = await vehicles(1);
    const fleetId = await fleetOf('Audited', [car!]);
    ok(await call(GRANT, { input: { userId: 'abe', fleetId, role: 'SUPERVISOR', reason: 'night shift' } }, admin));
    const abe = await as('abe');
    const sent = ok(await call(LOCK, { id: car }, abe)).lockVehicle;
    await eventually(
      async () => (await app.store.executions.findForEngine(sent.id))?.status === 'SUCCESS',
      10_000,
      'the lock to succeed',
    );
    ok(await call(REVOKE, { input: { userId: 'abe', fleetId } }, admin));

    const AUDIT = `query($t: ID, $f: ID, $u: String, $first: Int, $after: String) {
      auditEvents(targetId: $t, fleetId: $f, userId: $u, first: $first, after: $after) {
        edges { cursor node { id at actor action targetId fleetId subjectUserId executionId role validUntil reason } }
        pageInfo { hasNextPage endCursor } } }`;
    type Event = { action: string; actor: string; [field: string]: unknown };
    const events = async (variables: Record<string, unknown>): Promise<Event[]> =>
      ok(await call(AUDIT, { first: 100, ...variables }, admin)).auditEvents.edges.map((e: { node: Event }) => e.node);
    const onFleet = (await events({ f: fleetId })).reverse();
    expect(onFleet.map((e) => [e.action, e.actor])).toEqual([
      ['FLEET_CREATED', 'ops'],
      ['FLEET_CHANGED', 'ops'],
      ['ACCESS_GRANTED', 'ops'],
      ['ACCESS_REVOKED', 'ops'],
    ]);
    expect(onFleet[2]).toMatchObject({ subjectUserId: 'abe', role: 'SUPERVISOR', reason: 'night shift' });
    const byAbe = (await events({ u: 'abe' })).reverse();
    expect(byAbe.map((e) => e.action)).toEqual([
      'ACCESS_GRANTED',
      'COMMAND_REQUESTED',
      'COMMAND_SENT',
      'COMMAND_SUCCEEDED',
      'ACCESS_REVOKED',
    ]);
    expect(byAbe.filter((e) => e.executionId === sent.id).map((e) => e.actor)).toEqual(['abe', 'system', 'system']);
    const onCar = (await events({ t: car })).reverse();
    expect(onCar.map((e) => e.action)).toEqual([
      'TARGET_REGISTERED',
      'FLEET_CHANGED',
      'COMMAND_REQUESTED',
      'COMMAND_SENT',
      'COMMAND_SUCCEEDED',
    ]);

    // A page at a time: the pages join without a gap or an overlap.
    const all = await events({ t: car });
    const pages: Event[] = [];
    let after: string | null = null;
    do {
      const page: { edges: { node: Event }[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } = ok(
        await call(AUDIT, { t: car, first: 2, after }, admin),
      ).auditEvents;
      pages.push(...page.edges.map((edge) => edge.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after !== null);
    expect(pages).toEqual(all);
    expect(errorCodes(await call(AUDIT, { after: 'bm90LWEtY3Vyc29y' }, admin))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await call(AUDIT, {}, abe))).toEqual(['FORBIDDEN']);

    // A change that rolls back leaves nothing in the trail.
    const before = (await events({ f: fleetId })).length;
    const [other] = await vehicles(1);
    await expect(
      app.store.db.transaction(async (tx) => {
        await app.store.fleets.in(tx).addTargets(fleetId, [other!], 'ops');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await events({ f: fleetId })).toHaveLength(before);
  });

  it('deleting a fleet ends the access it gave', async () => {
    const [car] = await vehicles(1);
    const fleetId = await fleetOf('Temporary', [car!]);
    ok(await call(GRANT, { input: { userId: 'fay', fleetId, role: 'OPERATOR' } }, admin));
    const fay = await as('fay');
    expect(ok(await call(VEHICLE, { id: car }, fay)).vehicle).toEqual({ id: car });
    const remove = 'mutation($id: ID!) { deleteFleet(input: { fleetId: $id }) }';
    expect(ok(await call(remove, { id: fleetId }, admin)).deleteFleet).toBe(true);
    expect(errorCodes(await call(remove, { id: fleetId }, admin))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await call(VEHICLE, { id: car }, fay))).toEqual(['NOT_FOUND']);
    expect(ok(await call('{ grants(userId: "fay") { edges { node { id } } } }', {}, admin)).grants.edges).toEqual([]);
  });
});

/**
 * Access that ends on one replica ends the streams held on the other: a
 * target leaving a fleet (through replica a), and a grant's window passing
 * (swept by whichever replica's tick comes first).
 */
describePostgres('fleet access across two replicas', () => {
  let database: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  let admin: string;

  beforeAll(async () => {
    database = await createPostgresDatabase();
    a = await startTestApp(database.location, FAST_ENGINE);
    b = await startTestApp(database.location, FAST_ENGINE);
    admin = await a.token({ sub: 'ops', roles: ['admin'] });
  });
  afterAll(async () => {
    for (const app of [a, b]) await app?.dispose();
    await database?.drop();
  });

  /** A feed on `targetId` opened through replica b by `userId`; answers its ending error codes. */
  async function feedOnB(userId: string, targetId: string) {
    const ws = wsClient(b.wsUrl, await b.token({ sub: userId }));
    const feed = subscribe(ws, 'subscription($t: ID) { commandExecutionsUpdated(targetId: $t) { id } }', {
      t: targetId,
    });
    await eventually(() => b.hub.subscriberCount > 0, 5_000, 'the feed to open on b');
    return {
      ended: async () =>
        ((await feed.error(8_000)) as { extensions?: { code?: string } }[]).map((e) => e.extensions?.code),
      close: () => ws.dispose(),
    };
  }

  it('ends a stream on b when the target leaves the fleet through a', async () => {
    const registry = await appRegistry(a);
    const car = await registry.vehicle({ provider: 'MOBWAY', externalId: '5FNRL5H60BB000001' });
    const fleetId = (
      await gql(a.url, 'mutation { createFleet(input: { name: "two replicas" }) { id } }', {}, { token: admin })
    ).data!.createFleet.id as string;
    const change = (mutation: string) =>
      gql(
        a.url,
        `mutation($f: ID!, $t: [ID!]!) { ${mutation}(input: { fleetId: $f, targetIds: $t }) { id } }`,
        { f: fleetId, t: [car] },
        { token: admin },
      );
    expect((await change('addToFleet')).errors).toBeUndefined();
    const grant = await gql(
      a.url,
      'mutation($input: GrantAccessInput!) { grantAccess(input: $input) }',
      {
        input: { userId: 'remy', fleetId },
      },
      { token: admin },
    );
    expect(grant.errors).toBeUndefined();
    const feed = await feedOnB('remy', car);
    try {
      expect((await change('removeFromFleet')).errors).toBeUndefined();
      expect(await feed.ended()).toEqual(['FORBIDDEN']);
    } finally {
      await feed.close();
    }
  });

  it("ends a stream on b when the grant's window passes", async () => {
    const registry = await appRegistry(a);
    const car = await registry.vehicle({ provider: 'MOBWAY', externalId: '5FNRL5H60BB000002' });
    const validUntil = new Date(Date.now() + 2_000);
    const grant = await gql(
      a.url,
      'mutation($input: GrantAccessInput!) { grantAccess(input: $input) }',
      {
        input: { userId: 'tess', targetId: car, validUntil: validUntil.toISOString() },
      },
      { token: admin },
    );
    expect(grant.errors).toBeUndefined();
    const feed = await feedOnB('tess', car);
    try {
      expect(await feed.ended()).toEqual(['FORBIDDEN']);
      expect(Date.now()).toBeGreaterThanOrEqual(validUntil.getTime());
    } finally {
      await feed.close();
    }
  });
});
