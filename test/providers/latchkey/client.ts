import { CommandType, ExecutionMode } from '../../../src/domain/enums.js';
import { HttpProviderClient } from '../../../src/providers/client-base.js';
import type { CommandTable } from '../../../src/providers/command-table.js';
import { httpOptionsFrom, type ProviderTimeoutsConfig } from '../../../src/providers/config.js';
import { pathSegment, unexpectedStatus, type JsonResponse } from '../../../src/providers/http.js';
import { asObject, requireString, stringField } from '../../../src/providers/json-fields.js';
import type { ProviderEndpoint } from '../../../src/providers/module.js';
import { commandNotSupported, finalFailure, finalSuccess } from '../../../src/providers/outcome.js';
import type { ProviderOutcome, ProviderTarget, SendCommand } from '../../../src/providers/provider.js';
import { errorFromHttpStatus } from '../../../src/providers/status-errors.js';

/**
 * Latchkey, a made-up smart-lock vendor that exists only in the tests: the
 * proof that a provider is one folder and one line in a registry.
 * `POST /v1/locks/{lockId}/{action}` with `x-latchkey-key`, body
 * `{ "reference": "<our execution id>" }`; 200 `{ "state": "UNLATCHED", "eventId": "…" }`
 * is done, 409 `{ "reason": "jammed" }` refuses, anything else is an HTTP error.
 */
export const LATCHKEY = 'LATCHKEY';

export type LatchkeyEndpoint = ProviderEndpoint<'key'>;

/** Its command table: each command kind → the action in its path. */
export const LATCHKEY_COMMANDS: CommandTable<string> = { [CommandType.OPEN_LOCK]: 'unlatch' };

export class LatchkeyClient extends HttpProviderClient {
  constructor(
    private readonly endpoint: LatchkeyEndpoint,
    timeouts?: ProviderTimeoutsConfig,
  ) {
    super(LATCHKEY, 'Latchkey', LATCHKEY_COMMANDS, endpoint.baseUrl, httpOptionsFrom(timeouts), [endpoint.key]);
  }

  send(command: SendCommand): Promise<ProviderOutcome> {
    return this.guard(async () => {
      const action = LATCHKEY_COMMANDS[command.commandType];
      if (action === undefined) return commandNotSupported(this.provider, command.commandType);
      const response = await this.http.requestJson({
        method: 'POST',
        path: `/v1/locks/${pathSegment(command.target.externalId)}/${action}`,
        headers: { 'x-latchkey-key': this.endpoint.key },
        json: { reference: command.executionId },
        signal: command.signal,
      });
      return outcomeOf(response);
    });
  }

  /** Latchkey answers at once: there is nothing to poll. */
  async poll(_id: string, _target: ProviderTarget): Promise<ProviderOutcome> {
    return {
      kind: 'unknown',
      error: {
        code: 'NOT_POLLABLE',
        type: 'CLIENT',
        title: 'Not pollable',
        detail: 'Latchkey answers at once',
        retryable: false,
      },
    };
  }
}

function outcomeOf(response: JsonResponse): ProviderOutcome {
  const body = asObject(response.body);
  const mode = ExecutionMode.SYNC;
  if (response.status === 200 && body !== undefined) {
    return finalSuccess({
      providerExecutionId: requireString(body, 'eventId'),
      providerStatus: requireString(body, 'state'),
      executionMode: mode,
    });
  }
  if (response.status === 409) {
    const reason = stringField(body, 'reason') ?? 'refused';
    return finalFailure(
      { code: 'LOCK_JAMMED', type: 'PROVIDER', title: 'Lock refused', detail: reason, retryable: false },
      { providerStatus: 'HTTP_409', executionMode: mode },
    );
  }
  if (response.status >= 400) {
    return finalFailure(errorFromHttpStatus(response.status, stringField(body, 'reason') ?? null), {
      providerStatus: `HTTP_${response.status}`,
      executionMode: mode,
    });
  }
  throw unexpectedStatus('Latchkey', response.status);
}
