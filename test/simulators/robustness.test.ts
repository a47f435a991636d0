import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulators, type Simulators } from '../helpers/simulated-providers.js';
import { call } from './support.js';

/** Sends raw bytes and resolves with whatever comes back before the socket closes. */
function rawExchange(url: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => socket.end(bytes));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
  });
}

describe('the simulators survive bad input', () => {
  let simulators: Simulators;

  beforeAll(async () => {
    simulators = await startSimulators();
  });
  afterAll(async () => {
    await simulators?.close();
  });

  it('garbage instead of HTTP, a broken path encoding, an abandoned body — and still serve', async () => {
    for (const sim of [simulators.smartcar, simulators.mobway, simulators.spkey]) {
      await rawExchange(sim.url, 'NOT HTTP AT ALL\r\n\r\n');
      await rawExchange(sim.url, 'POST /vehicle-command HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"vin":');
      expect((await call(sim.url, 'POST', '/locks/%E0%A4%A/OpenLock')).status).toBe(404);
      expect((await call(sim.url, 'GET', '/__sim/counts')).status).toBe(200);
    }
  });
});
