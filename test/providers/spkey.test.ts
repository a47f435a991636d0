import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CommandType, ExecutionMode } from '../../src/domain/enums.js';
import type { ProviderOutcome, ProviderTarget } from '../../src/providers/provider.js';
import type { SpkeyClient } from '../../src/providers/spkey/client.js';
import { SPKEY_DEFAULT_LOCK_ID, SpkeySimulator } from '../../src/providers/spkey/simulator.js';
import { spkeyClient } from './support/clients.js';
import { command, expectKind, expectNoSecrets } from './support/commands.js';
import { RawServer } from './support/raw-server.js';

const target: ProviderTarget = { externalId: SPKEY_DEFAULT_LOCK_ID, providerUserId: null };

describe('spkey client against the spkey simulator', () => {
  let sim: SpkeySimulator;
  let client: SpkeyClient;
  const outcomes: ProviderOutcome[] = [];

  async function open(via: SpkeyClient = client, to: ProviderTarget = target) {
    const outcome = await via.send(command(CommandType.OPEN_LOCK, to, { parameters: { reason: 'delivery' } }));
    outcomes.push(outcome);
    return outcome;
  }

  async function withClient(token: string, apiKey: string, run: (other: SpkeyClient) => Promise<void>) {
    const other = spkeyClient(sim.url, token, apiKey);
    try {
      await run(other);
    } finally {
      await other.close();
    }
  }

  beforeAll(async () => {
    sim = await SpkeySimulator.start();
    client = spkeyClient(sim.url, sim.token, sim.apiKey);
  });
  afterAll(async () => {
    await client?.close();
    await sim?.close();
  });
  afterEach(() => sim.configure({ shadowFailure: false }));

  it('200: final SUCCESS, providerExecutionId = aggregateId', async () => {
    const outcome = expectKind(await open(), 'final');
    expect(outcome).toMatchObject({ status: 'SUCCESS', executionMode: ExecutionMode.SYNC, error: null, providerStatus: 'success' });
    expect(outcome.providerExecutionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sim.counts()['POST /locks/:id/OpenLock']).toBeGreaterThanOrEqual(1);
  });

  it('401: a wrong token', async () => {
    await withClient('not-the-token', sim.apiKey, async (other) => {
      const outcome = expectKind(await open(other), 'final');
      expect(outcome.error).toMatchObject({
        code: 'UNAUTHORIZED',
        title: 'Unauthorized',
        detail: 'Authentication required. Please provide a valid API token',
        retryable: false,
      });
    });
  });

  it('403: an API key of another organisation', async () => {
    await withClient(sim.token, 'not-the-key', async (other) => {
      const outcome = expectKind(await open(other), 'final');
      expect(outcome.error).toMatchObject({ code: 'FORBIDDEN', title: 'Forbidden', retryable: false });
    });
  });

  it('404: an unknown lock', async () => {
    const outcome = expectKind(await open(client, { externalId: '999', providerUserId: null }), 'final');
    expect(outcome.error).toMatchObject({ code: 'LOCK_NOT_FOUND', detail: 'The requested resource was not found' });
  });

  it('502: the device shadow update failed, retryable', async () => {
    sim.configure({ shadowFailure: true });
    const outcome = expectKind(await open(), 'final');
    expect(outcome).toMatchObject({
      status: 'FAILURE',
      error: { code: 'SHADOW_UPDATE_FAILED', type: 'UPSTREAM', detail: 'Failed to update device shadow', retryable: true },
    });
  });

  it('poll() is NOT_POLLABLE: spkey answers synchronously', async () => {
    const outcome = expectKind(await client.poll('anything', target), 'unknown');
    expect(outcome.error).toMatchObject({ code: 'NOT_POLLABLE', retryable: false });
  });

  it('refuses other commands without a request', async () => {
    sim.resetCounts();
    const outcome = expectKind(await client.send(command(CommandType.LOCK, target)), 'final');
    expect(outcome.error?.code).toBe('COMMAND_NOT_SUPPORTED');
    expect(sim.counts()).toEqual({});
  });

  it('no outcome carries the token or the API key', () => {
    expectNoSecrets(outcomes, [sim.token, sim.apiKey]);
  });
});

describe('spkey client: request shape and odd answers', () => {
  let raw: RawServer;
  let client: SpkeyClient;

  beforeAll(async () => {
    raw = await RawServer.start();
    client = spkeyClient(raw.url, 'jwt-value', 'key-value');
  });
  afterAll(async () => {
    await client?.close();
    await raw?.close();
  });

  it('sends Bearer + X-API-Key and {requestId: executionId, reason}', async () => {
    raw.respondJson(200, { success: true, aggregateId: 'agg-1', version: 3.14, event: 'null' });
    raw.requests.length = 0;
    const sent = command(CommandType.OPEN_LOCK, target, { parameters: { reason: 'guest' } });
    expect(expectKind(await client.send(sent), 'final').providerExecutionId).toBe('agg-1');
    const [request] = raw.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/locks/123/OpenLock' });
    expect(request?.headers).toMatchObject({ authorization: 'Bearer jwt-value', 'x-api-key': 'key-value', 'content-type': 'application/json' });
    expect(JSON.parse(request?.body ?? '')).toEqual({ requestId: sent.executionId, reason: 'guest' });
  });

  it('success:false is a FAILURE with the error fields', async () => {
    raw.respondJson(200, { success: false, error: 'Error', message: 'Lock jammed' });
    const outcome = expectKind(await client.send(command(CommandType.OPEN_LOCK, target)), 'final');
    expect(outcome).toMatchObject({ status: 'FAILURE', error: { code: 'OPEN_LOCK_FAILED', title: 'Error', detail: 'Lock jammed' } });
  });

  it('success without aggregateId is unknown', async () => {
    raw.respondJson(200, { success: true });
    const outcome = expectKind(await client.send(command(CommandType.OPEN_LOCK, target)), 'unknown');
    expect(outcome.error.code).toBe('PROVIDER_UNEXPECTED_RESPONSE');
  });
});
