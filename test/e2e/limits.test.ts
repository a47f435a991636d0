import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { CommandExecutionsUpdatedDocument, OpenLockDocument } from '../../generated/graphql/graphql.js';
import { errorCodes, gql } from '../helpers/graphql-client.js';
import { appRegistry } from '../helpers/registry.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { run, watch } from '../helpers/typed-client.js';
import { subscribe, within, wsClient } from '../helpers/ws-client.js';

const nested = (depth: number) => {
  // vehicles → edges → node → executions → edges → node → target → executions → … → id
  let selection = 'id';
  for (let i = 0; i < depth; i++)
    selection = i % 2 ? `edges { node { ${selection} } }` : `executions(first: 1) { ${selection} }`;
  const inner = selection.replace(/^executions\(first: 1\) \{ /, 'executions(first: 1) { ');
  return `{ vehicles(first: 1) { edges { node { ${inner} } } } }`;
};

/** One operation over a graphql-ws socket; answers its first message. */
async function overSocket(app: TestApp, token: string, query: string, variables: Record<string, unknown> = {}) {
  const client = wsClient(app.wsUrl, token);
  try {
    return await subscribe(client, query, variables).next();
  } catch (error) {
    // Refused at subscribe time: graphql-ws sends an `error` message with the list.
    return {
      errors: (Array.isArray(error) ? error : [error]) as { message: string; extensions?: Record<string, unknown> }[],
    };
  } finally {
    await client.dispose();
  }
}

/**
 * Sends raw frames on a graphql-transport-ws socket and reports how it closed:
 * for breaches of the protocol itself, which no graphql-ws client would send.
 */
function rawSocket(url: string, frames: string[] = []): Promise<{ code: number; reason: string }> {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.on('open', () => frames.forEach((frame) => socket.send(frame)));
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    socket.on('error', () => {});
  });
  return within(closed, 10_000, 'the server to close the socket').finally(() => socket.terminate());
}

describe('abuse limits, on HTTP and WebSocket alike', () => {
  let app: TestApp;
  let token: string;

  beforeAll(async () => {
    app = await startTestApp(
      { kind: 'memory' },
      {
        GRAPHQL_MAX_COST: '300',
        WS_MAX_SUBSCRIPTIONS: '2',
        WS_MAX_PAYLOAD_BYTES: '16384',
        WS_CONNECTION_INIT_TIMEOUT_MS: '300',
        WS_KEEP_ALIVE_MS: '300',
        COMMAND_RATE_BURST: '3',
        COMMAND_RATE_PER_MINUTE: '6',
      },
    );
    token = await app.token({ sub: 'alice' });
  });
  afterAll(() => app?.dispose());

  const refusals: [string, () => string, RegExp][] = [
    ['depth', () => nested(12), /depth limit of 10 exceeded/i],
    [
      'aliases',
      () => `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: vehicles { pageInfo { hasNextPage } }`).join(' ')} }`,
      /aliases limit of 15 exceeded/i,
    ],
    ['tokens', () => `{ vehicles { edges { node { ${'id '.repeat(2_100)} } } } }`, /more th\w+ 2000 tokens/i],
    [
      'cost',
      () =>
        '{ vehicles(first: 100) { edges { node { id name supportedCommands executions(first: 5) { edges { node ' +
        '{ id status } } } } } } }',
      /cost limit of 300 exceeded/i,
    ],
    [
      'directives',
      () => `{ vehicles { pageInfo { hasNextPage ${'@include(if: true) '.repeat(21)} } } }`,
      /directives limit of 20 exceeded/i,
    ],
  ];

  it.each(refusals)('refuses excess %s over HTTP', async (_name, query, message) => {
    const response = await gql(app.url, query(), {}, { token });
    expect(response.errors?.[0]?.message).toMatch(message);
    expect(response.data ?? null).toBeNull();
  });

  it.each(refusals)('refuses excess %s over WebSocket', async (_name, query, message) => {
    const result = await overSocket(app, token, query());
    expect(result.errors?.[0]?.message).toMatch(message);
  });

  it('hides field suggestions on both transports', async () => {
    const http = await gql(app.url, '{ vehicels { edges { cursor } } }', {}, { token });
    expect(http.errors![0]!.message).toMatch(/Cannot query field "vehicels"/);
    expect(http.errors![0]!.message).not.toMatch(/Did you mean/);
    const ws = await overSocket(app, token, '{ vehicels { edges { cursor } } }');
    expect(ws.errors![0]!.message).toMatch(/Cannot query field "vehicels"/);
    expect(ws.errors![0]!.message).not.toMatch(/Did you mean/);
  });

  // Sent with variables of the wrong shape, which the typed document would not take.
  const REGISTER = 'mutation($input: RegisterVehicleInput!) { registerVehicle(input: $input) { id } }';
  const badVariables: [string, Record<string, unknown>][] = [
    ['a misspelt enum value', { input: { provider: 'SPKE', externalId: 'x' } }],
    ['a misspelt input field', { input: { providr: 'MOBWAY', externalId: 'x' } }],
  ];

  it.each(badVariables)(
    'hides suggestions in variable errors (%s) over HTTP, as BAD_USER_INPUT',
    async (_name, variables) => {
      const response = await gql(app.url, REGISTER, variables, {
        token: await app.token({ sub: 'ops', roles: ['admin'] }),
      });
      expect(errorCodes(response)).toContain('BAD_USER_INPUT');
      expect(JSON.stringify(response.errors)).not.toMatch(/Did you mean/);
    },
  );

  it.each(badVariables)(
    'hides suggestions in variable errors (%s) over WebSocket, as BAD_USER_INPUT',
    async (_name, variables) => {
      const result = await overSocket(app, await app.token({ sub: 'ops', roles: ['admin'] }), REGISTER, variables);
      expect(result.errors?.length).toBeGreaterThan(0);
      expect(result.errors!.map((e) => e.extensions?.code)).toEqual(result.errors!.map(() => 'BAD_USER_INPUT'));
      expect(JSON.stringify(result.errors)).not.toMatch(/Did you mean/);
    },
  );

  it('answers a missing subscription variable over WebSocket with BAD_USER_INPUT', async () => {
    const result = await overSocket(app, token, 'subscription($id: ID!) { commandExecutionUpdated(id: $id) { id } }');
    expect(result.errors!.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors![0]!.message).toMatch(/\$id/);
  });

  it('refuses a request body over 1 MB with 413', async () => {
    const response = await request(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: '{ vehicles { pageInfo { hasNextPage } } }',
        variables: { pad: 'x'.repeat(1_100_000) },
      }),
    });
    expect(response.statusCode).toBe(413);
    expect(await response.body.json()).toEqual({
      errors: [{ message: 'request body larger than 1mb', extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
  });

  it('prevents CSRF: a simple (preflight-free) request is refused', async () => {
    const textPlain = await request(app.url, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(textPlain.statusCode).toBe(400);
    await textPlain.body.text();
    const get = await request(`${app.url}?query=${encodeURIComponent('{ __typename }')}`, { method: 'GET' });
    expect(get.statusCode).toBe(400);
    expect(await get.body.text()).toMatch(/CSRF/i);
  });

  it.each([
    [
      'a hash that does not match the query',
      { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } },
    ],
    ['a hash alone', { extensions: { persistedQuery: { version: 1, sha256Hash: '0'.repeat(64) } } }],
  ])('answers a persisted query (%s) with PERSISTED_QUERY_NOT_SUPPORTED', async (_name, body) => {
    const response = await request(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    const answer = (await response.body.json()) as { errors: { extensions: { code: string } }[] };
    expect(answer.errors.map((e) => e.extensions.code)).toEqual(['PERSISTED_QUERY_NOT_SUPPORTED']);
    // Apollo's protocol: a client that tried APQ falls back to sending the query.
    expect(response.statusCode).toBe(200);
  });

  it('does not batch HTTP operations', async () => {
    const response = await request(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify([{ query: '{ __typename }' }, { query: '{ __typename }' }]),
    });
    expect(response.statusCode).toBe(400);
    expect(await response.body.text()).toMatch(/batch/i);
  });

  it('closes a socket that never sends connection_init (4408)', async () => {
    expect((await rawSocket(app.wsUrl)).code).toBe(4408);
  });

  it('pings every socket, keeps one that answers, and terminates one that does not', async () => {
    const init = JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
    const open = (autoPong: boolean) => {
      const socket = new WebSocket(app.wsUrl, 'graphql-transport-ws', { autoPong });
      let pings = 0;
      socket.on('ping', () => (pings += 1));
      socket.on('open', () => socket.send(init));
      socket.on('error', () => {});
      const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
      return { socket, closed, pings: () => pings };
    };
    const answering = open(true);
    const silent = open(false);
    // Terminated, not closed: no close frame, so the client sees 1006.
    expect(await within(silent.closed, 5_000, 'the silent socket to be terminated')).toBe(1006);
    expect(silent.pings()).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(answering.pings()).toBeGreaterThanOrEqual(2);
    expect(answering.socket.readyState).toBe(WebSocket.OPEN);
    answering.socket.terminate();
  });

  it('closes a socket that sends an oversized message (1009), a client fault not printed as an internal error', async () => {
    const printed = vi.spyOn(console, 'error');
    const init = JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
    const closed = await rawSocket(app.wsUrl, [
      init,
      JSON.stringify({ id: '1', type: 'subscribe', payload: { query: `{ __typename ${' '.repeat(20_000)} }` } }),
    ]);
    expect(closed.code).toBe(1009);
    expect(printed).not.toHaveBeenCalled();
    printed.mockRestore();
  });

  it('caps the operations one socket may hold', async () => {
    const vehicle = await (
      await appRegistry(app)
    ).vehicle({ provider: 'MOBWAY', externalId: '6AHFT68CKAF501652' }, 'alice');
    const client = wsClient(app.wsUrl, token);
    try {
      const first = watch(client, CommandExecutionsUpdatedDocument, { targetId: vehicle });
      const second = watch(client, CommandExecutionsUpdatedDocument, { targetId: vehicle });
      const third = watch(client, CommandExecutionsUpdatedDocument, { targetId: vehicle });
      const refused = (await third.error()) as { message: string; extensions: { code: string } }[];
      expect(refused.map((e) => e.extensions.code)).toEqual(['TOO_MANY_SUBSCRIPTIONS']);
      expect(refused[0]!.message).toBe('at most 2 operations per socket');
      await first.dispose();
      await second.dispose();
    } finally {
      await client.dispose();
    }
  });

  it('rate-limits command mutations per user, with retryAfterSeconds, writing nothing', async () => {
    const registry = await appRegistry(app);
    const lock = await registry.lock({ provider: 'SPKEY', externalId: '123' }, 'carol');
    const carol = await app.token({ sub: 'carol' });
    const open = (as = carol) => run(app.url, OpenLockDocument, { input: { lockId: lock } }, as);
    for (let i = 0; i < 3; i++) expect((await open()).errors).toBeUndefined();
    const limited = await open();
    expect(errorCodes(limited)).toEqual(['RATE_LIMITED']);
    expect(limited.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    const rows = await app.store.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM executions WHERE requested_by = 'carol'`,
    );
    expect(rows[0]!.n).toBe(3);
    // Another user is not affected.
    await registry.grant('dave', lock);
    const dave = await open(await app.token({ sub: 'dave' }));
    expect(dave.errors).toBeUndefined();
  });
});
