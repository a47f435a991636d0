import type { Logger } from 'pino';
import type { Config } from './config.js';
import { Provider } from './domain/enums.js';
import {
  closeProviderClients,
  createProviderClients,
  type DisabledProvider,
  type MobwayConfig,
  type SmartcarConfig,
  type SpkeyConfig,
} from './providers/index.js';
import type { ProviderClients } from './providers/provider.js';
import { MobwaySimulator, SmartcarSimulator, SpkeySimulator } from './simulators/index.js';
import type { TargetRecord } from './store/records.js';

export interface ProviderSetup {
  clients: ProviderClients;
  /** The in-process simulators this instance started, by provider. */
  simulators: Partial<{ SMARTCAR: SmartcarSimulator; MOBWAY: MobwaySimulator; SPKEY: SpkeySimulator }>;
  /** Makes a registered target known to its in-process simulator (a real provider knows it already). */
  introduce(target: TargetRecord): void;
  close(): Promise<void>;
}

/**
 * Where each provider's client points: a provider whose base URL is set
 * talks to that URL; one that is not gets a built-in simulator on loopback,
 * except with NODE_ENV=production, where it is disabled and its commands fail
 * clearly. The clients themselves come from the one factory,
 * `createProviderClients`.
 */
export async function setUpProviders(config: Config, logger: Logger): Promise<ProviderSetup> {
  const { smartcar, mobway, spkey } = config.providers;
  const simulators: ProviderSetup['simulators'] = {};
  const disabledFor: string[] = [];
  const disabled = (variable: string): DisabledProvider | undefined => {
    if (!config.production) return undefined;
    disabledFor.push(variable);
    return { disabledFor: variable };
  };
  // A built-in simulator, started and kept for `introduce` and `close`.
  const simulated = {
    smartcar: async (): Promise<SmartcarConfig> => {
      const sim = (simulators.SMARTCAR = await SmartcarSimulator.start());
      return { baseUrl: sim.url, accessToken: sim.accessToken };
    },
    mobway: async (): Promise<MobwayConfig> => {
      const sim = (simulators.MOBWAY = await MobwaySimulator.start());
      return { baseUrl: sim.url, token: sim.token, signSecret: sim.signSecret };
    },
    spkey: async (): Promise<SpkeyConfig> => {
      const sim = (simulators.SPKEY = await SpkeySimulator.start());
      return { baseUrl: sim.url, token: sim.token, apiKey: sim.apiKey };
    },
  };

  let clients: ProviderClients;
  try {
    clients = createProviderClients({
      smartcar: smartcar.baseUrl
        ? { baseUrl: smartcar.baseUrl, accessToken: smartcar.accessToken! }
        : (disabled('SMARTCAR_BASE_URL') ?? (await simulated.smartcar())),
      mobway: mobway.baseUrl
        ? { baseUrl: mobway.baseUrl, token: mobway.token!, signSecret: mobway.signSecret! }
        : (disabled('MOBWAY_BASE_URL') ?? (await simulated.mobway())),
      spkey: spkey.baseUrl
        ? { baseUrl: spkey.baseUrl, token: spkey.token!, apiKey: spkey.apiKey! }
        : (disabled('SPKEY_BASE_URL') ?? (await simulated.spkey())),
      timeouts: config.providerTimeouts,
    });
  } catch (error) {
    await closeAll({}, simulators);
    throw error;
  }

  for (const [provider, sim] of Object.entries(simulators)) {
    logger.info({ provider, url: sim.url }, 'built-in provider simulator listening');
  }
  // Said at start, not first discovered by a user whose command fails PROVIDER_NOT_CONFIGURED.
  for (const variable of disabledFor) {
    logger.warn(
      { variable },
      `${variable} is not set: this provider is disabled, and its commands fail PROVIDER_NOT_CONFIGURED`,
    );
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
  await Promise.allSettled([closeProviderClients(clients), ...Object.values(simulators).map((sim) => sim.close())]);
}
