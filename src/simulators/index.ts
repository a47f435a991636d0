import type { ProviderEndpoint, RunningSimulator } from '../providers/module.js';
import { PROVIDERS, type ProviderRegistry } from '../providers/registry.js';

export interface StartSimulatorsOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** A port per provider name (default: free ports). */
  ports?: Readonly<Record<string, number>>;
}

/** Every registered provider's simulator, running. */
export interface RunningSimulators {
  readonly byProvider: Readonly<Record<string, RunningSimulator>>;
  /** The endpoints that point clients at them, by provider name. */
  endpoints(): Record<string, ProviderEndpoint>;
  /** The environment that points an app at them: each module's variables. */
  env(): Record<string, string>;
  close(): Promise<void>;
}

/** Starts each registered provider's simulator on loopback; a failed start closes those that started. */
export async function startSimulators(
  options: StartSimulatorsOptions = {},
  providers: ProviderRegistry = PROVIDERS,
): Promise<RunningSimulators> {
  const host = options.host ?? '127.0.0.1';
  const started = await Promise.allSettled(
    providers.modules.map((module) => module.startSimulator({ host, port: options.ports?.[module.name] ?? 0 })),
  );
  const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  const running = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  if (failure) {
    // Close whatever did start so a failed start leaves no port open.
    await Promise.all(running.map((simulator) => simulator.close()));
    throw failure.reason;
  }
  return runningSimulators(
    Object.fromEntries(providers.modules.map((module, i) => [module.name, running[i]!])),
    providers,
  );
}

/** Simulators already started, one per registered provider, as one. */
export function runningSimulators(
  byProvider: Readonly<Record<string, RunningSimulator>>,
  providers: ProviderRegistry = PROVIDERS,
): RunningSimulators {
  return {
    byProvider,
    endpoints: () => Object.fromEntries(Object.entries(byProvider).map(([name, sim]) => [name, sim.endpoint])),
    env: () => simulatorEnv(providers, byProvider),
    close: async () => {
      await Promise.all(Object.values(byProvider).map((simulator) => simulator.close()));
    },
  };
}

function simulatorEnv(
  providers: ProviderRegistry,
  byProvider: Readonly<Record<string, RunningSimulator>>,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { name, environment } of providers.modules) {
    const endpoint = byProvider[name]!.endpoint;
    env[environment.baseUrl] = endpoint.baseUrl;
    for (const [credential, variable] of Object.entries<string>(environment.credentials)) {
      env[variable] = endpoint[credential]!;
    }
  }
  return env;
}
