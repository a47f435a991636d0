import type { MobwayConfig, ProviderTimeoutsConfig, SmartcarConfig, SpkeyConfig } from '../providers/config.js';

/** Endpoints and credentials of running simulators: every provider enabled. */
export interface SimulatedProvidersConfig {
  smartcar: SmartcarConfig;
  mobway: MobwayConfig;
  spkey: SpkeyConfig;
  timeouts?: ProviderTimeoutsConfig;
}
import { MobwaySimulator, type MobwaySimulatorOptions } from './mobway/simulator.js';
import { SmartcarSimulator, type SmartcarSimulatorOptions } from './smartcar/simulator.js';
import { SpkeySimulator, type SpkeySimulatorOptions } from './spkey/simulator.js';

export { MobwaySimulator, SmartcarSimulator, SpkeySimulator };
export { MOBWAY_DEFAULT_VIN, MOBWAY_KNOB_DEFAULTS, type MobwayFault, type MobwayKnobs } from './mobway/simulator.js';
export {
  SMARTCAR_DEFAULT_VEHICLE,
  SMARTCAR_KNOB_DEFAULTS,
  type SmartcarKnobs,
  type SmartcarMode,
} from './smartcar/simulator.js';
export { SPKEY_DEFAULT_LOCK_ID, SPKEY_KNOB_DEFAULTS, type SpkeyFault, type SpkeyKnobs } from './spkey/simulator.js';
export type { SmartcarErrorStatus } from './smartcar/errors.js';
export type { CommonKnobs, RateLimitKnob } from './kit/knobs.js';
export type { MobwaySimulatorOptions, SmartcarSimulatorOptions, SpkeySimulatorOptions };

export interface StartSimulatorsOptions {
  /** Default 127.0.0.1, applied to all three unless one sets its own. */
  host?: string;
  smartcar?: SmartcarSimulatorOptions;
  mobway?: MobwaySimulatorOptions;
  spkey?: SpkeySimulatorOptions;
}

export interface Simulators {
  smartcar: SmartcarSimulator;
  mobway: MobwaySimulator;
  spkey: SpkeySimulator;
  /** The providers configuration that points at these simulators. */
  providersConfig(timeouts?: ProviderTimeoutsConfig): SimulatedProvidersConfig;
  close(): Promise<void>;
}

/** Starts the three provider simulators on loopback (free ports by default). */
export async function startSimulators(options: StartSimulatorsOptions = {}): Promise<Simulators> {
  const host = options.host ?? '127.0.0.1';
  const started = await Promise.allSettled([
    SmartcarSimulator.start({ host, ...options.smartcar }),
    MobwaySimulator.start({ host, ...options.mobway }),
    SpkeySimulator.start({ host, ...options.spkey }),
  ]);
  const [smartcar, mobway, spkey] = started;
  if (smartcar.status !== 'fulfilled' || mobway.status !== 'fulfilled' || spkey.status !== 'fulfilled') {
    // Close whatever did start so a failed start leaves no port open.
    await Promise.all(started.map((result) => (result.status === 'fulfilled' ? result.value.close() : undefined)));
    const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    throw failure?.reason;
  }
  const simulators = { smartcar: smartcar.value, mobway: mobway.value, spkey: spkey.value };
  return {
    ...simulators,
    providersConfig: (timeouts) => ({
      smartcar: { baseUrl: simulators.smartcar.url, accessToken: simulators.smartcar.accessToken },
      mobway: {
        baseUrl: simulators.mobway.url,
        token: simulators.mobway.token,
        signSecret: simulators.mobway.signSecret,
      },
      spkey: { baseUrl: simulators.spkey.url, token: simulators.spkey.token, apiKey: simulators.spkey.apiKey },
      ...(timeouts === undefined ? {} : { timeouts }),
    }),
    close: async () => {
      await Promise.all([simulators.smartcar.close(), simulators.mobway.close(), simulators.spkey.close()]);
    },
  };
}
