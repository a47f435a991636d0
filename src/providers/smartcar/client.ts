import { HttpProviderClient } from '../client-base.js';
import { parseRetryAfter, unexpectedStatus, type ProviderHttpOptions, type RequestTimeouts } from '../http.js';
import { commandNotSupported, finalFailure, invalidParameters, rateLimitedPoll } from '../outcome.js';
import type { ProviderEndpoint } from '../module.js';
import type { ProviderOutcome, ProviderTarget, SendCommand } from '../provider.js';
import { errorFromErrorResponse, outcomeFromCommandResponse } from './mapping.js';
import { SMARTCAR_COMMAND_ROUTES, commandExecutionPath, commandPath } from './routes.js';

/** Smartcar's machine-to-machine application token (`Authorization: Bearer`). */
export type SmartcarEndpoint = ProviderEndpoint<'accessToken'>;

export interface SmartcarClientOptions {
  http: ProviderHttpOptions;
  /** Limits for command requests, which may stay open for minutes. */
  commandTimeouts: RequestTimeouts;
}

/** The name Smartcar's targets and executions are stored under. */
export const SMARTCAR = 'SMARTCAR';

/** Smartcar Vehicle API v3 commands: one long request, 200/202 final or `async` PENDING then polled. */
export class SmartcarClient extends HttpProviderClient {
  private readonly commandTimeouts: RequestTimeouts;

  constructor(
    private readonly config: SmartcarEndpoint,
    options: SmartcarClientOptions,
  ) {
    super(SMARTCAR, 'Smartcar', SMARTCAR_COMMAND_ROUTES, config.baseUrl, options.http, [config.accessToken]);
    this.commandTimeouts = options.commandTimeouts;
  }

  send(command: SendCommand): Promise<ProviderOutcome> {
    return this.guard(async () => {
      const route = SMARTCAR_COMMAND_ROUTES[command.commandType];
      if (route === undefined) return commandNotSupported(this.provider, command.commandType);
      const body = route.body(command.parameters);
      if ('invalid' in body) return invalidParameters(body.invalid);
      const userId = command.target.providerUserId;
      if (userId === null) return invalidParameters('the target has no Smartcar user id (sc-user-id)');

      const response = await this.http.requestJson({
        method: 'POST',
        path: commandPath(command.target.externalId, route),
        headers: this.headers(userId),
        json: body.json,
        signal: command.signal,
        timeouts: this.commandTimeouts,
      });
      if (response.status === 200 || response.status === 202) return outcomeFromCommandResponse(response.body);
      // The provider refused the command: that is its final answer.
      if (response.status >= 400) {
        return finalFailure(errorFromErrorResponse(response), { providerStatus: `HTTP_${response.status}` });
      }
      throw unexpectedStatus('Smartcar', response.status);
    });
  }

  /**
   * Reads the Command Executions resource. An HTTP error here says nothing
   * about the command itself, so it is `unknown` (the engine polls again or
   * gives up at the deadline); a 429 keeps it pending with `retryAfterSeconds`.
   */
  poll(providerExecutionId: string, target: ProviderTarget, signal?: AbortSignal): Promise<ProviderOutcome> {
    return this.guard(async () => {
      const userId = target.providerUserId;
      if (userId === null) return invalidParameters('the target has no Smartcar user id (sc-user-id)');
      const response = await this.http.requestJson({
        method: 'GET',
        path: commandExecutionPath(target.externalId, providerExecutionId),
        headers: this.headers(userId),
        signal,
      });
      if (response.status === 200) return outcomeFromCommandResponse(response.body);
      if (response.status === 429) {
        return rateLimitedPoll(providerExecutionId, 'PENDING', null, parseRetryAfter(response.headers['retry-after']));
      }
      if (response.status >= 400) return { kind: 'unknown', error: errorFromErrorResponse(response) };
      throw unexpectedStatus('Smartcar', response.status);
    });
  }

  private headers(userId: string): Record<string, string> {
    return { authorization: `Bearer ${this.config.accessToken}`, 'sc-user-id': userId };
  }
}
