import { TargetKind } from '../../domain/enums.js';
import { ValidationError } from '../../domain/validation.js';
import { httpOptionsFrom } from '../config.js';
import { commandsOf } from '../command-table.js';
import { defineProvider, RATE_LIMITED_KNOBS } from '../module.js';
import { SPKEY, SPKEY_COMMANDS, SpkeyClient } from './client.js';
import { SPKEY_DEFAULT_LOCK_ID, SpkeySimulator } from './simulator.js';

/**
 * SmartphoneKey addresses locks by an integer ("id integer, Lock ID
 * (numeric)"), written canonically here: no sign, no leading zero.
 */
function requireLockId(value: string): string {
  if (!/^(0|[1-9][0-9]{0,17})$/.test(value))
    throw new ValidationError('externalId', 'externalId must be a numeric lock id');
  return value;
}

/**
 * SmartphoneKey's smart locks: `POST /locks/{id}/OpenLock`, answered at once. The contract is
 * SmartphoneKey's public API reference, "Open lock" (https://api.spkey.co/locks/{id}/OpenLock).
 */
export const spkey = defineProvider({
  name: SPKEY,
  title: 'SmartphoneKey',
  description: 'SmartphoneKey: smart locks, by numeric lock id; opening is answered at once.',
  targetKind: TargetKind.LOCK,
  environment: { baseUrl: 'SPKEY_BASE_URL', credentials: { token: 'SPKEY_TOKEN', apiKey: 'SPKEY_API_KEY' } },
  commands: commandsOf(SPKEY_COMMANDS),
  references({ externalId, providerUserId, vin }) {
    requireLockId(externalId);
    if (vin !== null) throw new ValidationError('vin', 'a lock has no VIN');
    return { externalId, providerUserId, vin };
  },
  createClient: (endpoint, timeouts) => new SpkeyClient(endpoint, httpOptionsFrom(timeouts)),
  startSimulator: (options) => SpkeySimulator.start(options),
  behaviors: {
    OFFLINE: {
      description: "SmartphoneKey answers 502: the lock's device shadow could not be updated (retryable).",
      knobs: () => ({ shadowFailure: true }),
      outcome: { status: 'FAILURE', code: 'SHADOW_UPDATE_FAILED' },
    },
  },
  contract: {
    REFUSED: {
      description: 'its 502 device-shadow failure',
      knobs: () => ({ shadowFailure: true }),
      outcome: { status: 'FAILURE', code: 'SHADOW_UPDATE_FAILED' },
    },
    CLIENT_ERROR: {
      description: 'its documented 404',
      knobs: () => ({ failureRate: 1, failWith: 'LOCK_NOT_FOUND' }),
      outcome: { status: 'FAILURE', code: 'LOCK_NOT_FOUND' },
    },
    SERVER_ERROR: {
      description: 'its 500 error body',
      knobs: () => ({ failureRate: 1, failWith: 'INTERNAL' }),
      outcome: { status: 'FAILURE', code: 'INTERNAL' },
    },
    RATE_LIMITED: {
      description: 'its 429 with retry-after',
      knobs: () => RATE_LIMITED_KNOBS,
      outcome: { status: 'FAILURE', code: 'RATE_LIMITED' },
    },
  },
  simulatorPortVariable: 'SIM_SPKEY_PORT',
  simulatorTargets: `SmartphoneKey lock ${SPKEY_DEFAULT_LOCK_ID}`,
  demoTarget: { externalId: '123', name: 'Demo front door' },
});
