import type { CommandError } from '../domain/command-error.js';
import type { CommandType, ExecutionMode, Provider } from '../domain/enums.js';
import { ProviderHttpError } from './http.js';
import type { ProviderOutcome } from './provider.js';

/** Builders shared by the three clients, so every provider speaks the same outcome dialect. */

export type FinalOutcome = Extract<ProviderOutcome, { kind: 'final' }>;
export type PendingOutcome = Extract<ProviderOutcome, { kind: 'pending' }>;

export function finalFailure(
  error: CommandError,
  details: Partial<Omit<FinalOutcome, 'kind' | 'status' | 'error'>> = {},
): FinalOutcome {
  return {
    kind: 'final',
    status: 'FAILURE',
    providerExecutionId: details.providerExecutionId ?? null,
    providerStatus: details.providerStatus ?? 'ERROR',
    executionMode: details.executionMode ?? null,
    error,
    ...timesOf(details),
  };
}

export function finalSuccess(details: Omit<FinalOutcome, 'kind' | 'status' | 'error'>): FinalOutcome {
  return { kind: 'final', status: 'SUCCESS', error: null, ...details };
}

function timesOf(details: Partial<FinalOutcome>): Partial<FinalOutcome> {
  const times: Partial<FinalOutcome> = {};
  if (details.executedAt !== undefined) times.executedAt = details.executedAt;
  if (details.completedAt !== undefined) times.completedAt = details.completedAt;
  if (details.durationSeconds !== undefined) times.durationSeconds = details.durationSeconds;
  return times;
}

/**
 * A poll answered 429: the execution is still where it was as far as we know,
 * and the provider asked us to wait (the `pending.retryAfterSeconds` slot).
 */
export function rateLimitedPoll(
  providerExecutionId: string,
  providerStatus: string,
  executionMode: ExecutionMode | null,
  retryAfterSeconds: number | null,
): PendingOutcome {
  return { kind: 'pending', providerExecutionId, providerStatus, executionMode, retryAfterSeconds };
}

/** A command this provider cannot run; refused before any request is made. */
export function commandNotSupported(provider: Provider, commandType: CommandType): FinalOutcome {
  return finalFailure({
    code: 'COMMAND_NOT_SUPPORTED',
    type: 'VALIDATION',
    title: 'Command not supported',
    detail: `${provider} does not support ${commandType}`,
    retryable: false,
  });
}

export function invalidParameters(detail: string): FinalOutcome {
  return finalFailure({
    code: 'INVALID_PARAMETERS',
    type: 'VALIDATION',
    title: 'Invalid parameters',
    detail,
    retryable: false,
  });
}

const TRANSPORT_TITLES: Record<string, string> = {
  PROVIDER_UNREACHABLE: 'Provider unreachable',
  PROVIDER_CONNECT_TIMEOUT: 'Provider connect timeout',
  PROVIDER_HEADERS_TIMEOUT: 'Provider timeout',
  PROVIDER_BODY_TIMEOUT: 'Provider timeout',
  PROVIDER_TIMEOUT: 'Provider timeout',
  PROVIDER_CONNECTION_RESET: 'Connection reset',
  PROVIDER_REQUEST_ABORTED: 'Request aborted',
  PROVIDER_CLIENT_CLOSED: 'Client closed',
  PROVIDER_REQUEST_FAILED: 'Request failed',
};

/**
 * An exchange whose result cannot be judged. `retryable` is true only when the
 * provider never saw the request, because a command must not run twice.
 */
export function unknownOutcome(error: unknown): ProviderOutcome {
  if (error instanceof ProviderHttpError) {
    const title = TRANSPORT_TITLES[error.code];
    return {
      kind: 'unknown',
      error: {
        code: error.code,
        type: title === undefined ? 'PROVIDER_RESPONSE' : 'TRANSPORT',
        title: title ?? 'Unreadable provider response',
        detail: error.message,
        retryable: !error.requestSent,
      },
    };
  }
  // A bug of ours, not a provider fault: say so without echoing internals.
  const name = error instanceof Error ? error.name : typeof error;
  return {
    kind: 'unknown',
    error: {
      code: 'PROVIDER_CLIENT_ERROR',
      type: 'CLIENT',
      title: 'Provider client error',
      detail: `the provider client failed unexpectedly (${name})`,
      retryable: false,
    },
  };
}

/**
 * Runs one client operation so that it never throws or rejects, and scrubs the
 * client's credentials from whatever the provider sent back (a provider could
 * echo a token in an error detail).
 */
export async function guardOutcome(
  secrets: readonly string[],
  run: () => Promise<ProviderOutcome>,
): Promise<ProviderOutcome> {
  let outcome: ProviderOutcome;
  try {
    outcome = await run();
  } catch (error) {
    outcome = unknownOutcome(error);
  }
  return redactSecrets(outcome, secrets);
}

export const REDACTED = '[REDACTED]';

/** Replaces every occurrence of a secret in the strings of plain objects and arrays; other values pass through. */
export function redactSecrets<T>(value: T, secrets: readonly string[]): T {
  const present = secrets.filter((secret) => secret.length > 0);
  if (present.length === 0) return value;
  return redact(value, present) as T;
}

function redact(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') {
    return secrets.reduce((text, secret) => text.split(secret).join(REDACTED), value);
  }
  if (Array.isArray(value)) return value.map((item) => redact(item, secrets));
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redact(item, secrets)]));
  }
  return value;
}
