import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpkeySimulator } from '../../src/providers/spkey/simulator.js';
import { call } from './support.js';

describe('spkey simulator contract', () => {
  let sim: SpkeySimulator;
  const credentials = { authorization: 'Bearer spkey-jwt', 'x-api-key': 'spkey-key' };
  const body = { requestId: 'req-1', reason: 'test' };

  beforeAll(async () => {
    sim = await SpkeySimulator.start({ token: 'spkey-jwt', apiKey: 'spkey-key', locks: ['456'] });
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('opens a known lock: {success, aggregateId, version, event}, the version growing', async () => {
    const first = await call(sim.url, 'POST', '/locks/456/OpenLock', { headers: credentials, body });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ success: true, aggregateId: expect.any(String), version: 1, event: null });
    const second = await call(sim.url, 'POST', '/locks/456/OpenLock', { headers: credentials, body });
    expect(second.json).toMatchObject({ version: 2 });
  });

  it('401 without X-API-Key or token, 403 with a foreign key — documented bodies', async () => {
    const noKey = await call(sim.url, 'POST', '/locks/123/OpenLock', { headers: { authorization: 'Bearer spkey-jwt' }, body });
    expect(noKey.status).toBe(401);
    expect(noKey.json).toEqual({ error: 'Unauthorized', message: 'Authentication required. Please provide a valid API token', code: 401 });
    expect((await call(sim.url, 'POST', '/locks/123/OpenLock', { headers: { 'x-api-key': 'spkey-key' }, body })).status).toBe(401);
    const foreign = await call(sim.url, 'POST', '/locks/123/OpenLock', { headers: { ...credentials, 'x-api-key': 'other' }, body });
    expect(foreign.status).toBe(403);
    expect(foreign.json).toEqual({ error: 'Forbidden', message: "You don't have permission to access this resource", code: 403 });
  });

  it('404 for unknown or non-numeric locks', async () => {
    const unknown = await call(sim.url, 'POST', '/locks/999/OpenLock', { headers: credentials, body });
    expect(unknown.json).toEqual({ error: 'Not Found', message: 'The requested resource was not found', code: 404 });
    expect((await call(sim.url, 'POST', '/locks/abc/OpenLock', { headers: credentials, body })).status).toBe(404);
  });

  it('502 when the shadow update fails', async () => {
    sim.configureTarget('123', { shadowFailure: true });
    const failed = await call(sim.url, 'POST', '/locks/123/OpenLock', { headers: credentials, body });
    expect(failed.status).toBe(502);
    expect(failed.json).toEqual({ error: 'Error', message: 'Failed to update device shadow', code: 502 });
    expect((await call(sim.url, 'POST', '/locks/456/OpenLock', { headers: credentials, body })).status).toBe(200);
    sim.clearTarget('123');
  });

  it('400 for bad JSON, 429 with retry-after over the rate limit', async () => {
    expect((await call(sim.url, 'POST', '/locks/123/OpenLock', { headers: credentials, body: '{' })).status).toBe(400);
    sim.configure({ rateLimit: { maxRequests: 0, windowMs: 60_000, retryAfterSeconds: 5 } });
    const limited = await call(sim.url, 'POST', '/locks/123/OpenLock', { headers: credentials, body });
    sim.configure({ rateLimit: null });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('5');
  });

  it('answers an oversized body with 413 instead of dropping the connection', async () => {
    const huge = JSON.stringify({ requestId: 'x'.repeat(100_000) });
    expect((await call(sim.url, 'POST', '/locks/123/OpenLock', { headers: credentials, body: huge })).status).toBe(413);
  });
});
