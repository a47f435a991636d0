import { simulated } from '../helpers/simulated-providers.js';
import { ApolloClient, gql as apolloGql, HttpLink, InMemoryCache, split } from '@apollo/client';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { Client as UrqlClient, CombinedError, cacheExchange, fetchExchange, subscriptionExchange } from '@urql/core';
import { Kind, OperationTypeNode } from 'graphql';
import type { Client as WsClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CommandExecutionUpdatedDocument,
  LockVehicleDocument,
  VehiclesDocument,
} from '../../generated/graphql/graphql.js';
import { possibleTypes } from '../../generated/possible-types.js';
import { appRegistry } from '../helpers/registry.js';
import { FAST_ENGINE, startTestApp, type TestApp } from '../helpers/test-app.js';
import { eventually, within, wsClient } from '../helpers/ws-client.js';
import { startHiveGateway, type RunningHiveGateway } from './support/hive-gateway.js';

/**
 * Third-party clients as apps build them, over the transports the subgraph
 * serves today: Apollo Client (HTTP for queries and mutations, graphql-ws for
 * subscriptions, split on the operation type) directly and through
 * `npm run gateway`; urql (its fetch exchange, queries as GET, and a
 * graphql-ws subscription exchange) directly.
 */

/**
 * A fragment on an implementation of the `CommandTarget` interface, and one on
 * the interface itself spread where the schema says `Vehicle`: the cache needs
 * `possibleTypes` to know both apply.
 */
const TARGET_FRAGMENTS = apolloGql`
  query ExecutionTarget($id: ID!, $vehicleId: ID!) {
    commandExecution(id: $id) {
      id
      status
      target {
        ...TargetFields
        ... on Vehicle {
          externalId
          vin
        }
      }
    }
    vehicle(id: $vehicleId) {
      ...TargetFields
      externalId
    }
  }
  fragment TargetFields on CommandTarget {
    id
    name
    provider
    supportedCommands
  }
`;

const EXTERNAL_ID = '6AHFT68CKAF501652';

/** Results of a subscription as they arrive, each waited for with a timeout. */
function stream<T>() {
  const values: T[] = [];
  const waiters: (() => void)[] = [];
  let ended: { error?: unknown } | undefined;
  const wake = () => {
    for (const waiter of waiters.splice(0)) waiter();
  };
  const until = (ready: () => boolean, what: string, timeoutMs: number) =>
    within(
      new Promise<void>((resolve) => {
        const check = () => (ready() ? resolve() : waiters.push(check));
        check();
      }),
      timeoutMs,
      what,
    );
  return {
    push(value: T) {
      values.push(value);
      wake();
    },
    end(error?: unknown) {
      ended = { error };
      wake();
    },
    async next(timeoutMs = 15_000): Promise<T> {
      await until(() => values.length > 0 || ended !== undefined, 'the next result', timeoutMs);
      if (values.length === 0) throw ended?.error ?? new Error('the subscription ended without another result');
      return values.shift()!;
    },
    async completed(timeoutMs = 15_000): Promise<void> {
      await until(() => ended !== undefined, 'the end of the subscription', timeoutMs);
      if (ended?.error) throw ended.error;
    },
  };
}

/** Apollo Client as an app builds it: HttpLink, and GraphQLWsLink for subscriptions. */
function apolloClient(url: string, wsUrl: string, token: string, sockets: WsClient[]) {
  const socket = wsClient(wsUrl, token);
  sockets.push(socket);
  const link = split(
    ({ query }) => {
      const definition = getMainDefinition(query);
      return definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.SUBSCRIPTION;
    },
    new GraphQLWsLink(socket),
    new HttpLink({ uri: url, headers: { authorization: `Bearer ${token}` } }),
  );
  return new ApolloClient({ link, cache: new InMemoryCache({ possibleTypes }) });
}

function watchWithApollo(client: ApolloClient, id: string) {
  const results = stream<{ data?: any; error?: unknown }>();
  const subscription = client
    .subscribe({ query: CommandExecutionUpdatedDocument, variables: { id } })
    .subscribe({
      next: (result) => results.push(result),
      error: (error) => results.end(error),
      complete: () => results.end(),
    });
  return { ...results, unsubscribe: () => subscription.unsubscribe() };
}

function codesOf(error: unknown): unknown[] {
  if (CombinedGraphQLErrors.is(error)) return error.errors.map((e) => e.extensions?.code);
  if (error instanceof CombinedError) return error.graphQLErrors.map((e) => e.extensions?.code);
  throw new Error(`not a GraphQL error: ${String(error)}`);
}

describe('real third-party clients', () => {
  let app: TestApp;
  let gateway: RunningHiveGateway;
  let alice: string;
  let bob: string;
  let vehicleId: string;
  const sockets: WsClient[] = [];
  const apollos: ApolloClient[] = [];
  /**
   * Until no command to the vehicle is in flight or waiting: commands to one vehicle are
   * sent one at a time, so a test that expects its command sent at once (PENDING) waits
   * for the earlier tests' commands (3 s each) to end.
   */
  const vehicleFree = () =>
    eventually(
      async () => {
        const [open] = await app.store.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM executions WHERE target_id = $1 AND status IN ('PENDING', 'QUEUED')",
          [vehicleId],
        );
        return open!.n === 0;
      },
      15_000,
      'the vehicle to be free',
    );

  beforeAll(async () => {
    app = await startTestApp({ kind: 'memory' }, FAST_ENGINE);
    // Long enough that a subscription opened right after the command sees it PENDING first.
    simulated(app).mobway.configure({ completionDelayMs: 3_000 });
    alice = await app.token({ sub: 'alice' });
    bob = await app.token({ sub: 'bob' });
    vehicleId = await (
      await appRegistry(app)
    ).vehicle({ provider: 'MOBWAY', externalId: EXTERNAL_ID, name: 'Pickup' }, 'alice');
    gateway = await startHiveGateway({ subgraphUrl: app.url, subscriptions: 'ws' });
  }, 90_000);
  afterAll(async () => {
    for (const apollo of apollos) apollo.stop();
    await Promise.all(sockets.map((socket) => socket.dispose()));
    await gateway?.stop();
    await app?.dispose();
  });

  describe.each([
    ['directly against the subgraph', () => ({ url: app.url, wsUrl: app.url.replace(/^http/, 'ws') })],
    [
      'through Hive Gateway (`npm run gateway`, subscriptions over ws)',
      () => ({ url: gateway.url, wsUrl: gateway.wsUrl }),
    ],
  ])('Apollo Client 4, %s', (_, endpoint) => {
    const apollo = (token: string) => {
      const { url, wsUrl } = endpoint();
      const client = apolloClient(url, wsUrl, token, sockets);
      apollos.push(client);
      return client;
    };

    it('locks a vehicle and follows commandExecutionUpdated PENDING → SUCCESS over GraphQLWsLink', async () => {
      const client = apollo(alice);
      await vehicleFree();
      const { data } = await client.mutate({ mutation: LockVehicleDocument, variables: { input: { vehicleId } } });
      expect(data!.lockVehicle).toMatchObject({ status: 'PENDING', target: { id: vehicleId } });
      const watch = watchWithApollo(client, data!.lockVehicle.id);
      try {
        const first = await watch.next();
        expect(first.error).toBeUndefined();
        expect(first.data!.commandExecutionUpdated).toMatchObject({
          id: data!.lockVehicle.id,
          status: 'PENDING',
          version: 1,
        });
        const second = await watch.next();
        expect(second.data!.commandExecutionUpdated).toMatchObject({
          id: data!.lockVehicle.id,
          status: 'SUCCESS',
          version: 2,
        });
        await watch.completed();
      } finally {
        watch.unsubscribe();
      }
    });

    it('gives a stranger’s subscription NOT_FOUND, not data', async () => {
      const { data } = await apollo(alice).mutate({
        mutation: LockVehicleDocument,
        variables: { input: { vehicleId } },
      });
      const watch = watchWithApollo(apollo(bob), data!.lockVehicle.id);
      try {
        const refused = await watch.next();
        expect(refused.data ?? null).toBeNull();
        expect(codesOf(refused.error)).toEqual(['NOT_FOUND']);
      } finally {
        watch.unsubscribe();
      }
    });

    it('keeps the fields of fragments on CommandTarget and its implementations (generated possibleTypes)', async () => {
      const client = apollo(alice);
      const { data: locked } = await client.mutate({
        mutation: LockVehicleDocument,
        variables: { input: { vehicleId } },
      });
      const { data, error } = await client.query({
        query: TARGET_FRAGMENTS,
        variables: { id: locked!.lockVehicle.id, vehicleId },
        fetchPolicy: 'network-only',
      });
      expect(error).toBeUndefined();
      const target = { __typename: 'Vehicle', id: vehicleId, name: 'Pickup', provider: 'MOBWAY' };
      expect(data).toMatchObject({
        commandExecution: { id: locked!.lockVehicle.id, target: { ...target, externalId: EXTERNAL_ID } },
        vehicle: { ...target, externalId: EXTERNAL_ID },
      });
      expect((data as any).commandExecution.target.supportedCommands).toContain('LOCK');
      expect((data as any).vehicle.supportedCommands).toContain('LOCK');
      // Read back from the cache alone: the fragments' fields were stored, not dropped.
      expect(
        client.readQuery({ query: TARGET_FRAGMENTS, variables: { id: locked!.lockVehicle.id, vehicleId } }),
      ).toEqual(data);
    });
  });

  describe('urql 6, directly against the subgraph', () => {
    const urql = (token: string) => {
      const socket = wsClient(app.url.replace(/^http/, 'ws'), token);
      sockets.push(socket);
      const sent: string[] = [];
      const client = new UrqlClient({
        url: app.url,
        exchanges: [
          cacheExchange,
          fetchExchange,
          subscriptionExchange({
            forwardSubscription: (request) => ({
              subscribe: (sink) => ({
                unsubscribe: socket.subscribe({ ...request, query: request.query ?? '' }, sink),
              }),
            }),
          }),
        ],
        fetchOptions: { headers: { authorization: `Bearer ${token}` } },
        fetch: (input, init) => {
          sent.push(init?.method ?? 'GET');
          return fetch(input, init);
        },
      });
      return { client, sent };
    };

    const watchWithUrql = (client: UrqlClient, id: string) => {
      const results = stream<{ data?: any; error?: CombinedError }>();
      const subscription = client
        .subscription(CommandExecutionUpdatedDocument, { id })
        .subscribe((result) => results.push({ data: result.data, error: result.error }));
      return { ...results, unsubscribe: () => subscription.unsubscribe() };
    };

    it('queries over GET, locks a vehicle and follows PENDING → SUCCESS over graphql-ws', async () => {
      const { client, sent } = urql(alice);
      const vehicles = await client.query(VehiclesDocument, {}).toPromise();
      expect(vehicles.error).toBeUndefined();
      expect(vehicles.data?.vehicles.edges.map((e) => e.node.id)).toEqual([vehicleId]);
      await vehicleFree();
      const locked = await client.mutation(LockVehicleDocument, { input: { vehicleId } }).toPromise();
      expect(sent).toEqual(['GET', 'POST']);
      expect(locked.error).toBeUndefined();
      const execution = locked.data!.lockVehicle;
      expect(execution.status).toBe('PENDING');
      const watch = watchWithUrql(client, execution.id);
      try {
        const first = await watch.next();
        expect(first.error).toBeUndefined();
        expect(first.data!.commandExecutionUpdated).toMatchObject({ id: execution.id, status: 'PENDING', version: 1 });
        const second = await watch.next();
        expect(second.data!.commandExecutionUpdated).toMatchObject({ id: execution.id, status: 'SUCCESS', version: 2 });
      } finally {
        watch.unsubscribe();
      }
    });

    it('gives a stranger’s subscription NOT_FOUND, not data', async () => {
      const locked = await urql(alice).client.mutation(LockVehicleDocument, { input: { vehicleId } }).toPromise();
      const watch = watchWithUrql(urql(bob).client, locked.data!.lockVehicle.id);
      try {
        const refused = await watch.next();
        expect(refused.data ?? null).toBeNull();
        expect(codesOf(refused.error)).toEqual(['NOT_FOUND']);
      } finally {
        watch.unsubscribe();
      }
    });
  });
});
