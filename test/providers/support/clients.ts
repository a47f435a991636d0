import { httpOptionsFrom, type ProviderTimeoutsConfig } from '../../../src/providers/config.js';
import { MobwayClient } from '../../../src/providers/mobway/client.js';
import { SmartcarClient } from '../../../src/providers/smartcar/client.js';
import { SpkeyClient } from '../../../src/providers/spkey/client.js';

/** Short limits so fault tests finish fast; the Smartcar command limits are the same on purpose. */
export const FAST_TIMEOUTS: ProviderTimeoutsConfig = {
  connectMs: 1_000,
  request: { headersMs: 400, bodyMs: 400, totalMs: 1_500 },
  smartcarCommand: { headersMs: 400, bodyMs: 400, totalMs: 1_500 },
  closeGraceMs: 100,
};

export function smartcarClient(baseUrl: string, accessToken: string, timeouts: ProviderTimeoutsConfig = FAST_TIMEOUTS): SmartcarClient {
  const http = httpOptionsFrom(timeouts);
  return new SmartcarClient({ baseUrl, accessToken }, { http, commandTimeouts: { ...http.request, ...timeouts.smartcarCommand } });
}

export function mobwayClient(baseUrl: string, token: string, signSecret: string, timeouts: ProviderTimeoutsConfig = FAST_TIMEOUTS): MobwayClient {
  return new MobwayClient({ baseUrl, token, signSecret }, httpOptionsFrom(timeouts));
}

export function spkeyClient(baseUrl: string, token: string, apiKey: string, timeouts: ProviderTimeoutsConfig = FAST_TIMEOUTS): SpkeyClient {
  return new SpkeyClient({ baseUrl, token, apiKey }, httpOptionsFrom(timeouts));
}
