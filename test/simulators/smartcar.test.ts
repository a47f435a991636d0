import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMARTCAR_DEFAULT_VEHICLE, SmartcarSimulator } from '../../src/providers/smartcar/simulator.js';
import { call } from './support.js';

const LOCK = `/vehicles/${SMARTCAR_DEFAULT_VEHICLE.vehicleId}/commands/security/lock`;

describe('Smartcar simulator contract', () => {
  let sim: SmartcarSimulator;
  let auth: Record<string, string>;

  beforeAll(async () => {
    sim = await SmartcarSimulator.start({ accessToken: 'sc-token' });
    auth = { authorization: 'Bearer sc-token', 'sc-user-id': SMARTCAR_DEFAULT_VEHICLE.userId };
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('answers a lock with the documented CommandResponse', async () => {
    const answer = await call(sim.url, 'POST', LOCK, { headers: auth });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      data: { type: 'command-execution', attributes: { commandType: 'security-lock', status: { value: 'SUCCESS' }, executionMode: 'sync' } },
    });
  });

  it('400 without sc-user-id, with the documented body', async () => {
    const answer = await call(sim.url, 'POST', LOCK, { headers: { authorization: 'Bearer sc-token' } });
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({
      errors: [
        {
          status: '400',
          type: 'VALIDATION',
          code: 'BAD_REQUEST',
          title: 'Bad Request',
          detail: 'The request could not be understood by the server due to malformed syntax.',
          links: { about: 'https://smartcar.com/docs/errors/api-errors/v3/validation-errors' },
        },
      ],
    });
  });

  it('401 without the token, 404 for an unknown route', async () => {
    expect((await call(sim.url, 'POST', LOCK, { headers: { 'sc-user-id': 'user_789xyz' } })).status).toBe(401);
    const unknown = await call(sim.url, 'GET', '/nowhere');
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ errors: [{ code: 'NOT_FOUND' }] });
  });

  it('400 for bad JSON and out-of-range parameters, never a crash', async () => {
    const path = `/vehicles/${SMARTCAR_DEFAULT_VEHICLE.vehicleId}/commands/charge/set-limit`;
    expect((await call(sim.url, 'POST', path, { headers: auth, body: '{"data":' })).status).toBe(400);
    expect((await call(sim.url, 'POST', path, { headers: auth, body: { data: { attributes: { percent: 101 } } } })).status).toBe(400);
    const ok = await call(sim.url, 'POST', path, { headers: auth, body: { data: { attributes: { percent: 80 } } } });
    expect(ok.json).toMatchObject({ data: { attributes: { commandType: 'charge-set-limit', parameters: { percent: 80 } } } });
  });

  it('keep-alive mode sends the 202 at once and the final body later', async () => {
    sim.configure({ mode: 'keepalive', completionDelayMs: 400 });
    try {
      const started = Date.now();
      const response = await request(sim.url + LOCK, { method: 'POST', headers: auth });
      const headersAfter = Date.now() - started;
      const body = JSON.parse(await response.body.text()) as { data: { attributes: { status: { value: string } } } };
      const bodyAfter = Date.now() - started;
      expect(response.statusCode).toBe(202);
      expect(headersAfter).toBeLessThan(300);
      expect(bodyAfter).toBeGreaterThanOrEqual(380);
      expect(body.data.attributes.status.value).toBe('SUCCESS');
    } finally {
      sim.configure({ mode: 'sync' });
    }
  });

  it('counts requests per route and serves them at /__sim/counts', async () => {
    sim.resetCounts();
    await call(sim.url, 'POST', LOCK, { headers: auth });
    await call(sim.url, 'POST', LOCK, { headers: auth });
    await call(sim.url, 'GET', '/nowhere');
    const expected = { 'POST /vehicles/:vehicleId/commands/security/lock': 2, unmatched: 1 };
    expect(sim.counts()).toEqual(expected);
    expect((await call(sim.url, 'GET', '/__sim/counts')).json).toEqual({ counts: expected });
  });

  it('takes knobs and forced failures over the admin routes, and rejects unknown knobs', async () => {
    const configured = await call(sim.url, 'POST', '/__sim/configure', { body: { target: SMARTCAR_DEFAULT_VEHICLE.vehicleId, knobs: { asleep: true } } });
    expect(configured.json).toMatchObject({ knobs: { asleep: true } });
    expect((await call(sim.url, 'POST', LOCK, { headers: auth })).status).toBe(409);
    sim.clearTarget(SMARTCAR_DEFAULT_VEHICLE.vehicleId);

    expect((await call(sim.url, 'POST', '/__sim/fail-next', { body: { count: 1, fault: 504 } })).status).toBe(200);
    expect((await call(sim.url, 'POST', LOCK, { headers: auth })).status).toBe(504);
    expect((await call(sim.url, 'POST', LOCK, { headers: auth })).status).toBe(200);

    expect((await call(sim.url, 'POST', '/__sim/configure', { body: { knobs: { warpSpeed: 9 } } })).status).toBe(400);
    expect((await call(sim.url, 'POST', '/__sim/configure', { body: { knobs: { mode: 'teleport' } } })).status).toBe(400);
    expect((await call(sim.url, 'POST', '/__sim/fail-next', { body: { fault: 418 } })).status).toBe(400);
    expect((await call(sim.url, 'POST', '/__sim/configure', { body: '[' })).status).toBe(400);
  });

  it('a seeded failure rate fails the same requests every run', async () => {
    async function pattern(): Promise<number[]> {
      const statuses: number[] = [];
      sim.configure({ failureRate: 0.5, seed: 7, failWith: 502 });
      for (let i = 0; i < 12; i += 1) statuses.push((await call(sim.url, 'POST', LOCK, { headers: auth })).status);
      sim.configure({ failureRate: 0 });
      return statuses;
    }
    const first = await pattern();
    expect(first).toContain(502);
    expect(first).toContain(200);
    expect(await pattern()).toEqual(first);
  });
});
