import type { CommandError } from '../../domain/command-error.js';
import { ExecutionMode } from '../../domain/enums.js';
import { parseRetryAfter, unexpectedStatus, type JsonResponse } from '../http.js';
import { asObject, requireBoolean, requireString, stringField, type JsonObject } from '../json-fields.js';
import { finalFailure, finalSuccess } from '../outcome.js';
import type { ProviderOutcome } from '../provider.js';
import { errorFromHttpStatus } from '../status-errors.js';

/** SmartphoneKey answers synchronously: the response is the result. */
const MODE = ExecutionMode.SYNC;

/**
 * Our codes for the statuses spkey documents; 502 means the device shadow
 * was not updated, so the lock did not open.
 */
const DOCUMENTED: Readonly<Record<number, Omit<CommandError, 'title' | 'detail'>>> = {
  401: { code: 'UNAUTHORIZED', type: 'AUTHENTICATION', retryable: false },
  403: { code: 'FORBIDDEN', type: 'AUTHENTICATION', retryable: false },
  404: { code: 'LOCK_NOT_FOUND', type: 'RESOURCE_NOT_FOUND', retryable: false },
  502: { code: 'SHADOW_UPDATE_FAILED', type: 'UPSTREAM', retryable: true },
};

/** The answer to `POST /locks/{id}/OpenLock`. */
export function outcomeFromOpenLockAnswer(response: JsonResponse): ProviderOutcome {
  const body = asObject(response.body);
  if (response.status >= 400) {
    return finalFailure(spkeyError(response.status, body, parseRetryAfter(response.headers['retry-after'])), {
      providerStatus: `HTTP_${response.status}`,
      executionMode: MODE,
    });
  }
  if (response.status !== 200 || body === undefined) throw unexpectedStatus('SmartphoneKey', response.status);
  const success = requireBoolean(body, 'success');
  if (!success) {
    // `success: false` may come with the error shape's fields; its own `code` says which error.
    const code = typeof body.code === 'number' ? body.code : 0;
    return finalFailure(spkeyError(code, body, null), {
      providerExecutionId: stringField(body, 'aggregateId') ?? null,
      providerStatus: 'failure',
      executionMode: MODE,
    });
  }
  return finalSuccess({
    providerExecutionId: requireString(body, 'aggregateId'),
    providerStatus: 'success',
    executionMode: MODE,
  });
}

function spkeyError(status: number, body: JsonObject | undefined, retryAfterSeconds: number | null): CommandError {
  const title = stringField(body, 'error') ?? null;
  const detail = stringField(body, 'message') ?? null;
  const documented = DOCUMENTED[status];
  if (documented !== undefined) return { ...documented, title, detail, retryAfterSeconds };
  if (status >= 400) {
    return { ...errorFromHttpStatus(status, detail), ...(title === null ? {} : { title }), retryAfterSeconds };
  }
  return { code: 'OPEN_LOCK_FAILED', type: 'PROVIDER', title: title ?? 'Open lock failed', detail, retryable: false };
}
