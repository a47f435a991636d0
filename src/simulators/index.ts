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
  const byProvider = await startedTogether(
    Object.fromEntries(
      providers.modules.map((module) => [
        module.name,
        module.startSimulator({ host, port: options.ports?.[module.name] ?? 0 }),
      ]),
    ),
  );
  return runningSimulators(byProvider, providers);
}

/**
 * Simulators starting at once, by name, once all have started. If one fails,
 * those that did start are closed (a failed start leaves no port open) and
 * its failure is thrown.
 */
export async function startedTogether<Starting extends Record<string, Promise<RunningSimulator>>>(
  starting: Starting,
): Promise<{ [Name in keyof Starting]: Awaited<Starting[Name]> }> {
  const names = Object.keys(starting);
  const started = await Promise.allSettled(Object.values(starting));
  const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) {
    await Promise.all(started.map((result) => (result.status === 'fulfilled' ? result.value.close() : undefined)));
    throw failure.reason;
  }
  const values = started.map((result) => (result as PromiseFulfilledResult<RunningSimulator>).value);
  return Object.fromEntries(names.map((name, i) => [name, values[i]])) as {
    [Name in keyof Starting]: Awaited<Starting[Name]>;
  };
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
