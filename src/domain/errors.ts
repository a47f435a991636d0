import type { ErrorCode } from './error-codes.js';
/**
 * Errors our own rules raise, independent of transport. The GraphQL layer maps
 * each to its `extensions.code`; anything else is an internal error and masked.
 */
export { ValidationError } from './validation.js';

/** The thing does not exist, or the caller may not see it: the two are indistinguishable on purpose. */
export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(readonly what: string) {
    super(`${what} not found`);
  }
}

/** The caller is known but lacks the role for this operation. */
export class PermissionDeniedError extends Error {
  override readonly name = 'PermissionDeniedError';
}

/**
 * The request conflicts with what is stored (a provider reference registered
 * twice, an idempotency key reused with other input, a confirmation already
 * used). `code` is the client-facing `extensions.code`; `details` go along.
 */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

/** Too many requests from one caller; `retryAfterSeconds` says when to try again. */
export class RateLimitedError extends Error {
  override readonly name = 'RateLimitedError';
  constructor(readonly retryAfterSeconds: number) {
    super(`too many commands; retry in ${retryAfterSeconds} s`);
  }
}

/** A caller already holds as many live subscriptions as one replica allows per user. */
export class TooManySubscriptionsError extends Error {
  override readonly name = 'TooManySubscriptionsError';
  constructor(readonly limit: number) {
    super(`at most ${limit} live subscriptions per user`);
  }
}

/** The caller's access to the target a live stream follows was taken away while it ran. */
export class AccessRevokedError extends Error {
  override readonly name = 'AccessRevokedError';
  constructor() {
    super('access to this target was revoked');
  }
}

/** A feed cursor older than the replay window: the client re-reads what it needs, then follows without one. */
export class CursorExpiredError extends Error {
  override readonly name = 'CursorExpiredError';
  constructor(readonly replayWindowHours: number) {
    super(
      `the cursor is older than the replay window of ${replayWindowHours} h: read the current state, then follow without a cursor`,
    );
  }
}
