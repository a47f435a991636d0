import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOBWAY_DEFAULT_VIN, MobwaySimulator } from '../../src/providers/mobway/simulator.js';
import { waitFor } from '../providers/support/wait.js';
import { call } from './support.js';

const SECRET = 'mobway-secret';
const VIN = MOBWAY_DEFAULT_VIN;

/** Signed independently of the client code, over a hand-written body. */
function sign(command: string, vin: string = VIN): string {
  return createHmac('sha256', SECRET).update(`{"command":"${command}","vin":"${vin}"}`).digest('hex');
}

describe('Mobway simulator contract', () => {
  let sim: MobwaySimulator;
  const bearer = { authorization: 'Bearer mobway-token' };

  function post(body: object | string, signature: string | undefined) {
    return call(sim.url, 'POST', '/vehicle-command', { headers: signature === undefined ? bearer : { ...bearer, 'x-signature': signature }, body });
  }

  beforeAll(async () => {
    sim = await MobwaySimulator.start({ token: 'mobway-token', signSecret: SECRET, knobs: { completionDelayMs: 200 } });
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('accepts a correctly signed command: Pending, then Success with a UTC-3 `updated`', async () => {
    const answer = await post({ vin: VIN, command: 'lock_door' }, sign('lock_door'));
    expect(answer.status).toBe(200);
    const pending = answer.json as { id: string; status: string; created: string };
    expect(pending).toMatchObject({ vin: VIN, command: 'lock_door', status: 'Pending' });
    expect(pending.created).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const done = await waitFor(async () => {
      const read = await call(sim.url, 'GET', `/vehicle-command/${pending.id}`, { headers: bearer });
      const body = read.json as { status: string; updated: string };
      return body.status === 'Pending' ? undefined : body;
    });
    expect(done).toMatchObject({ id: pending.id, status: 'Success', detail: null });
    expect(done.updated).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('rejects a wrong signature and a missing one, with the documented texts', async () => {
    const wrong = await post({ vin: VIN, command: 'lock_door' }, sign('unlock_door'));
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({ detail: 'X-Signature invalid.' });
    expect((await post({ vin: VIN, command: 'lock_door' }, undefined)).json).toEqual({ detail: 'Sign-secret not found.' });
  });

  it('rejects a signature that covers the code', async () => {
    const asked = (await post({ vin: VIN, command: 'enable_ignition' }, sign('enable_ignition'))).json as { code: string };
    const signedWithCode = createHmac('sha256', SECRET)
      .update(`{"code":"${asked.code}","command":"enable_ignition","vin":"${VIN}"}`)
      .digest('hex');
    const answer = await post({ vin: VIN, command: 'enable_ignition', code: asked.code }, signedWithCode);
    expect(answer.json).toEqual({ detail: 'X-Signature invalid.' });
  });

  it('two-step ignition: a single-use 6-digit code and a Portuguese message', async () => {
    const first = await post({ vin: VIN, command: 'disable_ignition' }, sign('disable_ignition'));
    const asked = first.json as { id: string; status: string; code: string; message: string };
    expect(asked).toMatchObject({ vin: VIN, command: 'disable_ignition', status: 'Confirmation' });
    expect(asked.code).toMatch(/^\d{6}$/);
    expect(asked.message).toContain('ignição');

    const confirmed = await post({ vin: VIN, command: 'disable_ignition', code: asked.code }, sign('disable_ignition'));
    expect(confirmed.json).toMatchObject({ id: asked.id, status: 'Pending' });
    const reused = await post({ vin: VIN, command: 'disable_ignition', code: asked.code }, sign('disable_ignition'));
    expect(reused.json).toEqual({ detail: 'Confirmation already used' });
    const invalid = await post({ vin: VIN, command: 'disable_ignition', code: 'abcdef' }, sign('disable_ignition'));
    expect(invalid.json).toEqual({ detail: 'Confirmation invalid' });
  });

  it('validates vin and command, and knows its VINs', async () => {
    expect((await post({ command: 'lock_door' }, sign('lock_door'))).json).toEqual({
      detail: 'Invalid VIN. VIN must be a string. At least one VIN is required.',
    });
    expect((await post({ vin: VIN, command: 7 }, sign('lock_door'))).json).toEqual({
      detail: 'Invalid command. Command must be a string. At least one command is required.',
    });
    const otherVin = '2FTRX18W1XCA12345';
    expect((await post({ vin: otherVin, command: 'lock_door' }, sign('lock_door', otherVin))).json).toEqual({
      detail: 'VIN not found or unauthorized access.',
    });
    expect((await post({ vin: VIN, command: 'fly' }, sign('fly'))).json).toEqual({ detail: 'Command not found or unauthorized access.' });
  });

  it('bad JSON and a wrong token get a {detail} answer, never a crash', async () => {
    const bad = await post('{"vin":', sign('lock_door'));
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ detail: expect.any(String) });
    const stranger = await call(sim.url, 'GET', '/vehicle-command/x', { headers: { authorization: 'Bearer nope' } });
    expect(stranger.status).toBe(401);
  });
});
