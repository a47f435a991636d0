import type { Logger } from 'pino';
import type { Config } from './config.js';
import { ProviderClients, type ClientEndpoint } from './providers/index.js';
import type { RunningSimulator } from './providers/module.js';
import type { ProviderRegistry } from './providers/registry.js';
import type { TargetRecord } from './store/records.js';

export interface ProviderSetup {
  readonly registry: ProviderRegistry;
  clients: ProviderClients;
  /** The in-process simulators this instance started, by provider name. */
  simulators: Readonly<Record<string, RunningSimulator>>;
  /** Makes a registered target known to its in-process simulator (a real provider knows it already). */
  introduce(target: TargetRecord): void;
  close(): Promise<void>;
}

/**
 * Where each registered provider's client points: a provider whose base URL
 * is set talks to that URL; one that is not gets its built-in simulator on
 * loopback, except with NODE_ENV=production, where it is disabled and its
 * commands fail clearly. A stored target of a provider no longer registered
 * is reported here, at start, not first by a user whose command fails.
 */
export async function setUpProviders(
  config: Config,
  registry: ProviderRegistry,
  storedProviders: readonly string[],
  logger: Logger,
): Promise<ProviderSetup> {
  const simulators: Record<string, RunningSimulator> = {};
  const endpoints: Record<string, ClientEndpoint> = {};
  let clients: ProviderClients;
  try {
    for (const module of registry.modules) {
      const configured = config.providerEndpoints[module.name];
      if (configured) endpoints[module.name] = configured;
      else if (config.production) endpoints[module.name] = { disabledFor: module.environment.baseUrl };
      else {
        const simulator = (simulators[module.name] = await module.startSimulator());
        endpoints[module.name] = simulator.endpoint;
      }
    }
    clients = ProviderClients.create(registry, endpoints, config.providerTimeouts);
  } catch (error) {
    await closeAll(undefined, simulators);
    throw error;
  }

  for (const [provider, simulator] of Object.entries(simulators)) {
    logger.info({ provider, url: simulator.url }, 'built-in provider simulator listening');
  }
  for (const [provider, endpoint] of Object.entries(endpoints)) {
    if (!('disabledFor' in endpoint)) continue;
    const variable = endpoint.disabledFor;
    logger.warn(
      { provider, variable },
      `${variable} is not set: this provider is disabled, and its commands fail PROVIDER_NOT_CONFIGURED`,
    );
  }
  for (const provider of storedProviders.filter((name) => registry.find(name) === undefined)) {
    logger.warn(
      { provider },
      `targets of ${provider} are stored, but it is not a provider of this server: their commands fail PROVIDER_NOT_CONFIGURED`,
    );
  }

  return {
    registry,
    clients,
    simulators,
    introduce(target) {
      simulators[target.provider]?.introduce(target);
    },
    close: () => closeAll(clients, simulators),
  };
}

async function closeAll(clients: ProviderClients | undefined, simulators: Record<string, RunningSimulator>) {
  await Promise.allSettled([clients?.close(), ...Object.values(simulators).map((simulator) => simulator.close())]);
}
