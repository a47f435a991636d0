import type { ServerResponse } from 'node:http';
import { sendJson } from '../simulator-kit/server.js';

/** The error bodies of Smartcar's Vehicle API v3 (https://smartcar.com/docs/errors/api-errors/v3/), entry for entry. */
const ABOUT = 'https://smartcar.com/docs/errors/api-errors/v3';
const CAR_UNAVAILABLE =
  'Your car is temporarily unable to connect to <app name>. ' +
  "Please be patient while we're working to resolve this issue.";

export const SMARTCAR_ERRORS = {
  400: {
    status: '400',
    type: 'VALIDATION',
    code: 'BAD_REQUEST',
    title: 'Bad Request',
    detail: 'The request could not be understood by the server due to malformed syntax.',
    links: { about: `${ABOUT}/validation-errors` },
  },
  401: {
    status: '401',
    type: 'AUTHENTICATION',
    code: 'UNAUTHORIZED',
    title: 'Unauthorized',
    detail: 'The Authorization token is missing or invalid.',
    links: { about: `${ABOUT}/authentication-errors#authentication` },
  },
  403: {
    status: '403',
    type: 'AUTHENTICATION',
    code: 'FORBIDDEN',
    title: 'Forbidden',
    detail: 'You do not have permission to access this resource.',
    links: { about: `${ABOUT}/authentication-errors` },
  },
  404: {
    status: '404',
    type: 'RESOURCE_NOT_FOUND',
    code: 'NOT_FOUND',
    title: 'Not Found',
    detail: 'The requested resource could not be found.',
    links: { about: `${ABOUT}/resource-not-found-errors` },
  },
  409: {
    status: '409',
    type: 'VEHICLE_STATE',
    code: 'ASLEEP',
    title: 'Vehicle Asleep',
    detail: 'The vehicle is in a sleep state and temporarily unable to perform your request.',
    links: { about: `${ABOUT}/vehicle-state-errors#asleep` },
  },
  429: {
    status: '429',
    type: 'RATE_LIMIT',
    code: 'SMARTCAR_API',
    title: 'Too Many Requests',
    detail:
      'You have reached the throttling rate limit for this vehicle. ' +
      'Please see the retry-after header for when to retry the request.',
    links: { about: `${ABOUT}/rate-limit-errors` },
  },
  430: {
    status: '430',
    type: 'BILLING',
    code: 'VEHICLE_LIMIT',
    title: 'Vehicle Limit Reached',
    detail: "You've reached the limit of vehicles in your plan. Please upgrade to unlock access to more vehicles.",
    links: { about: `${ABOUT}/billing-errors#vehicle-limit` },
    resolution: { type: 'CONTACT_SUPPORT' },
  },
  500: {
    status: '500',
    type: 'SERVER',
    code: 'INTERNAL',
    title: 'Internal Server Error',
    detail: 'An unexpected error occurred on the server.',
    links: { about: `${ABOUT}/server-errors` },
  },
  501: {
    status: '501',
    type: 'COMPATIBILITY',
    code: 'MAKE_NOT_COMPATIBLE',
    title: 'Make Not Compatible',
    detail: "Smartcar is not yet compatible with this vehicle's make in the country you specified.",
    links: { about: `${ABOUT}/compatibility-errors#make-not-compatible` },
    resolution: { type: null },
  },
  502: {
    status: '502',
    type: 'UPSTREAM',
    code: 'INVALID_DATA',
    title: 'Bad Gateway',
    detail: 'Smartcar received invalid data from an upstream source. Please retry your request at a later time.',
    links: { about: `${ABOUT}/upstream-errors#invalid-data` },
    resolution: { type: 'RETRY_LATER' },
    suggestedUserMessage: CAR_UNAVAILABLE,
  },
  504: {
    status: '504',
    type: 'SERVER',
    code: 'GATEWAY_TIMEOUT',
    title: 'Gateway Timeout',
    detail: 'The request timed out while waiting for the server to respond.',
    links: { about: `${ABOUT}/server-errors` },
    resolution: { type: 'RETRY_LATER' },
    suggestedUserMessage: CAR_UNAVAILABLE,
  },
} as const;

export type SmartcarErrorStatus = keyof typeof SMARTCAR_ERRORS;
export const SMARTCAR_ERROR_STATUSES = Object.keys(SMARTCAR_ERRORS).map(Number) as SmartcarErrorStatus[];

export function sendSmartcarError(
  res: ServerResponse,
  status: SmartcarErrorStatus,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { errors: [SMARTCAR_ERRORS[status]] }, headers);
}

/** The `status.error` of a FAILURE execution, after the LOCK_FAILED example of "Lock doors" (https://smartcar.com/docs/errors/api-errors/v3/lock-failed). */
export function executionFailure(commandType: string): Record<string, unknown> {
  const byCommand: Record<string, { code: string; title: string; detail: string }> = {
    'security-lock': { code: 'LOCK_FAILED', title: 'Lock Failed', detail: 'The vehicle was unable to lock its doors.' },
    'security-unlock': {
      code: 'UNLOCK_FAILED',
      title: 'Unlock Failed',
      detail: 'The vehicle was unable to unlock its doors.',
    },
  };
  const failure = byCommand[commandType] ?? {
    code: 'COMMAND_FAILED',
    title: 'Command Failed',
    detail: 'The vehicle was unable to complete the command.',
  };
  return {
    status: '500',
    type: 'VEHICLE',
    ...failure,
    links: { about: `${ABOUT}/${failure.code.toLowerCase().replace(/_/g, '-')}` },
  };
}
