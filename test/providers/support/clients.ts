import {
  mobwayClient as buildMobwayClient,
  smartcarClient as buildSmartcarClient,
  spkeyClient as buildSpkeyClient,
  type MobwayClient,
  type ProviderTimeoutsConfig,
  type SmartcarClient,
  type SpkeyClient,
} from '../../../src/providers/index.js';

/** Short limits so fault tests finish fast; the Smartcar command limits are the same on purpose. */
export const FAST_TIMEOUTS: ProviderTimeoutsConfig = {
  connectMs: 1_000,
  request: { headersMs: 400, bodyMs: 400, totalMs: 1_500 },
  smartcarCommand: { headersMs: 400, bodyMs: 400, totalMs: 1_500 },
  closeGraceMs: 100,
};

/** The app's own builders, with the fast limits unless a test gives its own. */
export function smartcarClient(baseUrl: string, accessToken: string, timeouts = FAST_TIMEOUTS): SmartcarClient {
  return buildSmartcarClient({ baseUrl, accessToken }, timeouts);
}

export function mobwayClient(
  baseUrl: string,
  token: string,
  signSecret: string,
  timeouts = FAST_TIMEOUTS,
): MobwayClient {
  return buildMobwayClient({ baseUrl, token, signSecret }, timeouts);
}

export function spkeyClient(baseUrl: string, token: string, apiKey: string, timeouts = FAST_TIMEOUTS): SpkeyClient {
  return buildSpkeyClient({ baseUrl, token, apiKey }, timeouts);
}
