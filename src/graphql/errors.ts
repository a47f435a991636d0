import { GraphQLError } from 'graphql';
import { AuthenticationError } from '../auth/auth-error.js';
import {
  AccessRevokedError,
  ConflictError,
  CursorExpiredError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitedError,
  TooManySubscriptionsError,
  ValidationError,
} from '../domain/errors.js';
import { isConnectionError } from '../store/db.js';
import type { ErrorCode } from '../domain/error-codes.js';

/**
 * The one mapping from our errors to GraphQL errors with `extensions.code`.
 * Applied around every resolver (`withErrorMapping`), so HTTP and WebSocket
 * operations get the same codes; anything unrecognised is masked as
 * INTERNAL_SERVER_ERROR.
 */
export function toGraphQLError(error: unknown): GraphQLError | undefined {
  if (error instanceof GraphQLError) return error;
  if (error instanceof AuthenticationError) {
    return new GraphQLError(`Not authenticated: ${error.message}`, {
      extensions: { code: 'UNAUTHENTICATED' satisfies ErrorCode },
    });
  }
  if (error instanceof PermissionDeniedError) {
    return new GraphQLError(`Forbidden: ${error.message}`, { extensions: { code: 'FORBIDDEN' satisfies ErrorCode } });
  }
  if (error instanceof AccessRevokedError) {
    return new GraphQLError(`Forbidden: ${error.message}`, { extensions: { code: 'FORBIDDEN' satisfies ErrorCode } });
  }
  if (error instanceof TooManySubscriptionsError) {
    return new GraphQLError(error.message, {
      extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' satisfies ErrorCode, limit: error.limit },
    });
  }
  if (error instanceof CursorExpiredError) {
    return new GraphQLError(error.message, {
      extensions: { code: 'CURSOR_EXPIRED' satisfies ErrorCode, replayWindowHours: error.replayWindowHours },
    });
  }
  if (error instanceof NotFoundError) {
    return new GraphQLError(`Not found: ${error.what}`, { extensions: { code: 'NOT_FOUND' satisfies ErrorCode } });
  }
  if (error instanceof ValidationError) {
    return new GraphQLError(error.message, {
      extensions: { code: 'BAD_USER_INPUT' satisfies ErrorCode, field: error.field },
    });
  }
  if (error instanceof RateLimitedError) {
    return new GraphQLError(`Rate limited: ${error.message}`, {
      extensions: { code: 'RATE_LIMITED' satisfies ErrorCode, retryAfterSeconds: error.retryAfterSeconds },
    });
  }
  if (isConnectionError(error)) {
    return new GraphQLError('The service cannot reach its database right now. Try again shortly.', {
      extensions: { code: 'SERVICE_UNAVAILABLE' satisfies ErrorCode, retryAfterSeconds: 5 },
    });
  }
  if (error instanceof ConflictError) {
    return new GraphQLError(error.message, { extensions: { ...error.details, code: error.code } });
  }
  return undefined;
}

export const INTERNAL_ERROR_MESSAGE = 'Internal server error';

export function internalError(): GraphQLError {
  return new GraphQLError(INTERNAL_ERROR_MESSAGE, {
    extensions: { code: 'INTERNAL_SERVER_ERROR' satisfies ErrorCode },
  });
}

/**
 * What the client sees of `error`: a known one coded; an unknown one handed to
 * `reportUnknown` (to log it with its stack) and sent only as "Internal server error".
 */
export function clientErrorOf(error: unknown, reportUnknown: (error: unknown) => void): GraphQLError {
  const known = toGraphQLError(error);
  if (known) return known;
  reportUnknown(error);
  return internalError();
}
