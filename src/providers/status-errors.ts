import type { CommandError } from '../domain/command-error.js';

/**
 * What an HTTP status alone says, for provider answers that carry no
 * documented error body. Retryable only where the status itself promises that
 * nothing ran and a later attempt can succeed (rate limit, gateway trouble).
 */
const BY_STATUS: Readonly<Record<number, Omit<CommandError, 'detail'>>> = {
  400: { code: 'BAD_REQUEST', type: 'VALIDATION', title: 'Bad Request', retryable: false },
  401: { code: 'UNAUTHORIZED', type: 'AUTHENTICATION', title: 'Unauthorized', retryable: false },
  403: { code: 'FORBIDDEN', type: 'AUTHENTICATION', title: 'Forbidden', retryable: false },
  404: { code: 'NOT_FOUND', type: 'RESOURCE_NOT_FOUND', title: 'Not Found', retryable: false },
  409: { code: 'CONFLICT', type: 'CONFLICT', title: 'Conflict', retryable: false },
  422: { code: 'UNPROCESSABLE', type: 'VALIDATION', title: 'Unprocessable Entity', retryable: false },
  429: { code: 'RATE_LIMITED', type: 'RATE_LIMIT', title: 'Too Many Requests', retryable: true },
  500: { code: 'INTERNAL', type: 'SERVER', title: 'Internal Server Error', retryable: false },
  502: { code: 'BAD_GATEWAY', type: 'UPSTREAM', title: 'Bad Gateway', retryable: true },
  503: { code: 'SERVICE_UNAVAILABLE', type: 'SERVER', title: 'Service Unavailable', retryable: true },
  504: { code: 'GATEWAY_TIMEOUT', type: 'SERVER', title: 'Gateway Timeout', retryable: true },
};

export function errorFromHttpStatus(status: number, detail: string | null = null): CommandError {
  const known = BY_STATUS[status];
  if (known !== undefined) return { ...known, detail };
  return {
    code: `HTTP_${status}`,
    type: status >= 500 ? 'SERVER' : 'PROVIDER',
    title: `HTTP ${status}`,
    detail,
    retryable: false,
  };
}
