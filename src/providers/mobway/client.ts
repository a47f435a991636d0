import { HttpProviderClient } from '../client-base.js';
import { pathSegment, type ProviderHttpOptions } from '../http.js';
import { commandNotSupported } from '../outcome.js';
import type { ProviderEndpoint } from '../module.js';
import type { ProviderOutcome, ProviderTarget, SendCommand } from '../provider.js';
import { MOBWAY_COMMANDS } from './commands.js';
import { outcomeFromCommandAnswer, outcomeFromStatusAnswer } from './mapping.js';
import { mobwaySignature } from './signature.js';

/** Mobway's token, and the key of its `X-Signature` HMAC. */
export type MobwayEndpoint = ProviderEndpoint<'token' | 'signSecret'>;

/** The name Mobway's targets and executions are stored under. */
export const MOBWAY = 'MOBWAY';

/** Mobway: a signed POST starts a background command (two steps for ignition); GET reads its status. */
export class MobwayClient extends HttpProviderClient {
  constructor(
    private readonly config: MobwayEndpoint,
    httpOptions: ProviderHttpOptions,
  ) {
    super(MOBWAY, 'Mobway', MOBWAY_COMMANDS, config.baseUrl, httpOptions, [config.token, config.signSecret]);
  }

  send(command: SendCommand): Promise<ProviderOutcome> {
    return this.guard(async (redactAlso) => {
      const mobwayCommand = MOBWAY_COMMANDS[command.commandType];
      if (mobwayCommand === undefined) return commandNotSupported(this.provider, command.commandType);
      const vin = command.target.externalId;
      const json: Record<string, string> = { vin, command: mobwayCommand };
      if (command.confirmationCode !== undefined) json.code = command.confirmationCode;
      // A valid signature for this very command: as much a credential as the secret.
      const signature = mobwaySignature(this.config.signSecret, { command: mobwayCommand, vin });
      redactAlso(signature);

      const response = await this.http.requestJson({
        method: 'POST',
        path: '/vehicle-command',
        headers: {
          authorization: `Bearer ${this.config.token}`,
          'x-signature': signature,
        },
        json,
        signal: command.signal,
      });
      return outcomeFromCommandAnswer(response);
    });
  }

  /** Mobway addresses a command by its id alone; the target is not needed. */
  poll(providerExecutionId: string, _target: ProviderTarget, signal?: AbortSignal): Promise<ProviderOutcome> {
    return this.guard(async () => {
      const response = await this.http.requestJson({
        method: 'GET',
        path: `/vehicle-command/${pathSegment(providerExecutionId)}`,
        headers: { authorization: `Bearer ${this.config.token}` },
        signal,
      });
      return outcomeFromStatusAnswer(providerExecutionId, response);
    });
  }
}
