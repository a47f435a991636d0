import type { ProviderTimeoutsConfig } from '../../../src/providers/config.js';
import type { MobwayClient } from '../../../src/providers/mobway/client.js';
import { mobway } from '../../../src/providers/mobway/module.js';
import type { SmartcarClient } from '../../../src/providers/smartcar/client.js';
import { smartcarClient as buildSmartcarClient } from '../../../src/providers/smartcar/module.js';
import type { SpkeyClient } from '../../../src/providers/spkey/client.js';
import { spkey } from '../../../src/providers/spkey/module.js';

/** Short limits so fault tests finish fast; long command limits are the same on purpose. */
export const FAST_TIMEOUTS: ProviderTimeoutsConfig = {
  connectMs: 1_000,
  request: { headersMs: 400, bodyMs: 400, totalMs: 1_500 },
  longCommand: { headersMs: 400, bodyMs: 400, totalMs: 1_500 },
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
  return mobway.createClient({ baseUrl, token, signSecret }, timeouts) as MobwayClient;
}

export function spkeyClient(baseUrl: string, token: string, apiKey: string, timeouts = FAST_TIMEOUTS): SpkeyClient {
  return spkey.createClient({ baseUrl, token, apiKey }, timeouts) as SpkeyClient;
}
