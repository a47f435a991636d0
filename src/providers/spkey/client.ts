import { CommandType, Provider } from '../../domain/enums.js';
import { HttpProviderClient } from '../client-base.js';
import type { SpkeyConfig } from '../config.js';
import { pathSegment, type ProviderHttpOptions } from '../http.js';
import { commandNotSupported } from '../outcome.js';
import type { ProviderOutcome, ProviderTarget, SendCommand } from '../provider.js';
import { outcomeFromOpenLockAnswer } from './mapping.js';

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
    private readonly config: SpkeyConfig,
    httpOptions: ProviderHttpOptions,
  ) {
    super(Provider.SPKEY, 'SmartphoneKey', config.baseUrl, httpOptions, [config.token, config.apiKey]);
  }

  send(command: SendCommand): Promise<ProviderOutcome> {
    return this.guard(async () => {
      if (command.commandType !== CommandType.OPEN_LOCK) return commandNotSupported(this.provider, command.commandType);
      const reason = command.parameters.reason;
      const response = await this.http.requestJson({
        method: 'POST',
        path: `/locks/${pathSegment(command.target.externalId)}/OpenLock`,
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
