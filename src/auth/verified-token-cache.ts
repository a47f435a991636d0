import type { Viewer } from '../domain/viewer.js';
import type { TokenVerifier } from './token-verifier.js';

/** How many distinct tokens are remembered; the oldest is forgotten first. */
export const DEFAULT_VERIFIED_TOKENS = 10_000;
/**
 * How many bytes of tokens are remembered: a count alone let 11,000 tokens of
 * 12 KB hold 180 MiB. Each entry counts its token's length plus what its key,
 * viewer and map slot cost besides.
 */
export const DEFAULT_VERIFIED_TOKEN_BYTES = 8 * 1024 * 1024;
const ENTRY_OVERHEAD_BYTES = 256;

/**
 * Remembers the viewer each verified token proved, until the token expires,
 * so a client sending the same token on every request pays for one signature
 * check (a WebCrypto HMAC job, or an RSA/EC verification) per token instead
 * of one per request. Only successes are kept: a refused token is checked
 * again each time, so a token rejected by clock skew or a key not yet fetched
 * can still pass later. Bounded, so a flood of distinct tokens costs memory
 * once, not without limit.
 *
 * The expiry is honoured at each hit with the same tolerance the verifier
 * forgives, so a cached token stops working exactly when a fresh check would
 * refuse it. A key removed from a JWKS does not revoke the tokens it already
 * signed before they expire — as with any stateless JWT check between fetches.
 */
export function cachingVerifier(
  inner: TokenVerifier,
  options: { maxEntries?: number; maxBytes?: number; clockToleranceSeconds: number; now?: () => number },
): TokenVerifier & { readonly bytes: number } {
  const maxEntries = options.maxEntries ?? DEFAULT_VERIFIED_TOKENS;
  const maxBytes = options.maxBytes ?? DEFAULT_VERIFIED_TOKEN_BYTES;
  const toleranceMs = options.clockToleranceSeconds * 1000;
  const now = options.now ?? Date.now;
  const verified = new Map<string, Viewer>();
  let bytes = 0;
  const cost = (token: string) => token.length + ENTRY_OVERHEAD_BYTES;
  const forget = (token: string) => {
    if (verified.delete(token)) bytes -= cost(token);
  };

  const stillValid = (viewer: Viewer): boolean =>
    viewer.expiresAt !== undefined && now() < viewer.expiresAt.getTime() + toleranceMs;

  return {
    get bytes() {
      return bytes;
    },
    async verify(token) {
      const cached = verified.get(token);
      if (cached !== undefined) {
        if (stillValid(cached)) return cached;
        forget(token);
      }
      const viewer = await inner.verify(token);
      // A viewer without an expiry is never cached: its validity is the verifier's to decide each time.
      if (stillValid(viewer) && cost(token) <= maxBytes && !verified.has(token)) {
        while (verified.size >= maxEntries || bytes + cost(token) > maxBytes) forget(verified.keys().next().value!);
        verified.set(token, viewer);
        bytes += cost(token);
      }
      return viewer;
    },
  };
}
