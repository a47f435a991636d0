import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supportedCommands } from '../../src/domain/capabilities.js';
import { CommandType, Provider } from '../../src/domain/enums.js';
import { closeProviderClients, createProviderClients, DEFAULT_SMARTCAR_COMMAND_TIMEOUTS } from '../../src/providers/index.js';
import type { ProviderClient } from '../../src/providers/provider.js';
import { MOBWAY_DEFAULT_VIN, SMARTCAR_DEFAULT_VEHICLE, SPKEY_DEFAULT_LOCK_ID, startSimulators, type Simulators } from '../../src/simulators/index.js';
import { command, expectKind } from './support/commands.js';

describe('createProviderClients + startSimulators', () => {
  let simulators: Simulators;
  let clients: Record<Provider, ProviderClient>;

  beforeAll(async () => {
    simulators = await startSimulators();
    clients = createProviderClients(simulators.providersConfig());
  });
  afterAll(async () => {
    if (clients !== undefined) await closeProviderClients(clients);
    await simulators?.close();
  });

  it('builds one client per provider with its supported commands', () => {
    for (const provider of Object.values(Provider)) {
      expect(clients[provider].provider).toBe(provider);
      expect(clients[provider].supportedCommands).toEqual(supportedCommands(provider));
    }
  });

  it('each client talks to its simulator', async () => {
    const smartcar = await clients.SMARTCAR.send(
      command(CommandType.LOCK, { externalId: SMARTCAR_DEFAULT_VEHICLE.vehicleId, providerUserId: SMARTCAR_DEFAULT_VEHICLE.userId }),
    );
    expect(expectKind(smartcar, 'final').status).toBe('SUCCESS');
    const mobway = await clients.MOBWAY.send(command(CommandType.LOCK, { externalId: MOBWAY_DEFAULT_VIN, providerUserId: null }));
    expectKind(mobway, 'pending');
    const spkey = await clients.SPKEY.send(command(CommandType.OPEN_LOCK, { externalId: SPKEY_DEFAULT_LOCK_ID, providerUserId: null }));
    expect(expectKind(spkey, 'final').status).toBe('SUCCESS');
    expect(simulators.smartcar.counts()).toEqual({ 'POST /vehicles/:vehicleId/commands/security/lock': 1 });
    expect(simulators.mobway.counts()).toEqual({ 'POST /vehicle-command': 1 });
    expect(simulators.spkey.counts()).toEqual({ 'POST /locks/:id/OpenLock': 1 });
  });

  it('gives Smartcar commands their own, longer limits than ordinary requests', async () => {
    expect(DEFAULT_SMARTCAR_COMMAND_TIMEOUTS.headersMs).toBeGreaterThanOrEqual(5 * 60_000);
    expect(DEFAULT_SMARTCAR_COMMAND_TIMEOUTS.bodyMs).toBeGreaterThanOrEqual(5 * 60_000);

    const tight = createProviderClients(
      simulators.providersConfig({
        request: { headersMs: 150, bodyMs: 150, totalMs: 250 },
        smartcarCommand: { headersMs: 2_000, bodyMs: 2_000, totalMs: 3_000 },
      }),
    );
    simulators.smartcar.configure({ mode: 'keepalive', completionDelayMs: 400 });
    simulators.mobway.configure({ latencyMs: 400 });
    try {
      const smartcar = await tight.SMARTCAR.send(
        command(CommandType.LOCK, { externalId: SMARTCAR_DEFAULT_VEHICLE.vehicleId, providerUserId: SMARTCAR_DEFAULT_VEHICLE.userId }),
      );
      expect(expectKind(smartcar, 'final').status).toBe('SUCCESS');
      const mobway = await tight.MOBWAY.send(command(CommandType.LOCK, { externalId: MOBWAY_DEFAULT_VIN, providerUserId: null }));
      expect(expectKind(mobway, 'unknown').error.code).toMatch(/^PROVIDER_(HEADERS_)?TIMEOUT$/);
    } finally {
      simulators.smartcar.configure({ mode: 'sync' });
      simulators.mobway.configure({ latencyMs: 0 });
      await closeProviderClients(tight);
    }
  });
});
