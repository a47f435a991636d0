import { TargetKind } from '../../domain/enums.js';
import { requireOpaqueId, ValidationError, LIMITS } from '../../domain/validation.js';
import { httpOptionsFrom, type ProviderTimeoutsConfig } from '../config.js';
import type { RequestTimeouts } from '../http.js';
import { commandsOf } from '../command-table.js';
import { defineProvider, RATE_LIMITED_KNOBS } from '../module.js';
import { SMARTCAR, SmartcarClient, type SmartcarEndpoint } from './client.js';
import { SMARTCAR_COMMAND_ROUTES } from './routes.js';
import { SMARTCAR_DEFAULT_VEHICLE, SmartcarSimulator } from './simulator.js';

/**
 * Command requests stay open for minutes (a 202 is sent early to keep the
 * connection alive and the body comes at the end): 6 minutes of headers and
 * of body silence, 10 in total, unless `longCommand` says otherwise.
 */
export const DEFAULT_SMARTCAR_COMMAND_TIMEOUTS: RequestTimeouts = {
  headersMs: 6 * 60_000,
  bodyMs: 6 * 60_000,
  totalMs: 10 * 60_000,
};

/** A Smartcar client: the shared timeouts, and its own longer ones for command requests. */
export function smartcarClient(endpoint: SmartcarEndpoint, timeouts: ProviderTimeoutsConfig = {}): SmartcarClient {
  return new SmartcarClient(endpoint, {
    http: httpOptionsFrom(timeouts),
    commandTimeouts: { ...DEFAULT_SMARTCAR_COMMAND_TIMEOUTS, ...timeouts.longCommand },
  });
}

/**
 * Smartcar Vehicle API v3: vehicles, by vehicle id and `sc-user-id`. The contract is Smartcar's public
 * documentation (index: https://smartcar.com/docs/llms.txt): "Lock doors" and the other commands under
 * `POST /vehicles/{vehicleId}/commands/…`, and its v3 error pages (https://smartcar.com/docs/errors/api-errors/v3/).
 */
export const smartcar = defineProvider({
  name: SMARTCAR,
  title: 'Smartcar',
  description: 'Smartcar: connected vehicles, by Smartcar vehicle id and the sc-user-id who granted access.',
  targetKind: TargetKind.VEHICLE,
  environment: { baseUrl: 'SMARTCAR_BASE_URL', credentials: { accessToken: 'SMARTCAR_ACCESS_TOKEN' } },
  commands: commandsOf(SMARTCAR_COMMAND_ROUTES),
  references({ externalId, providerUserId, vin }) {
    if (providerUserId === null) {
      throw new ValidationError(
        'providerUserId',
        `providerUserId (the Smartcar sc-user-id) is required for ${SMARTCAR}`,
      );
    }
    requireOpaqueId('externalId', externalId, LIMITS.externalIdMaxLength);
    requireOpaqueId('providerUserId', providerUserId, LIMITS.externalIdMaxLength);
    return { externalId, providerUserId, vin };
  },
  createClient: smartcarClient,
  startSimulator: (options) => SmartcarSimulator.start(options),
  behaviors: {
    ASLEEP: {
      description: 'Smartcar answers 409 VEHICLE_STATE / ASLEEP: the vehicle is asleep (retryable).',
      knobs: () => ({ asleep: true }),
      outcome: { status: 'FAILURE', code: 'ASLEEP' },
    },
    RATE_LIMITED: {
      description: 'Smartcar answers 429 RATE_LIMIT with retry-after: 60.',
      knobs: () => ({ failureRate: 1, failWith: 429 }),
      outcome: { status: 'FAILURE', code: 'SMARTCAR_API' },
    },
    SLOW: {
      description: 'Smartcar keeps the request open (202) past the acknowledgement timeout, then succeeds.',
      knobs: ({ ackTimeoutMs }) => ({ mode: 'keepalive', completionDelayMs: ackTimeoutMs + 1_500 }),
      outcome: { status: 'SUCCESS', code: null, acknowledged: 'PENDING' },
    },
  },
  contract: {
    REFUSED: {
      description: 'its 409 vehicle-state error',
      knobs: () => ({ asleep: true }),
      outcome: { status: 'FAILURE', code: 'ASLEEP' },
    },
    CLIENT_ERROR: {
      description: 'its 403 authentication error',
      knobs: () => ({ failureRate: 1, failWith: 403 }),
      outcome: { status: 'FAILURE', code: 'FORBIDDEN' },
    },
    SERVER_ERROR: {
      description: 'its 500 server error',
      knobs: () => ({ failureRate: 1, failWith: 500 }),
      outcome: { status: 'FAILURE', code: 'INTERNAL' },
    },
    RATE_LIMITED: {
      description: 'its 429 with retry-after',
      knobs: () => RATE_LIMITED_KNOBS,
      outcome: { status: 'FAILURE', code: 'SMARTCAR_API' },
    },
  },
  simulatorPortVariable: 'SIM_SMARTCAR_PORT',
  simulatorTargets: `Smartcar vehicle ${SMARTCAR_DEFAULT_VEHICLE.vehicleId} (sc-user-id ${SMARTCAR_DEFAULT_VEHICLE.userId})`,
  demoTarget: { externalId: 'v_demo0smartcar01', providerUserId: 'user_demo0001', name: 'Demo Smartcar EV' },
});
