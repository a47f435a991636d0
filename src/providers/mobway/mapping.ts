import { ExecutionMode } from '../../domain/enums.js';
import { parseRetryAfter, unexpectedResponse, unexpectedStatus, type JsonResponse } from '../http.js';
import { asObject, requireString, stringField } from '../json-fields.js';
import { finalFailure, finalSuccess, rateLimitedPoll } from '../outcome.js';
import type { ProviderOutcome } from '../provider.js';
import { mobwayError } from './errors.js';
import { mobwayTimeToUtcOrNull } from './time.js';

/** Mobway runs every command in the background. */
const MODE = ExecutionMode.ASYNC;

/** The answer to `POST /vehicle-command`: Pending, Confirmation, Error or a bare `{detail}`. */
export function outcomeFromCommandAnswer(response: JsonResponse): ProviderOutcome {
  const body = asObject(response.body);
  const status = stringField(body, 'status');
  const id = stringField(body, 'id') ?? null;
  const detail = stringField(body, 'detail');
  const retryAfter = parseRetryAfter(response.headers['retry-after']);

  if (response.status < 300 && body !== undefined) {
    switch (status) {
      case 'Pending':
        return {
          kind: 'pending',
          providerExecutionId: requireString(body, 'id'),
          providerStatus: status,
          executionMode: MODE,
        };
      case 'Confirmation':
        return {
          kind: 'confirmation',
          providerExecutionId: id,
          providerStatus: status,
          code: requireString(body, 'code'),
          message: requireString(body, 'message'),
        };
      case 'Error':
        return finalFailure(mobwayError(detail, response.status, retryAfter), {
          providerExecutionId: id,
          providerStatus: status,
          executionMode: MODE,
        });
      case 'Success':
        return finalSuccess({ providerExecutionId: id, providerStatus: status, executionMode: MODE });
    }
  }
  if (response.status >= 400 || detail !== undefined) {
    return finalFailure(mobwayError(detail, response.status, retryAfter), {
      providerStatus: detail === undefined ? `HTTP_${response.status}` : 'Error',
    });
  }
  throw unexpectedResponse(`Mobway answered HTTP ${response.status} without a known status or detail`);
}

/**
 * The answer to `GET /vehicle-command/{id}`. An HTTP error is about the read,
 * not the command, so it is `unknown`; a 429 keeps the execution pending.
 */
export function outcomeFromStatusAnswer(providerExecutionId: string, response: JsonResponse): ProviderOutcome {
  const retryAfter = parseRetryAfter(response.headers['retry-after']);
  if (response.status === 429) return rateLimitedPoll(providerExecutionId, 'Pending', MODE, retryAfter);
  const body = asObject(response.body);
  if (response.status >= 400) {
    return { kind: 'unknown', error: mobwayError(stringField(body, 'detail'), response.status, retryAfter) };
  }
  if (response.status !== 200 || body === undefined) throw unexpectedStatus('Mobway', response.status);

  const status = requireString(body, 'status');
  const completedAt = mobwayTimeToUtcOrNull(body.updated);
  switch (status) {
    case 'Pending':
      return { kind: 'pending', providerExecutionId, providerStatus: status, executionMode: MODE };
    case 'Success':
      return finalSuccess({ providerExecutionId, providerStatus: status, executionMode: MODE, completedAt });
    case 'Error':
      return finalFailure(mobwayError(stringField(body, 'detail'), response.status), {
        providerExecutionId,
        providerStatus: status,
        executionMode: MODE,
        completedAt,
      });
    default:
      throw unexpectedResponse(`Mobway reported an unknown command status "${status.slice(0, 40)}"`);
  }
}
