import { simulated } from '../helpers/simulated-providers.js';
import { print } from 'graphql';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandExecutionsUpdatedDocument, CommandExecutionUpdatedDocument } from '../../generated/graphql/graphql.js';
import { createLogger } from '../../src/logger.js';
import { lockVehicle } from '../helpers/commands.js';
import { LogCapture } from '../helpers/log-capture.js';
import { appRegistry } from '../helpers/registry.js';
import { startCallbackReceiver, subscriptionTransports, type FirstResult } from '../helpers/subscription-transports.js';
import { FAST_ENGINE, startTestApp, type TestApp } from '../helpers/test-app.js';
import type { CallbackReceiver } from '../federation/support/callback-receiver.js';
import { eventually } from '../helpers/ws-client.js';

const WATCH = print(CommandExecutionUpdatedDocument);
const WATCH_ALL = print(CommandExecutionsUpdatedDocument);
const VIN = '1HGCM82633A004352';

/** `commandExecutionsUpdated` selecting `target → executions → edges → node` `levels` times over. */
const nested = (levels: number, first = 1) => {
  let selection = 'id';
  for (let i = 0; i < levels; i++)
    selection = `target { executions(first: ${first}) { edges { node { ${selection} } } } }`;
  return `subscription { commandExecutionsUpdated { ${selection} } }`;
};

/** Over every transport alike: the refusals of the document limits, checked before anything runs. */
const LIMITS: [string, string, RegExp][] = [
  ['depth', nested(3), /depth limit of 10 exceeded/i],
  [
    'aliases',
    `subscription { commandExecutionsUpdated { ${Array.from({ length: 16 }, (_, i) => `a${i}: status`).join(' ')} } }`,
    /aliases limit of 15 exceeded/i,
  ],
  ['tokens', `subscription { commandExecutionsUpdated { ${'id '.repeat(2_100)} } }`, /more th\w+ 2000 tokens/i],
  ['cost', nested(2, 100), /cost limit of 300 exceeded/i],
  [
    'directives',
    `subscription { commandExecutionsUpdated { id ${'@include(if: true) '.repeat(21)} } }`,
    /directives limit of 20 exceeded/i,
  ],
];

/** The `transport` label and log field of each harness transport. */
const TRANSPORT_LABELS: Record<string, string> = {
  'graphql-ws': 'graphql-ws',
  SSE: 'sse',
  multipart: 'multipart',
  'HTTP callback': 'http-callback',
};

const codes = (result: FirstResult) => (result.errors ?? []).map((e) => e.extensions?.code);

describe.each(subscriptionTransports(() => receiver!))('the subscription catalogue over $name', (transport) => {
  let app: TestApp;
  let alice: string;
  let executionId: string;
  let vehicleId: string;
  const logs = new LogCapture();

  beforeAll(async () => {
    receiver ??= await startCallbackReceiver();
    app = await startTestApp(
      { kind: 'memory' },
      { ...FAST_ENGINE, GRAPHQL_MAX_COST: '300', SUBSCRIPTION_CALLBACK_URLS: new URL(receiver.url('x')).origin },
      { logger: createLogger('info', logs) },
    );
    alice = await app.token({ sub: 'alice' });
    vehicleId = await (await appRegistry(app)).vehicle({ provider: 'MOBWAY', externalId: VIN }, 'alice');
    simulated(app).mobway.configure({ completionDelayMs: 10 * 60_000 });
    executionId = (await lockVehicle(app.url, vehicleId, alice)).id;
  }, 60_000);
  afterAll(() => app?.dispose());

  it.each(LIMITS)('refuses excess %s before anything runs', async (_name, query, message) => {
    const result = await transport.firstResult(app, alice, query);
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(result.data ?? null).toBeNull();
  });

  it('hides field suggestions', async () => {
    const result = await transport.firstResult(app, alice, 'subscription { commandExecutionsUpdated { statuss } }');
    expect(result.errors?.[0]?.message).toMatch(/Cannot query field "statuss"/);
    expect(JSON.stringify(result.errors)).not.toMatch(/Did you mean/);
  });

  it.each([
    ['of the wrong type', { id: { nested: true } }],
    ['missing', {}],
  ])('answers a variable %s with BAD_USER_INPUT', async (_name, variables) => {
    const result = await transport.firstResult(app, alice, WATCH, variables);
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.data ?? null).toBeNull();
  });

  it.each([
    ['an id of another kind', () => vehicleId],
    ['a malformed id', () => "x' OR 1=1 --"],
  ])('answers %s with NOT_FOUND', async (_name, id) => {
    expect(codes(await transport.firstResult(app, alice, WATCH, { id: id() }))).toEqual(['NOT_FOUND']);
  });

  it("gives a stranger NOT_FOUND for someone else's execution and target, never data", async () => {
    const mallory = await app.token({ sub: 'mallory' });
    const execution = await transport.firstResult(app, mallory, WATCH, { id: executionId });
    expect(codes(execution)).toEqual(['NOT_FOUND']);
    expect(execution.data ?? null).toBeNull();
    expect(codes(await transport.firstResult(app, mallory, WATCH_ALL, { targetId: vehicleId }))).toEqual(['NOT_FOUND']);
  });

  it.each([
    ['no token', () => undefined],
    ['a malformed token', () => 'not-a-jwt'],
    ['an expired token', () => app.token({ sub: 'alice', expiresIn: '-1s' })],
  ])('refuses %s: UNAUTHENTICATED, never data', async (_name, token) => {
    const result = await transport.firstResult(app, await token(), WATCH, { id: executionId });
    expect(result.data ?? null).toBeNull();
    // graphql-ws authenticates the socket, not the operation: its protocol closes it with 4403.
    if (transport.name === 'graphql-ws') expect(result.errors?.[0]?.extensions?.closeCode).toBe(4403);
    else expect(codes(result)).toEqual(['UNAUTHENTICATED']);
  });

  it('serves the owner the current state', async () => {
    const result = await transport.firstResult(app, alice, WATCH, { id: executionId });
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({ commandExecutionUpdated: { id: executionId, status: 'PENDING' } });
  });

  it('counts and logs each subscription under its transport: refused, started, ended', async () => {
    const label = TRANSPORT_LABELS[transport.name]!;
    const earlier = logs.lines.length;
    const mallory = await app.token({ sub: 'mallory' });
    await transport.firstResult(app, mallory, WATCH, { id: executionId });
    await transport.firstResult(app, alice, WATCH, { id: executionId });
    const line = (msg: string, where: Record<string, unknown>) =>
      logs.lines.slice(earlier).find((l) => l.msg === msg && Object.entries(where).every(([k, v]) => l[k] === v));
    await eventually(() => line('subscription ended', { userId: 'alice', reason: 'client' }), 10_000, 'the end line');
    expect(line('subscription refused', { userId: 'mallory' })).toMatchObject({
      transport: label,
      field: 'commandExecutionUpdated',
      code: 'NOT_FOUND',
      requestId: expect.any(String),
    });
    expect(line('subscription ended', { userId: 'alice', reason: 'client' })).toMatchObject({
      transport: label,
      field: 'commandExecutionUpdated',
      reason: 'client',
      messages: 1,
      durationMs: expect.any(Number),
    });
    const scrape = async () => (await request(`${app.url.replace('/graphql', '')}/metrics`)).body.text();
    const metrics = await scrape();
    const sample = (name: string, labels: string) =>
      Number(new RegExp(`^${name}\\{${labels}\\} (\\d+)`, 'm').exec(metrics)?.[1] ?? 0);
    const field = `field="commandExecutionUpdated"`;
    expect(
      sample('vehicle_access_subscriptions_total', `transport="${label}",${field},outcome="NOT_FOUND"`),
    ).toBeGreaterThan(0);
    expect(
      sample('vehicle_access_subscriptions_total', `transport="${label}",${field},outcome="started"`),
    ).toBeGreaterThan(0);
    expect(
      sample('vehicle_access_subscriptions_ended_total', `transport="${label}",${field},reason="client"`),
    ).toBeGreaterThan(0);
    // Every stream of this suite has ended (a callback one at its next heartbeat): none is left open.
    const none = new RegExp(`^vehicle_access_open_subscriptions\\{transport="${label}"\\} 0$`, 'm');
    await eventually(async () => none.test(await scrape()), 5_000, 'no open subscription');
  });
});

let receiver: CallbackReceiver | undefined;
afterAll(() => receiver?.stop());
