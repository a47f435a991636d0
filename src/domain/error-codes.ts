/**
 * Every `extensions.code` the API answers with, and when: the one catalogue.
 * Whoever raises a coded error names its code with the `ErrorCode` type, so a
 * code that is not here does not compile; the README's error table is checked
 * against this (test/unit/error-codes.test.ts).
 *
 * An execution's own `error.code` (a provider's refusal, a timeout) is data,
 * not an error of the request: those are the providers' and the engine's.
 */
export const ERROR_CODES = {
  UNAUTHENTICATED: { when: 'no token, or one that is malformed, expired or not for this API', extensions: '' },
  FORBIDDEN: {
    when:
      'the caller may not do this (an admin operation; a command by a `VIEWER`; canceling a command one only sees; ' +
      "approving one's own or without the `SUPERVISOR` role; a stream whose access ended; the sandbox outside development)",
    extensions: '',
  },
  NOT_FOUND: { when: 'no such target or execution, or not one the caller may see', extensions: '' },
  BAD_USER_INPUT: { when: 'an argument breaks a rule; nothing was changed', extensions: '`field`' },
  SERVICE_UNAVAILABLE: { when: 'the database cannot be reached right now', extensions: '`retryAfterSeconds`' },
  RATE_LIMITED: { when: 'too many commands from this user', extensions: '`retryAfterSeconds`' },
  TOO_MANY_SUBSCRIPTIONS: { when: 'the per-user or per-socket cap of open subscriptions', extensions: '`limit`' },
  CURSOR_EXPIRED: {
    when: 'a `commandExecutionChanges` cursor older than the replay window',
    extensions: '`replayWindowHours`',
  },
  TOO_MANY_REPRESENTATIONS: { when: 'an `_entities` call with more representations than allowed', extensions: '' },
  PERSISTED_QUERY_NOT_SUPPORTED: { when: 'an automatic persisted query hash: send the query text', extensions: '' },
  SUBSCRIPTION_TRANSPORT_REQUIRED: {
    when: 'a subscription over plain HTTP POST: use graphql-ws, SSE, multipart or the callback protocol',
    extensions: '',
  },
  CALLBACK_URL_NOT_ALLOWED: { when: "a router's callback URL outside the allow-list", extensions: '' },
  CALLBACK_CHECK_FAILED: { when: "the router's callback URL refused the subscription's check", extensions: '' },
  GRAPHQL_PARSE_FAILED: { when: 'the document does not parse (or is over the token limit)', extensions: '' },
  OPERATION_RESOLUTION_FAILURE: {
    when: 'the operation to run cannot be told: an unknown operationName, or several operations and none named',
    extensions: '',
  },
  GRAPHQL_VALIDATION_FAILED: {
    when: 'the document is invalid, or over a limit (depth, aliases, directives, cost)',
    extensions: '',
  },
  BAD_REQUEST: { when: 'the HTTP request is not a GraphQL request (bad JSON, wrong method)', extensions: '' },
  PAYLOAD_TOO_LARGE: { when: 'the request body is over the size limit', extensions: '' },
  SHUTTING_DOWN: { when: 'the server is stopping: subscribe again (another replica answers)', extensions: '' },
  TARGET_ALREADY_REGISTERED: { when: 'this provider reference is registered already', extensions: '' },
  IDEMPOTENCY_KEY_REUSED: { when: 'an idempotency key sent again with another command or input', extensions: '' },
  CANNOT_CANCEL: {
    when: 'a command that has been sent (providers cannot take one back) or has ended; it is unchanged',
    extensions: '`status`',
  },
  CONFIRMATION_CODE_INVALID: { when: 'a wrong confirmation code', extensions: '`attemptsRemaining`' },
  CONFIRMATION_ALREADY_USED: { when: 'the confirmation step was taken already', extensions: '' },
  CONFIRMATION_EXPIRED: { when: 'the confirmation code expired: request a new one', extensions: '' },
  CONFIRMATION_LOCKED: { when: 'too many wrong codes: request a new one', extensions: '' },
  CONFIRMATION_NOT_READY: { when: 'the provider has not sent the code yet', extensions: '' },
  CONFIRMATION_NOT_APPLICABLE: { when: 'the execution has no confirmation step', extensions: '' },
  CONFIRMATION_NOT_PENDING: { when: 'the two-step request has ended', extensions: '' },
  APPROVAL_NOT_PENDING: {
    when: 'approving or rejecting a command that does not await approval (anymore); it is unchanged',
    extensions: '`status`',
  },
  INTERNAL_SERVER_ERROR: {
    when: 'anything unexpected: logged with its stack, answered with no detail',
    extensions: '',
  },
} as const satisfies Record<string, { when: string; extensions: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
