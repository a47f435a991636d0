import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CommandType, ExecutionMode } from '../../src/domain/enums.js';
import type { ProviderOutcome, ProviderTarget } from '../../src/providers/provider.js';
import { SMARTCAR_DEFAULT_VEHICLE, SmartcarSimulator } from '../../src/providers/smartcar/simulator.js';
import type { SmartcarClient } from '../../src/providers/smartcar/client.js';
import { smartcarClient } from './support/clients.js';
import { command, expectKind, expectNoSecrets } from './support/commands.js';
import { waitFor } from './support/wait.js';

const target: ProviderTarget = { externalId: SMARTCAR_DEFAULT_VEHICLE.vehicleId, providerUserId: SMARTCAR_DEFAULT_VEHICLE.userId };
const LOCK_ROUTE = 'POST /vehicles/:vehicleId/commands/security/lock';

describe('Smartcar client against the Smartcar simulator', () => {
  let sim: SmartcarSimulator;
  let client: SmartcarClient;
  const outcomes: ProviderOutcome[] = [];

  async function send(type: CommandType, extra: Parameters<typeof command>[2] = {}, to: ProviderTarget = target) {
    const outcome = await client.send(command(type, to, extra));
    outcomes.push(outcome);
    return outcome;
  }

  beforeAll(async () => {
    sim = await SmartcarSimulator.start({ knobs: { completionDelayMs: 150 } });
    client = smartcarClient(sim.url, sim.accessToken);
  });
  afterAll(async () => {
    await client?.close();
    await sim?.close();
  });
  afterEach(() => {
    sim.configure({ mode: 'sync', outcome: 'SUCCESS', asleep: false, rateLimit: null, failureRate: 0 });
    sim.clearTarget(target.externalId);
  });

  it('200 sync: final SUCCESS with the execution id, mode and times', async () => {
    const outcome = expectKind(await send(CommandType.LOCK), 'final');
    expect(outcome).toMatchObject({ status: 'SUCCESS', providerStatus: 'SUCCESS', executionMode: ExecutionMode.SYNC, error: null });
    expect(outcome.providerExecutionId).toMatch(/^exec_/);
    expect(outcome.executedAt).toBeInstanceOf(Date);
    expect(outcome.completedAt).toBeInstanceOf(Date);
    expect(outcome.durationSeconds).toBe(0);
    expect(sim.counts()[LOCK_ROUTE]).toBeGreaterThanOrEqual(1);
  });

  it.each([CommandType.UNLOCK, CommandType.START_CHARGE, CommandType.STOP_CHARGE])('%s goes to its own route', async (type) => {
    expect(expectKind(await send(type), 'final').status).toBe('SUCCESS');
  });

  it('sends the charge limit and the destination as documented bodies', async () => {
    expect(expectKind(await send(CommandType.SET_CHARGE_LIMIT, { parameters: { percent: 80 } }), 'final').status).toBe('SUCCESS');
    const destination = await send(CommandType.SET_NAVIGATION_DESTINATION, { parameters: { latitude: 37.7749, longitude: -122.4194 } });
    expect(expectKind(destination, 'final').status).toBe('SUCCESS');
  });

  it('202 keep-alive: the body that arrives later is the final result', async () => {
    sim.configure({ mode: 'keepalive' });
    const outcome = expectKind(await send(CommandType.LOCK), 'final');
    expect(outcome).toMatchObject({ status: 'SUCCESS', executionMode: ExecutionMode.SYNC });
  });

  it('202 keep-alive FAILURE: the execution error maps into the command error', async () => {
    sim.configure({ mode: 'keepalive', outcome: 'FAILURE' });
    const outcome = expectKind(await send(CommandType.LOCK), 'final');
    expect(outcome).toMatchObject({
      status: 'FAILURE',
      providerStatus: 'FAILURE',
      error: { code: 'LOCK_FAILED', type: 'VEHICLE', title: 'Lock Failed', detail: 'The vehicle was unable to lock its doors.', retryable: false },
    });
  });

  it('async: PENDING, then poll() follows the Command Executions resource to SUCCESS', async () => {
    sim.configure({ mode: 'async' });
    const pending = expectKind(await send(CommandType.UNLOCK), 'pending');
    expect(pending).toMatchObject({ providerStatus: 'PENDING', executionMode: ExecutionMode.ASYNC });
    const final = await waitFor(
      async () => {
        const outcome = await client.poll(pending.providerExecutionId, target);
        outcomes.push(outcome);
        return outcome.kind === 'final' ? outcome : undefined;
      },
      { what: 'the async execution to finish' },
    );
    expect(final).toMatchObject({ status: 'SUCCESS', executionMode: ExecutionMode.ASYNC, providerExecutionId: pending.providerExecutionId });
    expect(sim.counts()['GET /vehicles/:vehicleId/commands/executions/:executionId']).toBeGreaterThanOrEqual(1);
  });

  it('400 from the provider: a charge limit out of range', async () => {
    const outcome = expectKind(await send(CommandType.SET_CHARGE_LIMIT, { parameters: { percent: 20 } }), 'final');
    expect(outcome).toMatchObject({ status: 'FAILURE', providerStatus: 'HTTP_400', error: { code: 'BAD_REQUEST', type: 'VALIDATION', retryable: false } });
  });

  it('401: a wrong access token', async () => {
    const stranger = smartcarClient(sim.url, 'not-the-token');
    try {
      const outcome = expectKind(await stranger.send(command(CommandType.LOCK, target)), 'final');
      expect(outcome.error).toMatchObject({ code: 'UNAUTHORIZED', type: 'AUTHENTICATION', title: 'Unauthorized', retryable: false });
    } finally {
      await stranger.close();
    }
  });

  it('403: a user who did not grant this vehicle', async () => {
    const outcome = expectKind(await send(CommandType.LOCK, {}, { ...target, providerUserId: 'user_other' }), 'final');
    expect(outcome.error).toMatchObject({ code: 'FORBIDDEN', type: 'AUTHENTICATION' });
  });

  it('404: an unknown vehicle', async () => {
    const outcome = expectKind(await send(CommandType.LOCK, {}, { externalId: 'v_unknown', providerUserId: 'user_789xyz' }), 'final');
    expect(outcome.error).toMatchObject({ code: 'NOT_FOUND', type: 'RESOURCE_NOT_FOUND', retryable: false });
  });

  it('409 ASLEEP is retryable', async () => {
    sim.configureTarget(target.externalId, { asleep: true });
    const outcome = expectKind(await send(CommandType.LOCK), 'final');
    expect(outcome.error).toMatchObject({ code: 'ASLEEP', type: 'VEHICLE_STATE', title: 'Vehicle Asleep', retryable: true });
  });

  it('429 carries retry-after', async () => {
    sim.configureTarget(target.externalId, { rateLimit: { maxRequests: 1, windowMs: 60_000, retryAfterSeconds: 42 } });
    expect(expectKind(await send(CommandType.LOCK), 'final').status).toBe('SUCCESS');
    const outcome = expectKind(await send(CommandType.LOCK), 'final');
    expect(outcome.error).toMatchObject({ code: 'SMARTCAR_API', type: 'RATE_LIMIT', retryable: true, retryAfterSeconds: 42 });
  });

  it.each([
    [430, { code: 'VEHICLE_LIMIT', type: 'BILLING', retryable: false, resolution: 'CONTACT_SUPPORT' }],
    [500, { code: 'INTERNAL', type: 'SERVER', retryable: false, resolution: null }],
    [501, { code: 'MAKE_NOT_COMPATIBLE', type: 'COMPATIBILITY', retryable: false, resolution: null }],
    [502, { code: 'INVALID_DATA', type: 'UPSTREAM', retryable: true, resolution: 'RETRY_LATER' }],
    [504, { code: 'GATEWAY_TIMEOUT', type: 'SERVER', retryable: true, resolution: 'RETRY_LATER' }],
  ] as const)('%i maps to %o', async (status, expected) => {
    sim.failNext(1, status);
    const outcome = expectKind(await send(CommandType.LOCK), 'final');
    expect(outcome).toMatchObject({ status: 'FAILURE', providerStatus: `HTTP_${status}`, error: expected });
  });

  it('keeps suggestedUserMessage and the title', async () => {
    sim.failNext(1, 502);
    const outcome = expectKind(await send(CommandType.LOCK), 'final');
    expect(outcome.error?.title).toBe('Bad Gateway');
    expect(outcome.error?.suggestedUserMessage).toContain('temporarily unable to connect');
  });

  it('a poll that is rate limited stays pending with retryAfterSeconds', async () => {
    sim.configure({ mode: 'async' });
    const pending = expectKind(await send(CommandType.LOCK), 'pending');
    sim.configureTarget(target.externalId, { rateLimit: { maxRequests: 0, windowMs: 60_000, retryAfterSeconds: 9 } });
    const polled = expectKind(await client.poll(pending.providerExecutionId, target), 'pending');
    expect(polled).toMatchObject({ providerExecutionId: pending.providerExecutionId, retryAfterSeconds: 9 });
  });

  it('a poll of an unknown execution is unknown, not a failure of the command', async () => {
    const outcome = expectKind(await client.poll('exec_missing', target), 'unknown');
    expect(outcome.error).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses what Smartcar cannot do without calling it', async () => {
    sim.resetCounts();
    const unsupported = expectKind(await send(CommandType.OPEN_LOCK), 'final');
    expect(unsupported.error?.code).toBe('COMMAND_NOT_SUPPORTED');
    const missing = expectKind(await send(CommandType.SET_CHARGE_LIMIT), 'final');
    expect(missing.error?.code).toBe('INVALID_PARAMETERS');
    const noUser = expectKind(await send(CommandType.LOCK, {}, { ...target, providerUserId: null }), 'final');
    expect(noUser.error?.code).toBe('INVALID_PARAMETERS');
    expect(sim.counts()).toEqual({});
  });

  it('no outcome carries the access token', () => {
    expect(outcomes.length).toBeGreaterThan(10);
    expectNoSecrets(outcomes, [sim.accessToken]);
  });
});
