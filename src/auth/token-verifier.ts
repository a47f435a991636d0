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
export const CLOCK_TOLERANCE_SECONDS = 5;

/**
 * The longest token accepted at all, checked before any work: a JWT with a
 * subject and a few roles is a few hundred bytes; one of tens of kilobytes is
 * an attempt to make every cache and log line that holds it expensive.
 */
export const MAX_TOKEN_LENGTH = 8 * 1024;

/** The largest time a JavaScript Date holds: ±8.64e15 ms, in JWT seconds. */
const MAX_DATE_SECONDS = 8.64e12;

export function createTokenVerifier(keys: KeySource, options: VerifierOptions): TokenVerifier {
  const getKey: Uint8Array | JWTVerifyGetKey =
    keys.kind === 'secret'
      ? keys.secret
      : createRemoteJWKSet(new URL(keys.url), { timeoutDuration: 5_000, cooldownDuration: 30_000 });

  return {
    async verify(token) {
      if (token.length > MAX_TOKEN_LENGTH) {
        throw new AuthenticationError(`token is longer than ${MAX_TOKEN_LENGTH} characters`);
      }
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
      const expiresAt = checkTimeClaims(payload, Date.now() / 1000);
      const roles = Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [];
      return viewerFrom(userIdFrom(payload.sub), roles, expiresAt);
    },
  };
}

/**
 * jose checks that `exp`, `nbf` and `iat` are numbers and compares them with
 * now, but takes any number: `exp: 9e15` (or `1e999`, which parses as
 * Infinity) passes and makes an expiry no Date can hold. Each time claim must
 * be a finite date JavaScript can represent, and `iat` must not lie in the
 * future (a token is not issued later than it is used). Answers the expiry.
 */
function checkTimeClaims(payload: JWTPayload, nowSeconds: number): Date {
  for (const claim of ['exp', 'nbf', 'iat'] as const) {
    const value = payload[claim];
    if (value !== undefined && !(Number.isFinite(value) && Math.abs(value) <= MAX_DATE_SECONDS)) {
      throw new AuthenticationError(`token claim "${claim}" is not accepted`);
    }
  }
  const { iat, exp } = payload;
  if (iat !== undefined && iat > nowSeconds + CLOCK_TOLERANCE_SECONDS) {
    throw new AuthenticationError('token claim "iat" is not accepted');
  }
  // Required by the jose options above; checked again so the type says so.
  if (exp === undefined) throw new AuthenticationError('token claim "exp" is not accepted');
  return new Date(exp * 1000);
}

/** The token's `sub` as a user id, under the same rule as a grant's `userId`. */
function userIdFrom(sub: string | undefined): string {
  try {
    return requireUserId('sub', sub ?? '');
  } catch (error) {
    if (error instanceof ValidationError) {
      throw new AuthenticationError(`token has no valid sub claim: ${error.message}`);
    }
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
