import type { CommandType, Provider } from '../domain/enums.js';
import { commandsOf, type CommandTable } from './command-table.js';
import { ProviderHttp, type ProviderHttpOptions } from './http.js';
import { guardOutcome } from './outcome.js';
import type { ProviderClient, ProviderOutcome, ProviderTarget, SendCommand } from './provider.js';

/**
 * What every HTTP provider client shares: its pool, its capabilities, and the
 * guard that keeps `send`/`poll` from throwing and scrubs its credentials.
 */
export abstract class HttpProviderClient implements ProviderClient {
  readonly supportedCommands: readonly CommandType[];
  protected readonly http: ProviderHttp;

  protected constructor(
    readonly provider: Provider,
    /** For messages: the provider's title. */
    providerName: string,
    /** Its command table: what the client supports. */
    commands: CommandTable<unknown>,
    baseUrl: string,
    httpOptions: ProviderHttpOptions,
    /** Every credential this client holds; none may appear in an outcome. */
    private readonly secrets: readonly string[],
  ) {
    this.supportedCommands = commandsOf(commands);
    this.http = new ProviderHttp(providerName, baseUrl, httpOptions);
  }

  abstract send(command: SendCommand): Promise<ProviderOutcome>;
  abstract poll(providerExecutionId: string, target: ProviderTarget, signal?: AbortSignal): Promise<ProviderOutcome>;

  close(): Promise<void> {
    return this.http.close();
  }

  /**
   * Runs one operation under `guardOutcome`. `redactAlso` adds a secret
   * derived for this request alone (a signature), scrubbed with the client's
   * own: the list is read once `run` has finished.
   */
  protected guard(run: (redactAlso: (secret: string) => void) => Promise<ProviderOutcome>): Promise<ProviderOutcome> {
    const secrets = [...this.secrets];
    return guardOutcome(secrets, () => run((secret) => secrets.push(secret)));
  }
}
