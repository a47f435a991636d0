import { simulated } from './simulated-providers.js';
import { afterAll, beforeAll } from 'vitest';
import { lockVehicle } from './commands.js';
import type { TestDatabase } from './databases.js';
import { appRegistry } from './registry.js';
import { FAST_ENGINE, startTestApp, type TestApp } from './test-app.js';

/** Mobway VINs the simulator accepts once registered. */
const VINS = ['1HGCM82633A004352', '2HGCM82633A004353'];
/** A VIN for each command sent on a vehicle of its own. */
let commandVins = 0;
const commandVin = () => `9HGCM8263${String(++commandVins).padStart(8, '0')}`;

export interface StreamingFixture {
  app: TestApp;
  alice: string;
  /** A vehicle for commands that complete. */
  vehicleId: string;
  /** A vehicle for commands held PENDING (revoke tests revoke and re-grant it). */
  heldVehicleId: string;
  /**
   * A Mobway command whose completion the simulator holds for `delayMs`, on
   * `on` or else on a vehicle of its own (commands to one vehicle are sent one
   * at a time: a suite's commands must not wait behind each other); answers
   * its execution id.
   */
  command(delayMs?: number, on?: string): Promise<string>;
}

/**
 * What every streaming-transport suite starts from: an app on the given
 * store, alice with two Mobway vehicles. Call inside a describe block; the
 * app and database are disposed after it. `extraEnv` is awaited first (a
 * suite that needs a callback receiver starts it there).
 */
export function streamingFixture(
  create: () => Promise<TestDatabase>,
  extraEnv: () => Promise<Record<string, string>> | Record<string, string> = () => ({}),
): StreamingFixture {
  let database: TestDatabase | undefined;
  const fixture = {
    async command(delayMs = 1_500, on?: string) {
      simulated(fixture.app).mobway.configure({ completionDelayMs: delayMs });
      const vehicleId =
        on ?? (await (await appRegistry(fixture.app)).vehicle({ provider: 'MOBWAY', externalId: commandVin() }, 'alice'));
      return (await lockVehicle(fixture.app.url, vehicleId, fixture.alice)).id;
    },
  } as StreamingFixture;
  beforeAll(async () => {
    const env = { ...FAST_ENGINE, ...(await extraEnv()) };
    database = await create();
    fixture.app = await startTestApp(database.location, env);
    fixture.alice = await fixture.app.token({ sub: 'alice' });
    const registry = await appRegistry(fixture.app);
    fixture.vehicleId = await registry.vehicle({ provider: 'MOBWAY', externalId: VINS[0]! }, 'alice');
    fixture.heldVehicleId = await registry.vehicle({ provider: 'MOBWAY', externalId: VINS[1]! }, 'alice');
  }, 60_000);
  afterAll(async () => {
    await fixture.app?.dispose();
    await database?.drop();
  });
  return fixture;
}
