/** Why a request could not be tied to a user. The message is safe to show: it never echoes the token. */
export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
  readonly code = 'UNAUTHENTICATED';
}
