import { Provider } from '../domain/enums.js';
import { httpOptionsFrom, smartcarCommandTimeoutsFrom, type ProvidersConfig } from './config.js';
import { MobwayClient } from './mobway/client.js';
import type { ProviderClient } from './provider.js';
import { SmartcarClient } from './smartcar/client.js';
import { SpkeyClient } from './spkey/client.js';

export type {
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

/** One client per provider, each with its own keep-alive pool. Close them all with `closeProviderClients`. */
export function createProviderClients(config: ProvidersConfig): Record<Provider, ProviderClient> {
  const http = httpOptionsFrom(config.timeouts);
  return {
    [Provider.SMARTCAR]: new SmartcarClient(config.smartcar, {
      http,
      commandTimeouts: smartcarCommandTimeoutsFrom(config.timeouts),
    }),
    [Provider.MOBWAY]: new MobwayClient(config.mobway, http),
    [Provider.SPKEY]: new SpkeyClient(config.spkey, http),
  };
}

export async function closeProviderClients(clients: Record<Provider, ProviderClient>): Promise<void> {
  await Promise.all(Object.values(clients).map((client) => client.close()));
}
