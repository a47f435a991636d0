import type { Simulators } from '../../src/simulators/index.js';

/** The env that points an app at standalone simulators (which then outlive app restarts). */
export function providerEnv(simulators: Simulators): Record<string, string> {
  const { smartcar, mobway, spkey } = simulators.providersConfig();
  return {
    SMARTCAR_BASE_URL: smartcar.baseUrl,
    SMARTCAR_ACCESS_TOKEN: smartcar.accessToken,
    MOBWAY_BASE_URL: mobway.baseUrl,
    MOBWAY_TOKEN: mobway.token,
    MOBWAY_SIGN_SECRET: mobway.signSecret,
    SPKEY_BASE_URL: spkey.baseUrl,
    SPKEY_TOKEN: spkey.token,
    SPKEY_API_KEY: spkey.apiKey,
  };
}
