import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { ValidationError } from '../domain/errors.js';
import { requireUserId } from '../domain/validation.js';
import { viewerFrom, type Viewer } from '../domain/viewer.js';
import { AuthenticationError } from './auth-error.js';

export interface VerifierOptions {
  issuer?: string;
  audience?: string;
}

export type KeySource = { kind: 'secret'; secret: Uint8Array } | { kind: 'jwks'; url: string };

/** Turns a bearer token into the `Viewer` it proves, or an `AuthenticationError` saying why not. */
export interface TokenVerifier {
  verify(token: string): Promise<Viewer>;
}

const ALGORITHMS = { secret: ['HS256'], jwks: ['RS256', 'ES256', 'PS256', 'EdDSA'] } as const;

/** Seconds of clock skew forgiven between the token issuer and us. */
const CLOCK_TOLERANCE_SECONDS = 5;

/** The largest time a JavaScript Date holds: ±8.64e15 ms, in JWT seconds. */
const MAX_DATE_SECONDS = 8.64e12;

export function createTokenVerifier(keys: KeySource, options: VerifierOptions): TokenVerifier {
  const getKey: Uint8Array | JWTVerifyGetKey =
    keys.kind === 'secret'
      ? keys.secret
      : createRemoteJWKSet(new URL(keys.url), { timeoutDuration: 5_000, cooldownDuration: 30_000 });

  return {
    async verify(token) {
      let payload: JWTPayload;
      try {
        // Two overloads of jwtVerify (key vs key function); the union needs a cast.
        ({ payload } = await jwtVerify(token, getKey as Uint8Array, {
          algorithms: [...ALGORITHMS[keys.kind]],
          issuer: options.issuer,
          audience: options.audience,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          // A token without an expiry would be valid forever.
          requiredClaims: ['exp', 'sub'],
        }));
      } catch (error) {
        throw new AuthenticationError(describe(error));
      }
      const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
      return viewerFrom(userIdFrom(payload.sub), roles, payload.exp === undefined ? undefined : new Date(payload.exp * 1000));
    },
  };
}

/** The token's `sub` as a user id, under the same rule as a grant's `userId`. */
function userIdFrom(sub: string | undefined): string {
  try {
    return requireUserId('sub', sub ?? '');
  } catch (error) {
    if (error instanceof ValidationError) throw new AuthenticationError(`token has no valid sub claim: ${error.message}`);
    throw error;
  }
}

/** A short reason for the client, from jose's coded errors; never the token itself. */
function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'token expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `token claim "${error.claim}" is not accepted`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'token signature is invalid';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'token algorithm is not accepted';
  if (error instanceof errors.JWKSNoMatchingKey) return 'token key is unknown';
  if (error instanceof errors.JWKSTimeout) return 'token keys could not be fetched in time';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'token is malformed';
  return 'token is invalid';
}

/** `Authorization: Bearer <token>` → the token; anything else → undefined. */
export function bearerToken(header: string | undefined | null): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
