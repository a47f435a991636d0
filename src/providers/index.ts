import type { Provider } from '../domain/enums.js';
import type { ProviderTimeoutsConfig } from './config.js';
import { DisabledProviderClient } from './disabled-client.js';
import type { ProviderEndpoint } from './module.js';
import type { ProviderClient } from './provider.js';
import type { ProviderRegistry } from './registry.js';

export type { ProviderTimeoutsConfig } from './config.js';
export { ProviderHttpError, parseRetryAfter, type ProviderHttpErrorCode, type RequestTimeouts } from './http.js';
export type * from './provider.js';

/** Where one provider's client points: an endpoint, or nowhere (production without its base URL). */
export type ClientEndpoint = ProviderEndpoint | { disabledFor: string };

/**
 * The clients the engine sends and polls through, one per registered
 * provider, each with its own keep-alive pool. A stored target of a provider
 * no longer registered gets a client that refuses its commands.
 */
export class ProviderClients {
  private constructor(private readonly byName: ReadonlyMap<string, ProviderClient>) {}

  /**
   * Builds each registered provider's client from its module, all with the
   * same timeouts (a provider with long requests adds its own); a provider
   * without an endpoint gets a client that refuses every command, naming the
   * variable that would enable it. The app and the tests build clients here only.
   */
  static create(
    providers: ProviderRegistry,
    endpoints: Readonly<Record<string, ClientEndpoint>>,
    timeouts?: ProviderTimeoutsConfig,
  ): ProviderClients {
    const built = new Map<string, ProviderClient>();
    try {
      for (const module of providers.modules) {
        const endpoint = endpoints[module.name];
        if (endpoint === undefined) throw new Error(`no endpoint for provider ${module.name}`);
        built.set(
          module.name,
          'disabledFor' in endpoint
            ? new DisabledProviderClient(module.name, module.commands, `${endpoint.disabledFor} is not set`)
            : module.createClient(endpoint, timeouts),
        );
      }
    } catch (error) {
      // The pools already made are closed; the error is what the caller needs to see.
      void Promise.all([...built.values()].map((client) => client.close())).catch(() => {});
      throw error;
    }
    return new ProviderClients(built);
  }

  /** The client of a stored provider name. */
  of(provider: Provider): ProviderClient {
    return (
      this.byName.get(provider) ??
      new DisabledProviderClient(provider, [], 'it is not a provider of this server (no longer registered)')
    );
  }

  get all(): ProviderClient[] {
    return [...this.byName.values()];
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((client) => client.close()));
  }
}
