import type { ProviderSetup } from '../../src/provider-setup.js';
import { MobwaySimulator, type MobwaySimulatorOptions } from '../../src/providers/mobway/simulator.js';
import { SmartcarSimulator, type SmartcarSimulatorOptions } from '../../src/providers/smartcar/simulator.js';
import { SpkeySimulator, type SpkeySimulatorOptions } from '../../src/providers/spkey/simulator.js';
import { runningSimulators, startedTogether, type RunningSimulators } from '../../src/simulators/index.js';

/** The three production providers' simulators, typed: what the tests configure and count. */
export interface Simulators extends RunningSimulators {
  smartcar: SmartcarSimulator;
  mobway: MobwaySimulator;
  spkey: SpkeySimulator;
}

export interface SimulatorOptions {
  smartcar?: SmartcarSimulatorOptions;
  mobway?: MobwaySimulatorOptions;
  spkey?: SpkeySimulatorOptions;
}

/** Starts the production providers' simulators on loopback, each with its options: they outlive app restarts. */
export async function startSimulators(options: SimulatorOptions = {}): Promise<Simulators> {
  const { SMARTCAR, MOBWAY, SPKEY } = await startedTogether({
    SMARTCAR: SmartcarSimulator.start(options.smartcar),
    MOBWAY: MobwaySimulator.start(options.mobway),
    SPKEY: SpkeySimulator.start(options.spkey),
  });
  return {
    ...runningSimulators({ SMARTCAR, MOBWAY, SPKEY }),
    smartcar: SMARTCAR,
    mobway: MOBWAY,
    spkey: SPKEY,
  };
}

/** The env that points an app at standalone simulators (which then outlive app restarts). */
export function providerEnv(simulators: RunningSimulators): Record<string, string> {
  return simulators.env();
}

/** An app's in-process simulators, typed (it runs them when no base URL is configured). */
export function simulated(app: { providers: ProviderSetup }): {
  smartcar: SmartcarSimulator;
  mobway: MobwaySimulator;
  spkey: SpkeySimulator;
} {
  const { SMARTCAR, MOBWAY, SPKEY } = app.providers.simulators;
  if (!SMARTCAR || !MOBWAY || !SPKEY) throw new Error('this app runs no in-process simulators');
  return { smartcar: SMARTCAR as SmartcarSimulator, mobway: MOBWAY as MobwaySimulator, spkey: SPKEY as SpkeySimulator };
}
