import { Client, cacheExchange, fetchExchange } from '@urql/core';
import { print } from 'graphql';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandExecutionUpdatedDocument, VehiclesDocument } from '../../generated/graphql/graphql.js';
import { appRegistry } from '../helpers/registry.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

/**
 * The subgraph as HTTP clients reach it with their defaults: urql sends
 * queries as GET, and nobody should get an internal error for sending a
 * subscription over a plain request.
 */
describe('plain HTTP, as clients send it', () => {
  let app: TestApp;
  let alice: string;
  let vehicleId: string;

  beforeAll(async () => {
    app = await startTestApp({ kind: 'memory' });
    alice = await app.token({ sub: 'alice' });
    vehicleId = await (await appRegistry(app)).vehicle({ provider: 'MOBWAY', externalId: '6AHFT68CKAF501652' }, 'alice');
  });
  afterAll(() => app?.dispose());

  it("answers urql's default client (queries as GET, the token in Authorization)", async () => {
    const sent: string[] = [];
    const client = new Client({
      url: app.url,
      exchanges: [cacheExchange, fetchExchange],
      fetchOptions: { headers: { authorization: `Bearer ${alice}` } },
      fetch: (input, init) => {
        sent.push(init?.method ?? 'GET');
        return fetch(input, init);
      },
    });
    const result = await client.query(VehiclesDocument, {}).toPromise();
    expect(sent).toEqual(['GET']);
    expect(result.error).toBeUndefined();
    expect(result.data?.vehicles.edges.map((e) => e.node.id)).toEqual([vehicleId]);
  });

  it('still refuses a simple cross-site GET (no token, no preflight header): CSRF prevention', async () => {
    const response = await request(`${app.url}?query=${encodeURIComponent('{ vehicles { edges { cursor } } }')}`, {
      headers: { accept: 'application/json' },
    });
    expect(response.statusCode).toBe(400);
    expect(await response.body.text()).toMatch(/CSRF/i);
  });

  it.each([
    ['with a valid token', true],
    ['without a token', false],
  ])(
    'answers a subscription sent as a plain POST, %s, with a coded client error naming the transports',
    async (_, withToken) => {
      const response = await request(app.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(withToken ? { authorization: `Bearer ${alice}` } : {}),
        },
        body: JSON.stringify({ query: print(CommandExecutionUpdatedDocument), variables: { id: 'cex_x' } }),
      });
      const body = (await response.body.json()) as {
        data?: unknown;
        errors: { message: string; extensions: { code: string } }[];
      };
      expect(response.statusCode).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors.map((e) => e.extensions.code)).toEqual(['SUBSCRIPTION_TRANSPORT_REQUIRED']);
      expect(body.errors[0]!.message).toMatch(
        /at \/graphql over WebSocket \(graphql-transport-ws\), Server-Sent Events .* or Apollo's multipart protocol/,
      );
      expect(body.errors[0]!.message).toMatch(/callback/);
    },
  );

  it('answers a subscription sent as GET with a coded client error (Apollo Server: GET serves queries only)', async () => {
    const query = encodeURIComponent('subscription { commandExecutionUpdated(id: "cex_x") { id } }');
    const response = await request(`${app.url}?query=${query}`, {
      headers: { accept: 'application/json', authorization: `Bearer ${alice}` },
    });
    const body = (await response.body.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(response.statusCode).toBe(405);
    expect(body.errors.map((e) => e.extensions.code)).toEqual(['BAD_REQUEST']);
    expect(body.errors[0]!.message).toMatch(/GET requests only support query operations/);
  });
});
