import type { CommandError } from '../../domain/command-error.js';
import { errorFromHttpStatus } from '../status-errors.js';

/** The `detail` texts Mobway documents for POST vehicle-command (https://docs.mobway.cloud), each with our code. */
export const MOBWAY_DETAILS = {
  INVALID_VIN: 'Invalid VIN. VIN must be a string. At least one VIN is required.',
  INVALID_COMMAND: 'Invalid command. Command must be a string. At least one command is required.',
  VIN_NOT_FOUND: 'VIN not found or unauthorized access.',
  COMMAND_NOT_AVAILABLE: 'Command not found or unauthorized access.',
  SIGN_SECRET_NOT_FOUND: 'Sign-secret not found.',
  SIGNATURE_INVALID: 'X-Signature invalid.',
  OEM_SEND_FAILED: 'Failed to send command to the OEM.',
  OEM_INITIATE_FAILED: 'Failed to initiate command with the OEM or retrieve status URL.',
  CONFIRMATION_INVALID: 'Confirmation invalid',
  CONFIRMATION_ALREADY_USED: 'Confirmation already used',
} as const;

export type MobwayDetailCode = keyof typeof MOBWAY_DETAILS;

/**
 * Type and retryability per code. Only OEM_SEND_FAILED is retryable: the
 * command never reached the vehicle. OEM_INITIATE_FAILED is not: the OEM may
 * have started it and only the status URL was lost, so a resend could run it twice.
 */
const SHAPE: Readonly<Record<MobwayDetailCode, { type: string; title: string; retryable: boolean }>> = {
  INVALID_VIN: { type: 'VALIDATION', title: 'Invalid VIN', retryable: false },
  INVALID_COMMAND: { type: 'VALIDATION', title: 'Invalid command', retryable: false },
  VIN_NOT_FOUND: { type: 'RESOURCE_NOT_FOUND', title: 'VIN not found', retryable: false },
  COMMAND_NOT_AVAILABLE: { type: 'COMPATIBILITY', title: 'Command not available', retryable: false },
  SIGN_SECRET_NOT_FOUND: { type: 'AUTHENTICATION', title: 'Sign-secret not found', retryable: false },
  SIGNATURE_INVALID: { type: 'AUTHENTICATION', title: 'Signature invalid', retryable: false },
  OEM_SEND_FAILED: { type: 'UPSTREAM', title: 'OEM send failed', retryable: true },
  OEM_INITIATE_FAILED: { type: 'UPSTREAM', title: 'OEM initiate failed', retryable: false },
  CONFIRMATION_INVALID: { type: 'CONFIRMATION', title: 'Confirmation invalid', retryable: false },
  CONFIRMATION_ALREADY_USED: { type: 'CONFIRMATION', title: 'Confirmation already used', retryable: false },
};

/** Matching ignores case, surrounding blanks and a trailing period, which the documents use unevenly. */
function normalise(detail: string): string {
  return detail.trim().replace(/\.$/, '').toLowerCase();
}

const BY_TEXT = new Map<string, MobwayDetailCode>(
  (Object.entries(MOBWAY_DETAILS) as [MobwayDetailCode, string][]).map(([code, text]) => [normalise(text), code]),
);

/** Statuses that say more than an undocumented detail text would. */
const MEANINGFUL_STATUSES = new Set([401, 403, 429]);

/**
 * One Mobway error answer in our shape: a documented detail → its code; an
 * undocumented detail → PROVIDER_ERROR (or the status's code for 401/403/429),
 * keeping the text; no detail → what the HTTP status says.
 */
export function mobwayError(
  detail: string | undefined,
  httpStatus: number,
  retryAfterSeconds: number | null = null,
): CommandError {
  const code = detail === undefined ? undefined : BY_TEXT.get(normalise(detail));
  if (code !== undefined) return { code, ...SHAPE[code], detail: detail ?? null, retryAfterSeconds };
  if (detail === undefined || MEANINGFUL_STATUSES.has(httpStatus)) {
    if (httpStatus >= 400) return { ...errorFromHttpStatus(httpStatus, detail ?? null), retryAfterSeconds };
  }
  return {
    code: 'PROVIDER_ERROR',
    type: 'PROVIDER',
    title: 'Mobway error',
    detail: detail ?? null,
    retryable: false,
    retryAfterSeconds,
  };
}
