import type { CommandType, Provider } from '../domain/enums.js';
import { supportedCommands } from '../domain/capabilities.js';
import { finalFailure } from './outcome.js';
import type { ProviderClient, ProviderOutcome } from './provider.js';

/**
 * A provider with no base URL in production: its commands fail at once with a
 * clear error instead of reaching a simulator or a guessed URL.
 */
export class DisabledProviderClient implements ProviderClient {
  readonly supportedCommands: readonly CommandType[];

  constructor(
    readonly provider: Provider,
    private readonly variable: string,
  ) {
    this.supportedCommands = supportedCommands(provider);
  }

  async send(): Promise<ProviderOutcome> {
    return finalFailure(
      {
        code: 'PROVIDER_NOT_CONFIGURED',
        type: 'CONFIGURATION',
        title: 'Provider not configured',
        detail: `${this.provider} is disabled on this server: ${this.variable} is not set`,
        retryable: false,
      },
      { providerStatus: 'NOT_CONFIGURED' },
    );
  }

  async poll(): Promise<ProviderOutcome> {
    return this.send();
  }

  async close(): Promise<void> {}
}
