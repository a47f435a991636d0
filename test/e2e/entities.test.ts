import { afterAll, beforeAll, expect, it } from 'vitest';
import { LocksDocument, OpenLockDocument } from '../../generated/graphql/graphql.js';
import { queriesDuring } from '../helpers/count-queries.js';
import { describeEachStore, STORES, type TestDatabase } from '../helpers/databases.js';
import { errorCodes, gql, type GraphQLResponse } from '../helpers/graphql-client.js';
import { registry as fleetRegistry } from '../helpers/registry.js';
import { FAST_ENGINE, startTestApp, type TestApp } from '../helpers/test-app.js';
import { data } from '../helpers/typed-client.js';
import { subscribe, wsClient } from '../helpers/ws-client.js';

/**
 * `_entities` is the router's field, outside the client's operations: its documents are
 * written here, with the answer's type beside them.
 */
const entitiesWith = (selection: string) => `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Vehicle { id ${selection} } ... on Lock { id ${selection} } }
}`;
const EXECUTIONS = (first: number, after = '') =>
  entitiesWith(
    `executions(first: ${first}${after}) { edges { node { id requestedBy } } pageInfo { hasNextPage endCursor } }`,
  );
const MAX_REPRESENTATIONS = 60;

type Page = {
  edges: { node: { id: string; requestedBy: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};
/** What `EXECUTIONS` answers. */
type EntityPages = { _entities: { id: string; executions: Page }[] };

describeEachStore(STORES, '_entities at scale on $name', ({ create }) => {
  let database: TestDatabase;
  let app: TestApp;
  let admin: string;
  let alice: string;
  let bob: string;
  const locks: string[] = [];
  const opened = new Map<string, { alice: string[]; bob: string[] }>();
  const representations = (ids: string[]) => ids.map((id) => ({ __typename: 'Lock', id }));

  beforeAll(async () => {
    database = await create();
    app = await startTestApp(database.location, {
      ...FAST_ENGINE,
      GRAPHQL_MAX_ENTITY_REPRESENTATIONS: String(MAX_REPRESENTATIONS),
      GRAPHQL_MAX_COST: '20000',
    });
    admin = await app.token({ sub: 'ops', roles: ['admin'] });
    alice = await app.token({ sub: 'alice' });
    bob = await app.token({ sub: 'bob' });
    const registry = fleetRegistry(app.url, admin);
    for (const number of ['201', '202', '203']) {
      const id = await registry.lock({ provider: 'SPKEY', externalId: number });
      locks.push(id);
      opened.set(id, { alice: [], bob: [] });
      for (const user of ['alice', 'bob'] as const) {
        await registry.grant(user, id);
        // Three commands each, newest last.
        for (let i = 0; i < 3; i++) {
          const token = user === 'alice' ? alice : bob;
          opened
            .get(id)!
            [user].push((await data(app.url, OpenLockDocument, { input: { lockId: id } }, token)).openLock.id);
        }
      }
    }
  });
  afterAll(async () => {
    await app?.dispose();
    await database?.drop();
  });

  it("reads the executions of every represented target in one query, each its caller's own page", async () => {
    // 60 representations of three locks, repeated.
    const ids = Array.from({ length: MAX_REPRESENTATIONS }, (_, i) => locks[i % 3]!);
    let response: GraphQLResponse<EntityPages> | undefined;
    const reads = await queriesDuring(app.store.db, /ORDER BY e\.seq DESC/, async () => {
      response = await gql<EntityPages>(
        app.url,
        EXECUTIONS(2),
        { representations: representations(ids) },
        { token: alice },
      );
    });
    expect(response!.errors).toBeUndefined();
    expect(reads).toHaveLength(1);
    const entities = response!.data!._entities;
    expect(entities).toHaveLength(MAX_REPRESENTATIONS);
    for (const [i, entity] of entities.entries()) {
      const mine = opened.get(locks[i % 3]!)!.alice;
      expect(entity.executions.edges.map((e) => e.node.id)).toEqual([mine[2], mine[1]]);
      expect(entity.executions.pageInfo.hasNextPage).toBe(true);
    }
  });

  it('answers null for a representation whose id is not one of ours, and the others all the same', async () => {
    const good = { __typename: 'Lock', id: locks[0]! };
    const execution = { __typename: 'CommandExecution', id: opened.get(locks[0]!)!.alice[0]! };
    // Never sent to the database, where one of them would fail the whole batch.
    const malformed = [['x'], 'lck_\u0000', 42, null, undefined, 'lck_not-a-uuid', locks[0]!.replace('lck_', 'veh_')];
    const representations = [
      good,
      ...malformed.map((id) => ({ __typename: 'Lock', id })),
      execution,
      ...malformed.map((id) => ({ __typename: 'CommandExecution', id })),
    ];
    const response = await gql<{ _entities: ({ id: string } | null)[] }>(
      app.url,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Lock { id } ... on CommandExecution { id } } }',
      { r: representations },
      { token: alice },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!._entities).toEqual([
      { id: good.id },
      ...malformed.map(() => null),
      { id: execution.id },
      ...malformed.map(() => null),
    ]);
  });

  it('pages each target on its own, and shows an admin every execution', async () => {
    const first = await gql<EntityPages>(
      app.url,
      EXECUTIONS(2),
      { representations: representations(locks) },
      { token: alice },
    );
    const cursor = first.data!._entities[0]!.executions.pageInfo.endCursor!;
    const next = await gql<EntityPages>(
      app.url,
      EXECUTIONS(2, `, after: "${cursor}"`),
      { representations: representations([locks[0]!]) },
      { token: alice },
    );
    const page = next.data!._entities[0]!.executions;
    expect(page.edges.map((e) => e.node.id)).toEqual([opened.get(locks[0]!)!.alice[0]]);
    expect(page.pageInfo.hasNextPage).toBe(false);

    const all = await gql<EntityPages>(
      app.url,
      EXECUTIONS(10),
      { representations: representations(locks) },
      { token: admin },
    );
    for (const [i, entity] of all.data!._entities.entries()) {
      const { alice: a, bob: b } = opened.get(locks[i]!)!;
      expect(entity.executions.edges.map((e) => e.node.id).sort()).toEqual([...a, ...b].sort());
    }
  });

  it('refuses more representations than allowed, before resolving any, over HTTP and WebSocket', async () => {
    const ids = Array.from({ length: MAX_REPRESENTATIONS + 1 }, (_, i) => locks[i % 3]!);
    // What resolving would read: the represented targets, then their executions.
    const reads = await queriesDuring(app.store.db, /FROM targets t|ORDER BY e\.seq DESC/, async () => {
      const refused = await gql(app.url, entitiesWith(''), { representations: representations(ids) }, { token: alice });
      expect(refused.status).toBe(400);
      expect(errorCodes(refused)).toEqual(['TOO_MANY_REPRESENTATIONS']);
      expect(refused.errors![0]!.message).toBe(
        `at most ${MAX_REPRESENTATIONS} entity representations per request, got ${MAX_REPRESENTATIONS + 1}`,
      );
      expect(refused.data ?? null).toBeNull();
    });
    expect(reads).toEqual([]);

    // Written inside an inline fragment or a fragment spread, it is counted all the same.
    for (const query of [
      'query($representations: [_Any!]!) { ... on Query { _entities(representations: $representations) { ' +
        '__typename } } }',
      'query($representations: [_Any!]!) { ...Entities } fragment Entities on Query { ' +
        '_entities(representations: $representations) { __typename } }',
    ]) {
      const hidden = await gql(app.url, query, { representations: representations(ids) }, { token: alice });
      expect(errorCodes(hidden)).toEqual(['TOO_MANY_REPRESENTATIONS']);
    }

    const client = wsClient(app.wsUrl, alice);
    try {
      const failure = (await subscribe(client, entitiesWith(''), {
        representations: representations(ids),
      }).error()) as {
        extensions?: { code?: string };
      }[];
      expect(failure.map((e) => e.extensions?.code)).toEqual(['TOO_MANY_REPRESENTATIONS']);
    } finally {
      await client.dispose();
    }
  });

  it('counts the cost of the selection once per representation', async () => {
    // This selection with executions(first: 100) costs about 10,700 per representation: one passes 20,000, five do not.
    const one = await gql(
      app.url,
      EXECUTIONS(100),
      { representations: representations([locks[0]!]) },
      { token: alice },
    );
    expect(one.errors).toBeUndefined();
    const five = await gql(
      app.url,
      EXECUTIONS(100),
      { representations: representations(locks.concat(locks).slice(0, 5)) },
      { token: alice },
    );
    expect(five.status).toBe(400);
    expect(errorCodes(five)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(five.errors![0]!.message).toMatch(
      /^Query Cost limit of 20000 exceeded, found \d+ \(counting each entity representation\)\.$/,
    );
    // The same with the representations written into the document (about 2,900 each: eight do not pass).
    const literal = `{ _entities(representations: [${Array.from({ length: 8 }, (_, i) => locks[i % 3]!)
      .map((id) => `{ __typename: "Lock", id: "${id}" }`)
      .join(', ')}]) {
      ... on Lock { executions(first: 100) { edges { node { id } } } } } }`;
    expect(errorCodes(await gql(app.url, literal, {}, { token: alice }))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    // A page size in a variable counts as much as a literal one.
    const variableFirst = `query($r: [_Any!]!, $n: Int) { _entities(representations: $r) {
      ... on Lock { executions(first: $n) { edges { node { id } } } } } }`;
    const eight = representations(Array.from({ length: 8 }, (_, i) => locks[i % 3]!));
    expect(errorCodes(await gql(app.url, variableFirst, { r: eight, n: 100 }, { token: alice }))).toEqual([
      'GRAPHQL_VALIDATION_FAILED',
    ]);
    expect((await gql(app.url, variableFirst, { r: eight, n: 2 }, { token: alice })).errors).toBeUndefined();
  });

  it('keeps answering others while a request at the limits runs', async () => {
    const ids = Array.from({ length: MAX_REPRESENTATIONS }, (_, i) => locks[i % 3]!);
    const heavy = Promise.all(
      Array.from({ length: 4 }, () =>
        gql(app.url, EXECUTIONS(3), { representations: representations(ids) }, { token: alice }),
      ),
    );
    const trivial = await data(app.url, LocksDocument, {}, bob);
    expect(trivial.locks.edges).toHaveLength(3);
    for (const response of await heavy) expect(response.errors).toBeUndefined();
  });
});
