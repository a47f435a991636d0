import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandType } from '../../src/domain/enums.js';
import { ProviderClients } from '../../src/providers/index.js';
import { MOBWAY_DEFAULT_VIN } from '../../src/providers/mobway/simulator.js';
import { PROVIDERS } from '../../src/providers/registry.js';
import { DEFAULT_SMARTCAR_COMMAND_TIMEOUTS } from '../../src/providers/smartcar/module.js';
import { SMARTCAR_DEFAULT_VEHICLE } from '../../src/providers/smartcar/simulator.js';
import { SPKEY_DEFAULT_LOCK_ID } from '../../src/providers/spkey/simulator.js';
import { startSimulators, type Simulators } from '../helpers/simulated-providers.js';
import { command, expectKind } from './support/commands.js';

describe('ProviderClients.create + the simulators', () => {
  let simulators: Simulators;
  let clients: ProviderClients;

  beforeAll(async () => {
    simulators = await startSimulators();
    clients = ProviderClients.create(PROVIDERS, simulators.endpoints());
  });
  afterAll(async () => {
    await clients?.close();
    await simulators?.close();
  });

  it('builds one client per registered provider, supporting what its module declares', () => {
    expect(clients.all.map((client) => client.provider)).toEqual(PROVIDERS.names);
    for (const module of PROVIDERS.modules) {
      expect(clients.of(module.name).supportedCommands).toEqual(module.commands);
    }
  });

  it('answers PROVIDER_NOT_CONFIGURED for a stored provider that is no longer registered', async () => {
    const gone = clients.of('NO_LONGER_REGISTERED');
    expect(gone.supportedCommands).toEqual([]);
    const outcome = await gone.send(command(CommandType.LOCK, { externalId: 'x', providerUserId: null }));
    expect(expectKind(outcome, 'final').error?.code).toBe('PROVIDER_NOT_CONFIGURED');
  });

  it('each client talks to its simulator', async () => {
    const smartcar = await clients
      .of('SMARTCAR')
      .send(
        command(CommandType.LOCK, {
          externalId: SMARTCAR_DEFAULT_VEHICLE.vehicleId,
          providerUserId: SMARTCAR_DEFAULT_VEHICLE.userId,
        }),
      );
    expect(expectKind(smartcar, 'final').status).toBe('SUCCESS');
    const mobway = await clients
      .of('MOBWAY')
      .send(command(CommandType.LOCK, { externalId: MOBWAY_DEFAULT_VIN, providerUserId: null }));
    expectKind(mobway, 'pending');
    const spkey = await clients
      .of('SPKEY')
      .send(command(CommandType.OPEN_LOCK, { externalId: SPKEY_DEFAULT_LOCK_ID, providerUserId: null }));
    expect(expectKind(spkey, 'final').status).toBe('SUCCESS');
    expect(simulators.smartcar.counts()).toEqual({ 'POST /vehicles/:vehicleId/commands/security/lock': 1 });
    expect(simulators.mobway.counts()).toEqual({ 'POST /vehicle-command': 1 });
    expect(simulators.spkey.counts()).toEqual({ 'POST /locks/:id/OpenLock': 1 });
  });

  it('gives Smartcar commands their own, longer limits than ordinary requests', async () => {
    expect(DEFAULT_SMARTCAR_COMMAND_TIMEOUTS.headersMs).toBeGreaterThanOrEqual(5 * 60_000);
    expect(DEFAULT_SMARTCAR_COMMAND_TIMEOUTS.bodyMs).toBeGreaterThanOrEqual(5 * 60_000);

    const tight = ProviderClients.create(PROVIDERS, simulators.endpoints(), {
      request: { headersMs: 150, bodyMs: 150, totalMs: 250 },
      longCommand: { headersMs: 2_000, bodyMs: 2_000, totalMs: 3_000 },
    });
    simulators.smartcar.configure({ mode: 'keepalive', completionDelayMs: 400 });
    simulators.mobway.configure({ latencyMs: 400 });
    try {
      const smartcar = await tight
        .of('SMARTCAR')
        .send(
          command(CommandType.LOCK, {
            externalId: SMARTCAR_DEFAULT_VEHICLE.vehicleId,
            providerUserId: SMARTCAR_DEFAULT_VEHICLE.userId,
          }),
        );
      expect(expectKind(smartcar, 'final').status).toBe('SUCCESS');
      const mobway = await tight
        .of('MOBWAY')
        .send(command(CommandType.LOCK, { externalId: MOBWAY_DEFAULT_VIN, providerUserId: null }));
      expect(expectKind(mobway, 'unknown').error.code).toMatch(/^PROVIDER_(HEADERS_)?TIMEOUT$/);
    } finally {
      simulators.smartcar.configure({ mode: 'sync' });
      simulators.mobway.configure({ latencyMs: 0 });
      await tight.close();
    }
  });
});
