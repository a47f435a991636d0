import { CommandType } from '../../domain/enums.js';
import type { CommandTable } from '../command-table.js';
import type { CommandParameters } from '../provider.js';
import { pathSegment } from '../http.js';

/** Where each of our command types goes on the Smartcar Vehicle API v3, and what body it carries. */
export interface SmartcarCommandRoute {
  /** Below `/vehicles/{vehicleId}/commands/`. */
  path: string;
  /** Builds the body, or returns a message saying which parameter is missing. */
  body(parameters: CommandParameters): { json?: unknown } | { invalid: string };
}

const NO_BODY = (): { json?: unknown } => ({});

/** Smartcar's command table: the only list of what it supports. */
export const SMARTCAR_COMMAND_ROUTES: CommandTable<SmartcarCommandRoute> = {
  [CommandType.LOCK]: { path: 'security/lock', body: NO_BODY },
  [CommandType.UNLOCK]: { path: 'security/unlock', body: NO_BODY },
  [CommandType.START_CHARGE]: { path: 'charge/start', body: NO_BODY },
  [CommandType.STOP_CHARGE]: { path: 'charge/stop', body: NO_BODY },
  [CommandType.SET_CHARGE_LIMIT]: {
    path: 'charge/set-limit',
    body: ({ percent }) =>
      typeof percent === 'number'
        ? { json: { data: { attributes: { percent } } } }
        : { invalid: 'percent is required' },
  },
  [CommandType.SET_NAVIGATION_DESTINATION]: {
    path: 'navigation/set-destination',
    body: ({ latitude, longitude }) =>
      typeof latitude === 'number' && typeof longitude === 'number'
        ? { json: { data: { attributes: { latitude, longitude } } } }
        : { invalid: 'latitude and longitude are required' },
  },
};

export function commandPath(vehicleId: string, route: SmartcarCommandRoute): string {
  return `/vehicles/${pathSegment(vehicleId)}/commands/${route.path}`;
}

/**
 * ASSUMPTION — the one place it lives. Smartcar documents a "Command
 * Executions" resource ("Retrieve the recorded result of a previously issued
 * vehicle command", https://smartcar.com/docs/llms.txt) but not its path. We read it at
 * `GET /vehicles/{vehicleId}/commands/executions/{executionId}`, answering the
 * same `CommandResponse` shape as the command itself; the simulator serves the
 * same path. If the real path differs, change it here only.
 */
export function commandExecutionPath(vehicleId: string, executionId: string): string {
  return `/vehicles/${pathSegment(vehicleId)}/commands/executions/${pathSegment(executionId)}`;
}
