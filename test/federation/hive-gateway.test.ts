import { simulated } from '../helpers/simulated-providers.js';
import { createHash } from 'node:crypto';
import { ApolloClient, ApolloLink, gql as apolloGql, HttpLink, InMemoryCache } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { print } from 'graphql';
import { createClient as createSseClient } from 'graphql-sse';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CommandExecutionUpdatedDocument,
  LockVehicleDocument,
  VehiclesDocument,
} from '../../generated/graphql/graphql.js';
import { gql } from '../helpers/graphql-client.js';
import { FAST_ENGINE, startTestApp, type TestApp } from '../helpers/test-app.js';
import { subscribe, within, wsClient } from '../helpers/ws-client.js';
import { startGarage, type Garage } from './garage/server.js';
import { startHiveGateway, type RunningHiveGateway, type SubscriptionTransport } from './support/hive-gateway.js';
import { appRegistry } from '../helpers/registry.js';
import { data } from '../helpers/typed-client.js';

const JOINED = `{ vehicles { edges { node { id name nickname pinnedExecution { id status } } } } }`;
const WATCH = print(CommandExecutionUpdatedDocument);

/** When a JWT expires, in epoch ms (its `exp` claim). */
function expiryOf(token: string): number {
  return (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { exp: number }).exp * 1000;
}

/**
 * Apollo Client as an app builds it with automatic persisted queries: the
 * hash first, the full query if the server says it does not support them.
 * Records every request body it sends.
 */
function apqClient(url: string, token: string) {
  const sent: Record<string, unknown>[] = [];
  const http = new HttpLink({
    uri: url,
    headers: { authorization: `Bearer ${token}` },
    fetch: async (input, init) => {
      sent.push(JSON.parse(String(init?.body)) as Record<string, unknown>);
      return fetch(input, init);
    },
  });
  const persisted = createPersistedQueryLink({ sha256: (query) => createHash('sha256').update(query).digest('hex') });
  const client = new ApolloClient({ link: ApolloLink.from([persisted, http]), cache: new InMemoryCache() });
  return { client, sent };
}

describe.each<SubscriptionTransport>(['sse', 'ws', 'http-callback'])(
  'through Hive Gateway (`npm run gateway`), subscriptions over %s',
  (transport) => {
    let app: TestApp;
    let garage: Garage;
    let gateway: RunningHiveGateway;
    let alice: string;
    let bob: string;
    let vehicleId: string;
    const clients: Client[] = [];
    const client = (token: string | undefined) => {
      // A mobile client of the router: graphql-ws, the token in `connection_init`.
      const created = wsClient(gateway.wsUrl, token);
      clients.push(created);
      return created;
    };

    /**
     * A vehicle of alice's own for one command: commands to one vehicle are sent one at a
     * time, and each test's command must not wait behind the previous test's (3 s each).
     */
    let vins = 0;
    const ownVehicle = async () =>
      (await appRegistry(app)).vehicle({ provider: 'MOBWAY', externalId: `8HGCM8263${String(++vins).padStart(8, '0')}` }, 'alice');

    beforeAll(async () => {
      app = await startTestApp({ kind: 'memory' }, FAST_ENGINE);
      // Long enough that a subscription opened right after the command sees it PENDING first.
      simulated(app).mobway.configure({ completionDelayMs: 3_000 });
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
      const { lockVehicle } = await data(gateway.url, LockVehicleDocument, { input: { vehicleId: await ownVehicle() } }, alice);
      expect(lockVehicle.status).toBe('PENDING');
      const probe = subscribe(client(alice), WATCH, { id: lockVehicle.id });
      const first = await probe.next(15_000);
      expect(first.errors).toBeUndefined();
      expect(first.data!.commandExecutionUpdated).toMatchObject({ id: lockVehicle.id, status: 'PENDING', version: 1 });
      const second = await probe.next(15_000);
      expect(second.data!.commandExecutionUpdated).toMatchObject({ id: lockVehicle.id, status: 'SUCCESS', version: 2 });
      await probe.completed(15_000);
    });

    it("streams to graphql-sse's client (the gateway serves SSE to its clients): PENDING → SUCCESS", async () => {
      const { lockVehicle } = await data(gateway.url, LockVehicleDocument, { input: { vehicleId: await ownVehicle() } }, alice);
      const sse = createSseClient({
        url: gateway.url,
        headers: { authorization: `Bearer ${alice}` },
        retryAttempts: 0,
      });
      try {
        const statuses: string[] = [];
        for await (const result of sse.iterate<{ commandExecutionUpdated: { status: string } }>({
          query: WATCH,
          variables: { id: lockVehicle.id },
        })) {
          statuses.push(result.data!.commandExecutionUpdated.status);
        }
        expect(statuses).toEqual(['PENDING', 'SUCCESS']);
      } finally {
        sse.dispose();
      }
    });

    it('gives a stranger’s subscription an error, not data', async () => {
      const { lockVehicle } = await data(gateway.url, LockVehicleDocument, { input: { vehicleId: await ownVehicle() } }, alice);
      const probe = subscribe(client(bob), WATCH, { id: lockVehicle.id });
      const refused = await probe.next(15_000);
      expect(refused.data ?? null).toBeNull();
      expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    });

    // The subgraph refuses these at connection_init (4403) or in the
    // subscription request; the gateway must pass the refusal on, at once,
    // instead of acknowledging its client and then saying nothing.
    it.each([
      ['no token', async () => undefined],
      ['a malformed token', async () => 'not.a.jwt'],
      ['an expired token', async () => app.token({ sub: 'alice', expiresIn: '1h ago' })],
    ])('ends a subscription with %s with UNAUTHENTICATED within 2 s', async (_, credential) => {
      const { lockVehicle } = await data(gateway.url, LockVehicleDocument, { input: { vehicleId: await ownVehicle() } }, alice);
      const probe = subscribe(client(await credential()), WATCH, { id: lockVehicle.id });
      const refused = await probe.next(2_000);
      expect(refused.data ?? null).toBeNull();
      expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      await probe.completed(2_000);
    });

    it('ends a subscription over server-sent events with an expired token with UNAUTHENTICATED within 2 s', async () => {
      const { lockVehicle } = await data(gateway.url, LockVehicleDocument, { input: { vehicleId: await ownVehicle() } }, alice);
      const expired = await app.token({ sub: 'alice', expiresIn: '1h ago' });
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'text/event-stream',
          authorization: `Bearer ${expired}`,
        },
        body: JSON.stringify({ query: WATCH, variables: { id: lockVehicle.id } }),
        signal: AbortSignal.timeout(2_000),
      });
      // The whole stream, read to its end within the 2 s: the error, then `complete`.
      const events = (await response.text())
        .split('\n\n')
        .filter((event) => event.trim() && !event.startsWith(':'))
        .map((event) => ({
          event: /^event: (.*)$/m.exec(event)?.[1],
          data: /^data: ?(.*)$/m.exec(event)?.[1],
        }));
      expect(events.map(({ event }) => event)).toEqual(['next', 'complete']);
      const refused = JSON.parse(events[0]!.data!) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
      expect(refused.data ?? null).toBeNull();
      expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    });

    it('gives Apollo Client’s GraphQLWsLink UNAUTHENTICATED for an expired token within 2 s', async () => {
      const { lockVehicle } = await data(gateway.url, LockVehicleDocument, { input: { vehicleId: await ownVehicle() } }, alice);
      const expired = await app.token({ sub: 'alice', expiresIn: '1h ago' });
      const apollo = new ApolloClient({
        link: new GraphQLWsLink(client(expired)),
        cache: new InMemoryCache(),
      });
      const first = new Promise<unknown>((resolve) => {
        const subscription = apollo
          .subscribe({ query: apolloGql(WATCH), variables: { id: lockVehicle.id } })
          .subscribe({
            next: (result) => {
              subscription.unsubscribe();
              resolve(result.error);
            },
            error: resolve,
          });
      });
      const error = await within(first, 2_000, 'the subscription’s first result or error');
      expect(CombinedGraphQLErrors.is(error)).toBe(true);
      expect((error as CombinedGraphQLErrors).errors.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      apollo.stop();
    });

    it('ends a subscription with UNAUTHENTICATED when the caller’s token expires mid-stream', async () => {
      const simulator = simulated(app).mobway;
      simulator.configure({ completionDelayMs: 10 * 60_000 });
      try {
        const { lockVehicle } = await data(gateway.url, LockVehicleDocument, { input: { vehicleId: await ownVehicle() } }, alice);
        // Long enough to see PENDING first on a busy machine (`exp` has whole seconds).
        const shortLived = await app.token({ sub: 'alice', expiresIn: '4s' });
        const probe = subscribe(client(shortLived), WATCH, { id: lockVehicle.id });
        const first = await probe.next(5_000);
        expect(first.data!.commandExecutionUpdated).toMatchObject({ id: lockVehicle.id, status: 'PENDING' });
        // The subgraph ends it at expiry (a 4403 close, or `complete` with the error); within 2 s of that.
        const ended = await probe.next(Math.max(0, expiryOf(shortLived) - Date.now()) + 2_000);
        expect(ended.data ?? null).toBeNull();
        expect(ended.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
        await probe.completed(2_000);
      } finally {
        simulator.configure({ completionDelayMs: 3_000 });
      }
    });

    it('answers a hash-only (APQ) request as the subgraph does: PERSISTED_QUERY_NOT_SUPPORTED, HTTP 200', async () => {
      const hashOnly = async (url: string) => {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            // What Apollo Client's HttpLink accepts, under which Yoga answers its own refusals with 400.
            accept: 'application/graphql-response+json,application/json;q=0.9',
            authorization: `Bearer ${alice}`,
          },
          body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } }),
        });
        return {
          status: response.status,
          cacheControl: response.headers.get('cache-control'),
          body: await response.json(),
        };
      };
      const direct = await hashOnly(app.url);
      expect(direct).toMatchObject({
        status: 200,
        body: {
          errors: [{ message: 'PersistedQueryNotSupported', extensions: { code: 'PERSISTED_QUERY_NOT_SUPPORTED' } }],
        },
      });
      expect(await hashOnly(gateway.url)).toEqual(direct);
    });

    it('lets Apollo Client’s persisted-query link fall back to the full query, as the subgraph does', async () => {
      const query = apolloGql(print(VehiclesDocument));
      const direct = apqClient(app.url, alice);
      const viaGateway = apqClient(gateway.url, alice);
      const expected = await direct.client.query({ query });
      expect(expected.data).toMatchObject({
        vehicles: { edges: expect.arrayContaining([expect.objectContaining({ node: expect.objectContaining({ id: vehicleId }) })]) },
      });
      expect((await viaGateway.client.query({ query })).data).toEqual(expected.data);
      for (const { sent } of [direct, viaGateway]) {
        // The hash alone first; refused with PERSISTED_QUERY_NOT_SUPPORTED; then the query.
        expect(sent.map((body) => [typeof body.query, Boolean((body.extensions as any)?.persistedQuery)])).toEqual([
          ['undefined', true],
          ['string', false],
        ]);
      }
    });
  },
);
