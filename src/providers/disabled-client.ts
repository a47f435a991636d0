import type { CommandType, Provider } from '../domain/enums.js';
import { finalFailure } from './outcome.js';
import type { ProviderClient, ProviderOutcome } from './provider.js';

/**
 * A provider this server cannot reach: in production without its base URL,
 * or no longer registered while targets of it are stored. Its commands fail
 * at once with `PROVIDER_NOT_CONFIGURED`, saying why, instead of reaching a
 * simulator or a guessed URL.
 */
export class DisabledProviderClient implements ProviderClient {
  constructor(
    readonly provider: Provider,
    readonly supportedCommands: readonly CommandType[],
    /** Why, for the error: e.g. "SOME_BASE_URL is not set". */
    private readonly reason: string,
  ) {}

  async send(): Promise<ProviderOutcome> {
    return finalFailure(
      {
        code: 'PROVIDER_NOT_CONFIGURED',
        type: 'CONFIGURATION',
        title: 'Provider not configured',
        detail: `${this.provider} is disabled on this server: ${this.reason}`,
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
