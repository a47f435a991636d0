import type { CommandError } from '../../domain/command-error.js';
import { ExecutionMode } from '../../domain/enums.js';
import { parseRetryAfter, type JsonResponse } from '../http.js';
import {
  asObject,
  integerOrNull,
  isoDateOrNull,
  requireObject,
  requireOneOf,
  requireString,
  stringField,
  type JsonObject,
} from '../json-fields.js';
import { finalFailure, finalSuccess } from '../outcome.js';
import type { ProviderOutcome } from '../provider.js';
import { errorFromHttpStatus } from '../status-errors.js';

const STATUS_VALUES = ['SUCCESS', 'FAILURE', 'PENDING'] as const;
const EXECUTION_MODES = { sync: ExecutionMode.SYNC, async: ExecutionMode.ASYNC } as const;

/** A `CommandResponse` (200, 202 or the Command Executions resource) in our terms. */
export function outcomeFromCommandResponse(body: unknown): ProviderOutcome {
  const data = requireObject(asObject(body)?.data, 'data');
  const providerExecutionId = requireString(data, 'id', 'data.id');
  const attributes = requireObject(data.attributes, 'data.attributes');
  const status = requireObject(attributes.status, 'data.attributes.status');
  const value = requireOneOf(status, 'value', STATUS_VALUES, 'data.attributes.status.value');
  const mode = requireOneOf(attributes, 'executionMode', ['sync', 'async'] as const, 'data.attributes.executionMode');
  const executionMode = EXECUTION_MODES[mode];

  if (value === 'PENDING') {
    return { kind: 'pending', providerExecutionId, providerStatus: value, executionMode };
  }
  // meta is informative: a missing or odd timestamp must not hide a final answer.
  const meta = asObject(data.meta);
  const details = {
    providerExecutionId,
    providerStatus: value,
    executionMode,
    executedAt: isoDateOrNull(meta?.executedAt),
    completedAt: isoDateOrNull(meta?.completedAt),
    durationSeconds: integerOrNull(meta?.durationInSeconds),
  };
  if (value === 'SUCCESS') return finalSuccess(details);
  const error = asObject(status.error);
  return finalFailure(
    error === undefined
      ? { code: 'COMMAND_FAILED', type: 'PROVIDER', title: 'Command failed', detail: null, retryable: false }
      : smartcarError(error, null),
    details,
  );
}

/** An HTTP error answer: the first entry of `errors[]`, or what the status alone says. */
export function errorFromErrorResponse(response: JsonResponse): CommandError {
  const retryAfterSeconds = parseRetryAfter(response.headers['retry-after']);
  const errors = asObject(response.body)?.errors;
  const first = Array.isArray(errors) ? asObject(errors[0]) : undefined;
  if (first === undefined) {
    return { ...errorFromHttpStatus(response.status), retryAfterSeconds };
  }
  return smartcarError(first, retryAfterSeconds, String(response.status));
}

/** Maps Smartcar's error object (the `errors[]` entry or `status.error`) field by field. */
function smartcarError(error: JsonObject, retryAfterSeconds: number | null, httpStatus?: string): CommandError {
  const status = stringField(error, 'status') ?? httpStatus ?? '';
  const code = stringField(error, 'code') ?? 'UNKNOWN';
  const resolution = stringField(asObject(error.resolution), 'type') ?? null;
  return {
    code,
    type: stringField(error, 'type') ?? 'PROVIDER',
    title: stringField(error, 'title') ?? null,
    detail: stringField(error, 'detail') ?? null,
    retryable: isRetryable(status, code, resolution),
    retryAfterSeconds,
    resolution,
    suggestedUserMessage: stringField(error, 'suggestedUserMessage') ?? null,
  };
}

/**
 * Retryable means "the same command may succeed if sent again later":
 * - 409 ASLEEP: the vehicle wakes up; other 409 vehicle states are not promised to pass.
 * - 429: after `retry-after`.
 * - 502 INVALID_DATA and 504 GATEWAY_TIMEOUT: upstream trouble, and Smartcar says RETRY_LATER.
 * - anything else Smartcar marks with `resolution.type: RETRY_LATER`.
 * Not retryable although the issue listed them: 430 (billing: the plan's vehicle
 * limit; resolution CONTACT_SUPPORT, nothing changes by waiting) and 501
 * MAKE_NOT_COMPATIBLE (the make is not supported in that country: permanent).
 * 500 is not retryable either: the command may have run.
 */
function isRetryable(status: string, code: string, resolution: string | null): boolean {
  if (status === '409') return code === 'ASLEEP';
  if (status === '429' || status === '502' || status === '504') return true;
  return resolution === 'RETRY_LATER';
}
