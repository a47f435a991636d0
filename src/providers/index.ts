import { Provider } from '../domain/enums.js';
import {
  httpOptionsFrom,
  smartcarCommandTimeoutsFrom,
  type DisabledProvider,
  type MobwayConfig,
  type ProvidersConfig,
  type ProviderTimeoutsConfig,
  type SmartcarConfig,
  type SpkeyConfig,
} from './config.js';
import { MobwayClient } from './mobway/client.js';
import { DisabledProviderClient } from './disabled-client.js';
import type { ProviderClient, ProviderClients } from './provider.js';
import { SmartcarClient } from './smartcar/client.js';
import { SpkeyClient } from './spkey/client.js';

export type {
  DisabledProvider,
  MobwayConfig,
  ProviderTimeoutsConfig,
  ProvidersConfig,
  SmartcarConfig,
  SpkeyConfig,
} from './config.js';
export { DEFAULT_SMARTCAR_COMMAND_TIMEOUTS } from './config.js';
export { ProviderHttpError, parseRetryAfter, type ProviderHttpErrorCode, type RequestTimeouts } from './http.js';
export { mobwaySignature, canonicalMobwayJson } from './mobway/signature.js';
export { mobwayTimeToUtc, utcToMobwayTime, InvalidMobwayTimeError } from './mobway/time.js';
export { SMARTCAR_COMMAND_ROUTES, commandExecutionPath } from './smartcar/routes.js';
export { SPKEY_NOT_POLLABLE } from './spkey/client.js';
export { MobwayClient, SmartcarClient, SpkeyClient };
export type * from './provider.js';

/** A Smartcar client: the shared timeouts, and its own longer ones for command requests. */
export function smartcarClient(config: SmartcarConfig, timeouts?: ProviderTimeoutsConfig): SmartcarClient {
  return new SmartcarClient(config, {
    http: httpOptionsFrom(timeouts),
    commandTimeouts: smartcarCommandTimeoutsFrom(timeouts),
  });
}

export function mobwayClient(config: MobwayConfig, timeouts?: ProviderTimeoutsConfig): MobwayClient {
  return new MobwayClient(config, httpOptionsFrom(timeouts));
}

export function spkeyClient(config: SpkeyConfig, timeouts?: ProviderTimeoutsConfig): SpkeyClient {
  return new SpkeyClient(config, httpOptionsFrom(timeouts));
}

/**
 * One client per provider, each with its own keep-alive pool, all with the
 * same timeouts (Smartcar's long command requests have their own); a
 * disabled provider gets a client that refuses every command, naming the
 * variable that would enable it. The app and the tests build clients here
 * only, through this or the three builders above. Close them all with
 * `closeProviderClients`.
 */
export function createProviderClients(config: ProvidersConfig): ProviderClients {
  const { timeouts } = config;
  const built: Partial<ProviderClients> = {};
  const build = <T>(provider: Provider, endpoint: T | DisabledProvider, make: (endpoint: T) => ProviderClient) => {
    built[provider] =
      endpoint !== null && typeof endpoint === 'object' && 'disabledFor' in endpoint
        ? new DisabledProviderClient(provider, endpoint.disabledFor)
        : make(endpoint as T);
  };
  try {
    build(Provider.SMARTCAR, config.smartcar, (endpoint) => smartcarClient(endpoint, timeouts));
    build(Provider.MOBWAY, config.mobway, (endpoint) => mobwayClient(endpoint, timeouts));
    build(Provider.SPKEY, config.spkey, (endpoint) => spkeyClient(endpoint, timeouts));
  } catch (error) {
    // The pools already made are closed; the error is what the caller needs to see.
    void closeProviderClients(built).catch(() => {});
    throw error;
  }
  return built as ProviderClients;
}

export async function closeProviderClients(clients: Partial<ProviderClients>): Promise<void> {
  await Promise.all(Object.values(clients).map((client) => client.close()));
}
