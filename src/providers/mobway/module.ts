import { TargetKind } from '../../domain/enums.js';
import { requireVin, ValidationError } from '../../domain/validation.js';
import { httpOptionsFrom } from '../config.js';
import { commandsOf } from '../command-table.js';
import { defineProvider, RATE_LIMITED_KNOBS } from '../module.js';
import { MOBWAY, MobwayClient } from './client.js';
import { MOBWAY_COMMANDS } from './commands.js';
import { MOBWAY_DEFAULT_VIN, MobwaySimulator } from './simulator.js';

/** Longer than any command's deadline: a command that is never finished. */
const NEVER_MS = 365 * 24 * 3_600_000;

/**
 * Mobway's signed vehicle-command API: vehicles by VIN; ignition in two steps. The contract is Mobway's
 * public documentation (https://docs.mobway.cloud, index: https://docs.mobway.cloud/llms.txt), "POST
 * vehicle-command" and "GET vehicle-command/{command_id}".
 */
export const mobway = defineProvider({
  name: MOBWAY,
  title: 'Mobway',
  description: 'Mobway: vehicles by VIN; ignition commands wait for a confirmation code.',
  targetKind: TargetKind.VEHICLE,
  environment: {
    baseUrl: 'MOBWAY_BASE_URL',
    credentials: { token: 'MOBWAY_TOKEN', signSecret: 'MOBWAY_SIGN_SECRET' },
  },
  commands: commandsOf(MOBWAY_COMMANDS),
  references({ externalId, providerUserId, vin }) {
    // Mobway addresses vehicles by VIN: the external id is the VIN.
    requireVin('externalId', externalId);
    if (vin !== null && vin !== externalId) {
      throw new ValidationError('vin', `vin must equal externalId for ${MOBWAY} (Mobway addresses vehicles by VIN)`);
    }
    if (providerUserId !== null) {
      throw new ValidationError('providerUserId', `providerUserId does not apply to ${MOBWAY}`);
    }
    return { externalId, providerUserId, vin: externalId };
  },
  createClient: (endpoint, timeouts) => new MobwayClient(endpoint, httpOptionsFrom(timeouts)),
  startSimulator: (options) => MobwaySimulator.start(options),
  behaviors: {
    REJECTED: {
      description: 'Mobway refuses the command with its own error body (status "Error", OEM initiate failed).',
      knobs: () => ({ failureRate: 1, failWith: 'OEM_INITIATE_FAILED' }),
      outcome: { status: 'FAILURE', code: 'OEM_INITIATE_FAILED' },
    },
    NEVER_ANSWERS: {
      description: 'Mobway accepts the command and never finishes it: it ends FAILURE/TIMEOUT at its deadline.',
      knobs: () => ({ completionDelayMs: NEVER_MS }),
      outcome: { status: 'FAILURE', code: 'TIMEOUT', acknowledged: 'PENDING' },
    },
  },
  contract: {
    REFUSED: {
      description: 'its status "Error" answer',
      knobs: () => ({ failureRate: 1, failWith: 'OEM_INITIATE_FAILED' }),
      outcome: { status: 'FAILURE', code: 'OEM_INITIATE_FAILED' },
    },
    CLIENT_ERROR: {
      description: 'its documented 404 for a command the vehicle does not offer',
      knobs: () => ({ failureRate: 1, failWith: 'COMMAND_NOT_AVAILABLE' }),
      outcome: { status: 'FAILURE', code: 'COMMAND_NOT_AVAILABLE' },
    },
    SERVER_ERROR: {
      description: 'its 502 OEM send failure',
      knobs: () => ({ failureRate: 1, failWith: 'OEM_SEND_FAILED' }),
      outcome: { status: 'FAILURE', code: 'OEM_SEND_FAILED' },
    },
    RATE_LIMITED: {
      description: 'its 429 with retry-after',
      knobs: () => RATE_LIMITED_KNOBS,
      outcome: { status: 'FAILURE', code: 'RATE_LIMITED' },
    },
  },
  simulatorPortVariable: 'SIM_MOBWAY_PORT',
  simulatorTargets: `Mobway VIN ${MOBWAY_DEFAULT_VIN}`,
  demoTarget: { externalId: '6AHFT68CKAF501652', name: 'Demo Mobway pickup' },
});
