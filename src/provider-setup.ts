import type { Logger } from 'pino';
import type { Config } from './config.js';
import { Provider } from './domain/enums.js';
import { DisabledProviderClient } from './providers/disabled-client.js';
import { MobwayClient, SmartcarClient, SpkeyClient } from './providers/index.js';
import { httpOptionsFrom, smartcarCommandTimeoutsFrom } from './providers/config.js';
import type { ProviderClient } from './providers/provider.js';
import { MobwaySimulator, SmartcarSimulator, SpkeySimulator } from './simulators/index.js';
import type { TargetRecord } from './store/records.js';

export type ProviderClients = Record<Provider, ProviderClient>;

export interface ProviderSetup {
  clients: ProviderClients;
  /** The in-process simulators this instance started, by provider. */
  simulators: Partial<{ SMARTCAR: SmartcarSimulator; MOBWAY: MobwaySimulator; SPKEY: SpkeySimulator }>;
  /** Makes a registered target known to its in-process simulator (a real provider knows it already). */
  introduce(target: TargetRecord): void;
  close(): Promise<void>;
}

/**
 * One client per provider: a provider whose base URL is set talks
 * to that URL; one that is not gets a built-in simulator on loopback, except
 * with NODE_ENV=production, where it is disabled and its commands fail clearly.
 */
export async function setUpProviders(config: Config, logger: Logger): Promise<ProviderSetup> {
  const timeout = config.providerTimeouts.requestTimeoutMs;
  const http = httpOptionsFrom({ request: { headersMs: timeout, bodyMs: timeout, totalMs: timeout * 2 } });
  const { smartcar, mobway, spkey } = config.providers;
  const simulators: ProviderSetup['simulators'] = {};
  const clients = {} as ProviderClients;

  try {
    if (smartcar.baseUrl) {
      clients.SMARTCAR = new SmartcarClient({ baseUrl: smartcar.baseUrl, accessToken: smartcar.accessToken! }, {
        http,
        commandTimeouts: smartcarCommandTimeoutsFrom(),
      });
    } else if (config.production) {
      clients.SMARTCAR = new DisabledProviderClient(Provider.SMARTCAR, 'SMARTCAR_BASE_URL');
    } else {
      const sim = (simulators.SMARTCAR = await SmartcarSimulator.start());
      clients.SMARTCAR = new SmartcarClient({ baseUrl: sim.url, accessToken: sim.accessToken }, {
        http,
        commandTimeouts: smartcarCommandTimeoutsFrom(),
      });
    }

    if (mobway.baseUrl) {
      clients.MOBWAY = new MobwayClient(
        { baseUrl: mobway.baseUrl, token: mobway.token!, signSecret: mobway.signSecret! },
        http,
      );
    } else if (config.production) {
      clients.MOBWAY = new DisabledProviderClient(Provider.MOBWAY, 'MOBWAY_BASE_URL');
    } else {
      const sim = (simulators.MOBWAY = await MobwaySimulator.start());
      clients.MOBWAY = new MobwayClient({ baseUrl: sim.url, token: sim.token, signSecret: sim.signSecret }, http);
    }

    if (spkey.baseUrl) {
      clients.SPKEY = new SpkeyClient({ baseUrl: spkey.baseUrl, token: spkey.token!, apiKey: spkey.apiKey! }, http);
    } else if (config.production) {
      clients.SPKEY = new DisabledProviderClient(Provider.SPKEY, 'SPKEY_BASE_URL');
    } else {
      const sim = (simulators.SPKEY = await SpkeySimulator.start());
      clients.SPKEY = new SpkeyClient({ baseUrl: sim.url, token: sim.token, apiKey: sim.apiKey }, http);
    }
  } catch (error) {
    await closeAll(clients, simulators);
    throw error;
  }

  for (const [provider, sim] of Object.entries(simulators)) {
    logger.info({ provider, url: sim.url }, 'built-in provider simulator listening');
  }

  return {
    clients,
    simulators,
    introduce(target) {
      if (target.provider === Provider.SMARTCAR && target.providerUserId) {
        simulators.SMARTCAR?.addVehicle(target.externalId, target.providerUserId);
      } else if (target.provider === Provider.MOBWAY) {
        simulators.MOBWAY?.addVin(target.externalId);
      } else if (target.provider === Provider.SPKEY) {
        simulators.SPKEY?.addLock(target.externalId);
      }
    },
    close: () => closeAll(clients, simulators),
  };
}

async function closeAll(clients: Partial<ProviderClients>, simulators: ProviderSetup['simulators']): Promise<void> {
  await Promise.allSettled([
    ...Object.values(clients).map((client) => client.close()),
    ...Object.values(simulators).map((sim) => sim.close()),
  ]);
}
