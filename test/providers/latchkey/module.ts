import { TargetKind } from '../../../src/domain/enums.js';
import { ValidationError } from '../../../src/domain/validation.js';
import { commandsOf } from '../../../src/providers/command-table.js';
import { defineProvider, RATE_LIMITED_KNOBS } from '../../../src/providers/module.js';
import { LATCHKEY, LATCHKEY_COMMANDS, LatchkeyClient } from './client.js';
import { LatchkeySimulator } from './simulator.js';

/** The test-only fourth provider: everything about it is in this folder. */
export const latchkey = defineProvider({
  name: LATCHKEY,
  title: 'Latchkey',
  description: 'Latchkey (test only): smart locks by lock id, unlatched at once.',
  targetKind: TargetKind.LOCK,
  environment: { baseUrl: 'LATCHKEY_BASE_URL', credentials: { key: 'LATCHKEY_KEY' } },
  commands: commandsOf(LATCHKEY_COMMANDS),
  references({ externalId, providerUserId, vin }) {
    if (!/^L-[0-9]{1,9}$/.test(externalId))
      throw new ValidationError('externalId', 'externalId must be a Latchkey lock id (L-<digits>)');
    if (providerUserId !== null || vin !== null)
      throw new ValidationError('externalId', 'a Latchkey lock has only its lock id');
    return { externalId, providerUserId, vin };
  },
  createClient: (endpoint, timeouts) => new LatchkeyClient(endpoint, timeouts),
  startSimulator: (options) => LatchkeySimulator.start(options),
  behaviors: {
    JAMMED: {
      description: 'Latchkey (test only) answers 409: the lock is jammed.',
      knobs: () => ({ failureRate: 1 }),
      outcome: { status: 'FAILURE', code: 'LOCK_JAMMED' },
    },
  },
  contract: {
    REFUSED: {
      description: 'its 409 jammed',
      knobs: () => ({ failureRate: 1, failWith: 'JAMMED' }),
      outcome: { status: 'FAILURE', code: 'LOCK_JAMMED' },
    },
    CLIENT_ERROR: {
      description: 'a 404',
      knobs: () => ({ failureRate: 1, failWith: 'NOT_FOUND' }),
      outcome: { status: 'FAILURE', code: 'NOT_FOUND' },
    },
    SERVER_ERROR: {
      description: 'a 500',
      knobs: () => ({ failureRate: 1, failWith: 'INTERNAL' }),
      outcome: { status: 'FAILURE', code: 'INTERNAL' },
    },
    RATE_LIMITED: {
      description: 'a 429 with retry-after',
      knobs: () => RATE_LIMITED_KNOBS,
      outcome: { status: 'FAILURE', code: 'RATE_LIMITED' },
    },
  },
  simulatorPortVariable: 'SIM_LATCHKEY_PORT',
  simulatorTargets: 'Latchkey lock L-1',
  demoTarget: { externalId: 'L-1', name: 'Demo Latchkey door' },
});
