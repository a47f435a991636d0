import { Provider } from '../domain/enums.js';
import {
  httpOptionsFrom,
  smartcarCommandTimeoutsFrom,
  type DisabledProvider,
  type MobwayConfig,
  type ProvidersConfig,
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

/**
 * One client per provider, each with its own keep-alive pool, all with the
 * same timeouts (Smartcar's long command requests have their own); a
 * disabled provider gets a client that refuses every command, naming the
 * variable that would enable it. The app and the tests build clients here
 * only. Close them all with `closeProviderClients`.
 */
export function createProviderClients(config: ProvidersConfig): ProviderClients {
  const http = httpOptionsFrom(config.timeouts);
  const disabled = (provider: Provider, endpoint: object): ProviderClient | undefined =>
    'disabledFor' in endpoint
      ? new DisabledProviderClient(provider, (endpoint as DisabledProvider).disabledFor)
      : undefined;
  return {
    [Provider.SMARTCAR]:
      disabled(Provider.SMARTCAR, config.smartcar) ??
      new SmartcarClient(config.smartcar as SmartcarConfig, {
        http,
        commandTimeouts: smartcarCommandTimeoutsFrom(config.timeouts),
      }),
    [Provider.MOBWAY]:
      disabled(Provider.MOBWAY, config.mobway) ?? new MobwayClient(config.mobway as MobwayConfig, http),
    [Provider.SPKEY]: disabled(Provider.SPKEY, config.spkey) ?? new SpkeyClient(config.spkey as SpkeyConfig, http),
  };
}

export async function closeProviderClients(clients: Partial<ProviderClients>): Promise<void> {
  await Promise.allSettled(Object.values(clients).map((client) => client.close()));
}
