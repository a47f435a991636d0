import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CommandType, ExecutionMode } from '../../src/domain/enums.js';
import type { MobwayClient } from '../../src/providers/mobway/client.js';
import { MOBWAY_DETAILS } from '../../src/providers/mobway/errors.js';
import type { ProviderOutcome, ProviderTarget } from '../../src/providers/provider.js';
import { MOBWAY_DEFAULT_VIN, MobwaySimulator } from '../../src/providers/mobway/simulator.js';
import { mobwayClient } from './support/clients.js';
import { command, expectKind, expectNoSecrets } from './support/commands.js';
import { RawServer } from './support/raw-server.js';
import { waitFor } from './support/wait.js';

const target: ProviderTarget = { externalId: MOBWAY_DEFAULT_VIN, providerUserId: null };
const LIMITED_VIN = '1HGCM82633A004352';

describe('Mobway client against the Mobway simulator', () => {
  let sim: MobwaySimulator;
  let client: MobwayClient;
  const outcomes: ProviderOutcome[] = [];

  async function send(type: CommandType, extra: Parameters<typeof command>[2] = {}, to: ProviderTarget = target, via = client) {
    const outcome = await via.send(command(type, to, extra));
    outcomes.push(outcome);
    return outcome;
  }

  async function pollUntilFinal(providerExecutionId: string) {
    return waitFor(
      async () => {
        const outcome = await client.poll(providerExecutionId, target);
        outcomes.push(outcome);
        return outcome.kind === 'final' ? outcome : undefined;
      },
      { what: 'the Mobway command to finish' },
    );
  }

  beforeAll(async () => {
    sim = await MobwaySimulator.start({ knobs: { completionDelayMs: 150 }, vins: [{ vin: LIMITED_VIN, commands: ['lock_door'] }] });
    client = mobwayClient(sim.url, sim.token, sim.signSecret);
  });
  afterAll(async () => {
    await client?.close();
    await sim?.close();
  });
  afterEach(() => sim.configure({ outcome: 'Success', rateLimit: null }));

  it('lock_door: Pending, then the status resource turns Success with a UTC time', async () => {
    const pending = expectKind(await send(CommandType.LOCK), 'pending');
    expect(pending).toMatchObject({ providerStatus: 'Pending', executionMode: ExecutionMode.ASYNC });
    expect(pending.providerExecutionId).toMatch(/^[0-9a-f-]{36}$/);
    const final = await pollUntilFinal(pending.providerExecutionId);
    expect(final).toMatchObject({ status: 'SUCCESS', providerStatus: 'Success', error: null });
    // Mobway's clock has one-second resolution in UTC-3; converted, it is within a few seconds of now.
    expect(Math.abs((final.completedAt?.getTime() ?? 0) - Date.now())).toBeLessThan(5_000);
    expect(sim.counts()).toMatchObject({ 'POST /vehicle-command': expect.any(Number), 'GET /vehicle-command/:id': expect.any(Number) });
  });

  it('a command that ends in Error keeps the provider detail', async () => {
    sim.configure({ outcome: 'Error' });
    const pending = expectKind(await send(CommandType.UNLOCK), 'pending');
    const final = await pollUntilFinal(pending.providerExecutionId);
    expect(final).toMatchObject({
      status: 'FAILURE',
      providerStatus: 'Error',
      error: { code: 'PROVIDER_ERROR', detail: 'The vehicle did not respond to the command.' },
    });
  });

  it('ignition: Confirmation with a 6-digit code and a Portuguese message, then the code runs it once', async () => {
    const asked = expectKind(await send(CommandType.DISABLE_IGNITION), 'confirmation');
    expect(asked.providerStatus).toBe('Confirmation');
    expect(asked.code).toMatch(/^\d{6}$/);
    expect(asked.message).toMatch(/ignição/);
    const pending = expectKind(await send(CommandType.DISABLE_IGNITION, { confirmationCode: asked.code }), 'pending');
    expect(pending.providerExecutionId).toBe(asked.providerExecutionId);
    expect((await pollUntilFinal(pending.providerExecutionId)).status).toBe('SUCCESS');

    const reused = expectKind(await send(CommandType.DISABLE_IGNITION, { confirmationCode: asked.code }), 'final');
    expect(reused.error).toMatchObject({ code: 'CONFIRMATION_ALREADY_USED', detail: MOBWAY_DETAILS.CONFIRMATION_ALREADY_USED });
  });

  it('a wrong confirmation code, or one for the other ignition command, is invalid', async () => {
    const asked = expectKind(await send(CommandType.ENABLE_IGNITION), 'confirmation');
    const wrong = asked.code === '000000' ? '000001' : '000000';
    const invalid = expectKind(await send(CommandType.ENABLE_IGNITION, { confirmationCode: wrong }), 'final');
    expect(invalid.error).toMatchObject({ code: 'CONFIRMATION_INVALID', retryable: false });
    const crossed = expectKind(await send(CommandType.DISABLE_IGNITION, { confirmationCode: asked.code }), 'final');
    expect(crossed.error?.code).toBe('CONFIRMATION_INVALID');
  });

  it('a wrong sign-secret: SIGNATURE_INVALID', async () => {
    const forger = mobwayClient(sim.url, sim.token, 'not-the-secret');
    try {
      const outcome = expectKind(await send(CommandType.LOCK, {}, target, forger), 'final');
      expect(outcome).toMatchObject({ status: 'FAILURE', error: { code: 'SIGNATURE_INVALID', detail: 'X-Signature invalid.', type: 'AUTHENTICATION' } });
    } finally {
      await forger.close();
    }
  });

  it('a wrong token: UNAUTHORIZED', async () => {
    const stranger = mobwayClient(sim.url, 'not-the-token', sim.signSecret);
    try {
      const sent = expectKind(await send(CommandType.LOCK, {}, target, stranger), 'final');
      expect(sent.error?.code).toBe('UNAUTHORIZED');
      const polled = expectKind(await stranger.poll('8619b2df-1d68-40e1-8760-cf36f06d00b5', target), 'unknown');
      expect(polled.error.code).toBe('UNAUTHORIZED');
    } finally {
      await stranger.close();
    }
  });

  it('an unknown VIN, an empty VIN, a command outside the plan', async () => {
    const unknown = expectKind(await send(CommandType.LOCK, {}, { externalId: '2FTRX18W1XCA12345', providerUserId: null }), 'final');
    expect(unknown.error).toMatchObject({ code: 'VIN_NOT_FOUND', type: 'RESOURCE_NOT_FOUND' });
    const empty = expectKind(await send(CommandType.LOCK, {}, { externalId: '', providerUserId: null }), 'final');
    expect(empty.error?.code).toBe('INVALID_VIN');
    const limited = expectKind(await send(CommandType.UNLOCK, {}, { externalId: LIMITED_VIN, providerUserId: null }), 'final');
    expect(limited.error).toMatchObject({ code: 'COMMAND_NOT_AVAILABLE', type: 'COMPATIBILITY' });
  });

  it('OEM failures: a failed send is retryable, a failed initiation is not', async () => {
    sim.failNext(1, 'OEM_SEND_FAILED');
    const send502 = expectKind(await send(CommandType.LOCK), 'final');
    expect(send502.error).toMatchObject({ code: 'OEM_SEND_FAILED', type: 'UPSTREAM', retryable: true });
    sim.failNext(1, 'OEM_INITIATE_FAILED');
    const initiate = expectKind(await send(CommandType.LOCK), 'final');
    expect(initiate).toMatchObject({ providerStatus: 'Error', error: { code: 'OEM_INITIATE_FAILED', retryable: false } });
    expect(initiate.providerExecutionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('429 with retry-after, on send and on poll', async () => {
    const pending = expectKind(await send(CommandType.LOCK), 'pending');
    sim.configure({ rateLimit: { maxRequests: 0, windowMs: 60_000, retryAfterSeconds: 3 } });
    const limited = expectKind(await send(CommandType.LOCK), 'final');
    expect(limited.error).toMatchObject({ code: 'RATE_LIMITED', retryable: true, retryAfterSeconds: 3 });
    const polled = expectKind(await client.poll(pending.providerExecutionId, target), 'pending');
    expect(polled.retryAfterSeconds).toBe(3);
  });

  it('a poll for an unknown id is unknown', async () => {
    const outcome = expectKind(await client.poll('00000000-0000-0000-0000-000000000000', target), 'unknown');
    expect(outcome.error).toMatchObject({ code: 'PROVIDER_ERROR', detail: 'Command ID not found.' });
  });

  it('refuses commands Mobway does not take, without a request', async () => {
    sim.resetCounts();
    expect(expectKind(await send(CommandType.START_CHARGE), 'final').error?.code).toBe('COMMAND_NOT_SUPPORTED');
    expect(sim.counts()).toEqual({});
  });

  it('no outcome carries the token or the sign-secret', () => {
    expect(outcomes.length).toBeGreaterThan(10);
    expectNoSecrets(outcomes, [sim.token, sim.signSecret]);
  });
});

describe('Mobway client: every documented detail text through HTTP', () => {
  let raw: RawServer;
  let client: MobwayClient;

  beforeAll(async () => {
    raw = await RawServer.start();
    client = mobwayClient(raw.url, 'raw-token', 'raw-secret');
  });
  afterAll(async () => {
    await client?.close();
    await raw?.close();
  });

  it.each(Object.entries(MOBWAY_DETAILS))('%s', async (code, detail) => {
    raw.respondJson(400, { detail });
    const outcome = expectKind(await client.send(command(CommandType.LOCK, target)), 'final');
    expect(outcome).toMatchObject({ status: 'FAILURE', error: { code, detail } });
  });

  it('a 200 with status Error and an unknown detail is PROVIDER_ERROR', async () => {
    raw.respondJson(200, { id: 'x-1', vin: MOBWAY_DEFAULT_VIN, command: 'lock_door', status: 'Error', detail: 'Gateway busy' });
    const outcome = expectKind(await client.send(command(CommandType.LOCK, target)), 'final');
    expect(outcome).toMatchObject({ providerExecutionId: 'x-1', error: { code: 'PROVIDER_ERROR', detail: 'Gateway busy' } });
  });

  it('a 401 without detail is UNAUTHORIZED', async () => {
    raw.respondText(401, '');
    expect(expectKind(await client.send(command(CommandType.LOCK, target)), 'final').error?.code).toBe('UNAUTHORIZED');
  });

  it('sends the documented request: Bearer, X-Signature over {command, vin}, code in the body only', async () => {
    raw.respondJson(200, { id: 'abc', vin: MOBWAY_DEFAULT_VIN, command: 'enable_ignition', status: 'Pending', created: '2023-02-14 09:51:48' });
    raw.requests.length = 0;
    await client.send(command(CommandType.ENABLE_IGNITION, target, { confirmationCode: '559289' }));
    const [sent] = raw.requests;
    expect(sent).toMatchObject({ method: 'POST', path: '/vehicle-command' });
    expect(sent?.headers.authorization).toBe('Bearer raw-token');
    expect(sent?.headers['content-type']).toBe('application/json');
    const { createHmac } = await import('node:crypto');
    const expected = createHmac('sha256', 'raw-secret').update(`{"command":"enable_ignition","vin":"${MOBWAY_DEFAULT_VIN}"}`).digest('hex');
    expect(sent?.headers['x-signature']).toBe(expected);
    expect(JSON.parse(sent?.body ?? '')).toEqual({ vin: MOBWAY_DEFAULT_VIN, command: 'enable_ignition', code: '559289' });
  });

  it('polls with the Bearer token only', async () => {
    raw.respondJson(200, { id: 'abc', vin: MOBWAY_DEFAULT_VIN, command: 'lock_door', status: 'Success', detail: null, updated: '2023-02-14 09:51:48' });
    raw.requests.length = 0;
    const outcome = expectKind(await client.poll('abc', target), 'final');
    expect(outcome.completedAt?.toISOString()).toBe('2023-02-14T12:51:48.000Z');
    const [sent] = raw.requests;
    expect(sent).toMatchObject({ method: 'GET', path: '/vehicle-command/abc' });
    expect(sent?.headers['x-signature']).toBeUndefined();
  });
});
