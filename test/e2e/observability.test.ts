import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { providerEnv, startSimulators, type Simulators } from '../helpers/simulated-providers.js';
import {
  CommandExecutionUpdatedDocument,
  ConfirmIgnitionDocument,
  LockVehicleDocument,
  LocksDocument,
  OpenLockDocument,
  RequestIgnitionDocument,
  UnlockVehicleDocument,
  VehiclesDocument,
} from '../../generated/graphql/graphql.js';
import { registry as fleetRegistry } from '../helpers/registry.js';
import { FAST_ENGINE, TEST_SECRET, startTestApp, type TestApp } from '../helpers/test-app.js';
import { LogCapture } from '../helpers/log-capture.js';
import { data, watch } from '../helpers/typed-client.js';
import { wsClient } from '../helpers/ws-client.js';

describe('observability: logs and metrics while commands run', () => {
  let simulators: Simulators;
  let app: TestApp;
  const logs = new LogCapture();
  let alice: string;
  let admin: string;
  const secrets: string[] = [];

  beforeAll(async () => {
    simulators = await startSimulators({ mobway: { knobs: { completionDelayMs: 300 } } });
    const providers = providerEnv(simulators);
    const env = { ...FAST_ENGINE, ...providers };
    for (const name of ['SMARTCAR_ACCESS_TOKEN', 'MOBWAY_TOKEN', 'MOBWAY_SIGN_SECRET', 'SPKEY_TOKEN', 'SPKEY_API_KEY'])
      secrets.push(providers[name]!);
    secrets.push(TEST_SECRET);
    app = await startTestApp({ kind: 'memory' }, env, { logger: createLogger('debug', logs) });
    admin = await app.token({ sub: 'ops', roles: ['admin'] });
    alice = await app.token({ sub: 'alice' });
    secrets.push(admin, alice);
    const registry = fleetRegistry(app.url, admin);
    await registry.vehicle({ provider: 'MOBWAY', externalId: '6AHFT68CKAF501652' }, 'alice');
    await registry.vehicle(
      { provider: 'SMARTCAR', externalId: 'v_123abc456def', providerUserId: 'user_789xyz' },
      'alice',
    );
    await registry.lock({ provider: 'SPKEY', externalId: '123' }, 'alice');
  });
  afterAll(async () => {
    await app?.dispose();
    await simulators?.close();
  });

  async function runCommands() {
    const { vehicles } = await data(app.url, VehiclesDocument, {}, alice);
    const byProvider = Object.fromEntries(vehicles.edges.map((e) => [e.node.provider, e.node.id]));
    const lockId = (await data(app.url, LocksDocument, {}, alice)).locks.edges[0]!.node.id;
    const mobway = await data(
      app.url,
      LockVehicleDocument,
      { input: { vehicleId: byProvider.MOBWAY! } },
      { token: alice, headers: { 'x-request-id': 'req-mobway-lock-1' } },
    );
    const ws = wsClient(app.wsUrl, alice);
    await watch(ws, CommandExecutionUpdatedDocument, { id: mobway.lockVehicle.id }).completed();
    await ws.dispose();
    await data(app.url, UnlockVehicleDocument, { input: { vehicleId: byProvider.SMARTCAR! } }, alice);
    await data(app.url, OpenLockDocument, { input: { lockId, reason: 'delivery' } }, alice);
    const { requestIgnition: ignition } = await data(
      app.url,
      RequestIgnitionDocument,
      { input: { vehicleId: byProvider.MOBWAY!, enable: false } },
      alice,
    );
    await data(
      app.url,
      ConfirmIgnitionDocument,
      { input: { executionId: ignition.id, code: ignition.confirmation!.code! } },
      alice,
    );
    return mobway.lockVehicle.id;
  }

  it('ties every log line about a command to its request and execution, and logs no secret', async () => {
    const executionId = await runCommands();
    const lines = logs.lines.filter((l) => l.requestId === 'req-mobway-lock-1');
    expect(lines.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['command accepted', 'provider answered', 'request']),
    );
    for (const line of lines.filter((l) => l.msg !== 'request')) expect(line.executionId).toBe(executionId);
    const polled = logs.lines.filter((l) => l.msg === 'polled' && l.executionId === executionId);
    expect(polled.length).toBeGreaterThan(0);
    for (const line of logs.lines.filter((l) => /command|provider|polled|ignition/.test(l.msg))) {
      expect(line.executionId, JSON.stringify(line)).toMatch(/^cex_/);
    }

    const everything = logs.raw.join('\n');
    for (const secret of secrets)
      expect(everything.includes(secret), `a secret of length ${secret.length} appears in the logs`).toBe(false);
    expect(everything).not.toMatch(/Bearer\s+ey/);
  });

  it('writes one access line, under the id it answers with, for a query sent with a streaming Accept', async () => {
    // Taken ahead of express as a possible stream, then handed to Apollo Server: still one request.
    const response = await request(app.url, {
      method: 'POST',
      headers: {
        accept: 'multipart/mixed;boundary=graphql;subscriptionSpec=1.0,application/json',
        'content-type': 'application/json',
        authorization: `Bearer ${alice}`,
        'x-request-id': 'one-access-line',
      },
      body: JSON.stringify({ query: '{ vehicles { edges { node { id } } } }' }),
    });
    expect(response.statusCode).toBe(200);
    await response.body.json();
    const requestId = String(response.headers['x-request-id']);
    expect(requestId).toBe('one-access-line');
    await expect.poll(() => logs.lines.filter((l) => l.msg === 'request' && l.requestId === requestId)).toHaveLength(1);
    expect(logs.lines.filter((l) => l.msg === 'request' && l.requestId === requestId)[0]).toMatchObject({
      method: 'POST',
      path: '/graphql',
      status: 200,
    });
  });

  it('exposes Prometheus metrics that move while commands run', async () => {
    const scrape = async () => {
      const response = await request(app.url.replace('/graphql', '/metrics'));
      expect(response.headers['content-type']).toMatch(/text\/plain/);
      return response.body.text();
    };
    const value = (text: string, pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? 0);
    const finished = new RegExp(
      String.raw`^vehicle_access_commands_finished_total\{command_type="LOCK",provider="MOBWAY",` +
        String.raw`status="SUCCESS",error_code=""\} (\d+)`,
      'm',
    );
    const polls = /^vehicle_access_polls_total\{provider="MOBWAY",outcome="final"\} (\d+)/m;
    const before = await scrape();
    await runCommands();
    const after = await scrape();
    expect(value(after, finished)).toBe(value(before, finished) + 1);
    expect(value(after, polls)).toBeGreaterThan(value(before, polls));
    expect(after).toMatch(/^vehicle_access_commands_started_total\{command_type="OPEN_LOCK",provider="SPKEY"\} \d+/m);
    expect(after).toMatch(
      new RegExp(
        String.raw`^vehicle_access_provider_request_seconds_bucket\{le="0\.05",provider="SPKEY",` +
          String.raw`operation="send",outcome="final"\} \d+`,
        'm',
      ),
    );
    expect(after).toMatch(/^vehicle_access_active_subscriptions \d+/m);
    expect(after).toMatch(/^vehicle_access_event_push_delay_seconds_count \d+/m);
    expect(value(after, /^vehicle_access_event_push_delay_seconds_count (\d+)/m)).toBeGreaterThan(0);
    // The watched lock's SUCCESS was written to its socket: commit → last write, with exact quantiles.
    expect(value(after, /^vehicle_access_push_written_seconds_count (\d+)/m)).toBeGreaterThan(0);
    expect(after).toMatch(/^vehicle_access_push_written_seconds\{quantile="0\.99"\} [\d.e-]+$/m);
  });
});
