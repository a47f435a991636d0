import { CommandType } from '../../domain/enums.js';
import type { CommandTable } from '../command-table.js';
import { HttpProviderClient } from '../client-base.js';
import { pathSegment, type ProviderHttpOptions } from '../http.js';
import { commandNotSupported } from '../outcome.js';
import type { ProviderEndpoint } from '../module.js';
import type { ProviderOutcome, ProviderTarget, SendCommand } from '../provider.js';
import { outcomeFromOpenLockAnswer } from './mapping.js';

/** SmartphoneKey's JWT and its `x-api-key`. */
export type SpkeyEndpoint = ProviderEndpoint<'token' | 'apiKey'>;

/** The name SmartphoneKey's locks and executions are stored under. */
export const SPKEY = 'SPKEY';

/** SmartphoneKey's command table: each command kind → its operation (`POST /locks/{id}/<operation>`). */
export const SPKEY_COMMANDS: CommandTable<string> = { [CommandType.OPEN_LOCK]: 'OpenLock' };

/**
 * SmartphoneKey's answer to `poll()`. It has no status resource: every
 * OpenLock answer is final, so the engine should never poll an spkey
 * execution; if it does, it learns why instead of getting a fake status.
 */
export const SPKEY_NOT_POLLABLE: ProviderOutcome = Object.freeze({
  kind: 'unknown',
  error: Object.freeze({
    code: 'NOT_POLLABLE',
    type: 'CLIENT',
    title: 'Not pollable',
    detail: 'SmartphoneKey answers OpenLock synchronously and has no status resource to poll',
    retryable: false,
  }),
});

/** SmartphoneKey: `POST /locks/{id}/OpenLock`, synchronous. */
export class SpkeyClient extends HttpProviderClient {
  constructor(
    private readonly config: SpkeyEndpoint,
    httpOptions: ProviderHttpOptions,
  ) {
    super(SPKEY, 'SmartphoneKey', SPKEY_COMMANDS, config.baseUrl, httpOptions, [config.token, config.apiKey]);
  }

  send(command: SendCommand): Promise<ProviderOutcome> {
    return this.guard(async () => {
      const operation = SPKEY_COMMANDS[command.commandType];
      if (operation === undefined) return commandNotSupported(this.provider, command.commandType);
      const reason = command.parameters.reason;
      const response = await this.http.requestJson({
        method: 'POST',
        path: `/locks/${pathSegment(command.target.externalId)}/${operation}`,
        headers: { authorization: `Bearer ${this.config.token}`, 'x-api-key': this.config.apiKey },
        // requestId is our execution id, so spkey's records correlate with ours.
        json:
          reason === null || reason === undefined
            ? { requestId: command.executionId }
            : { requestId: command.executionId, reason },
        signal: command.signal,
      });
      return outcomeFromOpenLockAnswer(response);
    });
  }

  poll(_providerExecutionId: string, _target: ProviderTarget, _signal?: AbortSignal): Promise<ProviderOutcome> {
    return Promise.resolve(SPKEY_NOT_POLLABLE);
  }
}
