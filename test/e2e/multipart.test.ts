import { ApolloClient, gql as apolloGql, HttpLink, InMemoryCache } from '@apollo/client';
import { print } from 'graphql';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { CommandExecutionUpdatedDocument } from '../../generated/graphql/graphql.js';
import { acceptsMultipartSubscription } from '../../src/server/multipart.js';
import { describeEachStore, STORES } from '../helpers/databases.js';
import { streamingFixture } from '../helpers/streaming-fixture.js';
import { appRegistry } from '../helpers/registry.js';
import { within } from '../helpers/ws-client.js';
import { APOLLO_ACCEPT, readMultipart, type MultipartPart as Part } from '../helpers/multipart-client.js';

const WATCH = print(CommandExecutionUpdatedDocument);
const codes = (part: Part | undefined) => (part?.payload?.errors ?? []).map((e) => e.extensions?.code);

describe('the Accept header that asks for multipart subscriptions', () => {
  it.each([
    ['multipart/mixed;boundary=graphql;subscriptionSpec=1.0,application/json', true],
    ['multipart/mixed;boundary="graphql";subscriptionSpec="1.0",application/json', true],
    ['application/json, multipart/mixed; subscriptionSpec=1.0', true],
    ['multipart/mixed;deferSpec=20220824,application/json', false],
    ['multipart/mixed;subscriptionSpec=2.0', false],
    ['application/json', false],
  ])('%s: %s', (accept, expected) => {
    expect(acceptsMultipartSubscription(accept)).toBe(expected);
  });
});

describeEachStore(STORES, "Apollo's multipart subscriptions on $name", ({ create }) => {
  const fixture = streamingFixture(create);
  const { command } = fixture;

  it('streams payload parts PENDING → SUCCESS after a heartbeat, then the closing boundary', async () => {
    const id = await command();
    const read = await readMultipart(fixture.app.url, { query: WATCH, variables: { id } }, fixture.alice);
    expect(read.status).toBe(200);
    expect(read.contentType).toBe('multipart/mixed; boundary="graphql"; subscriptionSpec="1.0"');
    const payloads = read.parts.filter((part) => part.payload !== undefined);
    expect(read.parts[0]).toEqual({});
    expect(
      payloads.map(
        (p) => (p.payload!.data as { commandExecutionUpdated: { status: string } }).commandExecutionUpdated.status,
      ),
    ).toEqual(['PENDING', 'SUCCESS']);
    expect(read.closed).toBe(true);
  });

  it("works with Apollo Client's HttpLink (its own multipart subscriptions)", async () => {
    const id = await command();
    const client = new ApolloClient({
      link: new HttpLink({ uri: fixture.app.url, headers: { authorization: `Bearer ${fixture.alice}` } }),
      cache: new InMemoryCache(),
    });
    try {
      const statuses = await within(
        new Promise<string[]>((resolve, reject) => {
          const seen: string[] = [];
          client.subscribe({ query: apolloGql(WATCH), variables: { id } }).subscribe({
            next: (result) => {
              if (result.error) reject(result.error);
              else
                seen.push(
                  (result.data as { commandExecutionUpdated: { status: string } }).commandExecutionUpdated.status,
                );
            },
            error: reject,
            complete: () => resolve(seen),
          });
        }),
        15_000,
        'the subscription to complete',
      );
      expect(statuses).toEqual(['PENDING', 'SUCCESS']);
    } finally {
      client.stop();
    }
  });

  it('sends an empty heartbeat part every 5 s while the stream is idle', async () => {
    const id = await command(6_500);
    const read = await readMultipart(fixture.app.url, { query: WATCH, variables: { id } }, fixture.alice);
    const heartbeats = read.parts.filter((part) => part.payload === undefined);
    expect(heartbeats.length).toBeGreaterThanOrEqual(2);
    expect(read.closed).toBe(true);
  }, 20_000);

  it.each([
    ['no token', undefined, 'UNAUTHENTICATED'],
    ['a stranger', 'mallory', 'NOT_FOUND'],
  ])('answers %s with one payload carrying the coded error, then the end', async (_, who, code) => {
    const id = await command();
    const token = who ? await fixture.app.token({ sub: who }) : undefined;
    const read = await readMultipart(fixture.app.url, { query: WATCH, variables: { id } }, token);
    const payloads = read.parts.filter((part) => part.payload !== undefined);
    expect(payloads).toHaveLength(1);
    expect(codes(payloads[0])).toEqual([code]);
    expect(payloads[0]!.payload!.data ?? null).toBeNull();
    expect(read.closed).toBe(true);
  });

  it('applies the same limits as every transport (16 aliases, 15 allowed)', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: status`).join(' ');
    const read = await readMultipart(
      fixture.app.url,
      { query: `subscription($id: ID!) { commandExecutionUpdated(id: $id) { ${aliases} } }`, variables: { id: 'x' } },
      fixture.alice,
    );
    expect(codes(read.parts.find((part) => part.payload))).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it("ends with FORBIDDEN when the grant is revoked (read through Apollo Client's HttpLink)", async () => {
    const id = await command(10 * 60_000, fixture.heldVehicleId);
    const client = new ApolloClient({
      link: new HttpLink({ uri: fixture.app.url, headers: { authorization: `Bearer ${fixture.alice}` } }),
      cache: new InMemoryCache(),
    });
    try {
      const ended = await within(
        new Promise<{ statuses: string[]; codes: unknown[] }>((resolve, reject) => {
          const statuses: string[] = [];
          client.subscribe({ query: apolloGql(WATCH), variables: { id } }).subscribe({
            next: (result) => {
              if (result.error) {
                const errors = (result.error as { errors?: { extensions?: { code?: string } }[] }).errors ?? [];
                resolve({ statuses, codes: errors.map((e) => e.extensions?.code) });
                return;
              }
              statuses.push(
                (result.data as { commandExecutionUpdated: { status: string } }).commandExecutionUpdated.status,
              );
              // Subscribed, with the first state: now the admin revokes.
              void appRegistry(fixture.app).then((registry) => registry.revoke('alice', fixture.heldVehicleId));
            },
            error: reject,
          });
        }),
        15_000,
        'the revoke to end the subscription',
      );
      expect(ended).toEqual({ statuses: ['PENDING'], codes: ['FORBIDDEN'] });
    } finally {
      client.stop();
      await (await appRegistry(fixture.app)).grant('alice', fixture.heldVehicleId);
    }
  });

  it('ends with UNAUTHENTICATED when the token expires mid-stream', async () => {
    const id = await command(10 * 60_000);
    const shortLived = await fixture.app.token({ sub: 'alice', expiresIn: '2s' });
    const read = await readMultipart(fixture.app.url, { query: WATCH, variables: { id } }, shortLived);
    const payloads = read.parts.filter((part) => part.payload);
    expect(payloads[0]!.payload!.data).toMatchObject({ commandExecutionUpdated: { status: 'PENDING' } });
    expect(codes(payloads.at(-1))).toEqual(['UNAUTHENTICATED']);
    expect(read.closed).toBe(true);
  });

  it('leaves a query with the same Accept to Apollo Server (a JSON answer)', async () => {
    const response = await request(fixture.app.url, {
      method: 'POST',
      headers: { accept: APOLLO_ACCEPT, 'content-type': 'application/json', authorization: `Bearer ${fixture.alice}` },
      body: JSON.stringify({ query: '{ vehicles { edges { node { id } } } }' }),
    });
    expect(String(response.headers['content-type'])).toMatch(/^application\/json/);
    const { edges } = ((await response.body.json()) as { data: { vehicles: { edges: { node: { id: string } }[] } } })
      .data.vehicles;
    expect(edges.map((edge) => edge.node.id)).toEqual(
      expect.arrayContaining([fixture.vehicleId, fixture.heldVehicleId]),
    );
  });
});
