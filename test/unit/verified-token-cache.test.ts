import { describe, expect, it } from 'vitest';
import { AuthenticationError } from '../../src/auth/auth-error.js';
import type { TokenVerifier } from '../../src/auth/token-verifier.js';
import { cachingVerifier } from '../../src/auth/verified-token-cache.js';
import { viewerFrom, type Viewer } from '../../src/domain/viewer.js';

/** A verifier that knows a fixed set of tokens and counts how often it is asked. */
function countingVerifier(known: Record<string, Viewer>) {
  const calls: string[] = [];
  const verifier: TokenVerifier = {
    async verify(token) {
      calls.push(token);
      const viewer = known[token];
      if (!viewer) throw new AuthenticationError('token signature is invalid');
      return viewer;
    },
  };
  return { verifier, calls };
}

describe('cachingVerifier', () => {
  const t0 = 1_800_000_000_000;

  it('verifies a token once and answers the same viewer until it expires', async () => {
    const alice = viewerFrom('alice', [], new Date(t0 + 60_000));
    const { verifier, calls } = countingVerifier({ a: alice });
    let clock = t0;
    const cached = cachingVerifier(verifier, { clockToleranceSeconds: 5, now: () => clock });

    expect(await cached.verify('a')).toBe(alice);
    expect(await cached.verify('a')).toBe(alice);
    expect(calls).toEqual(['a']);

    // Within the tolerance the verifier would still accept it: so does the cache.
    clock = t0 + 64_999;
    expect(await cached.verify('a')).toBe(alice);
    expect(calls).toEqual(['a']);

    // Past it, the token goes back to the verifier (which decides, here: still known).
    clock = t0 + 65_000;
    await cached.verify('a');
    expect(calls).toEqual(['a', 'a']);
  });

  it('never caches a refusal', async () => {
    const { verifier, calls } = countingVerifier({});
    const cached = cachingVerifier(verifier, { clockToleranceSeconds: 5, now: () => t0 });
    await expect(cached.verify('bad')).rejects.toThrow(AuthenticationError);
    await expect(cached.verify('bad')).rejects.toThrow(AuthenticationError);
    expect(calls).toEqual(['bad', 'bad']);
  });

  it('does not cache a viewer without an expiry, nor one already expired', async () => {
    const forever = viewerFrom('u', []);
    const stale = viewerFrom('v', [], new Date(t0 - 10_000));
    const { verifier, calls } = countingVerifier({ f: forever, s: stale });
    const cached = cachingVerifier(verifier, { clockToleranceSeconds: 5, now: () => t0 });
    await cached.verify('f');
    await cached.verify('f');
    await cached.verify('s');
    await cached.verify('s');
    expect(calls).toEqual(['f', 'f', 's', 's']);
  });

  it('stays within its bound, forgetting the oldest token first', async () => {
    const known: Record<string, Viewer> = {};
    for (const token of ['a', 'b', 'c']) known[token] = viewerFrom(token, [], new Date(t0 + 60_000));
    const { verifier, calls } = countingVerifier(known);
    const cached = cachingVerifier(verifier, { maxEntries: 2, clockToleranceSeconds: 5, now: () => t0 });
    await cached.verify('a');
    await cached.verify('b');
    await cached.verify('c'); // forgets a
    await cached.verify('c');
    await cached.verify('b');
    expect(calls).toEqual(['a', 'b', 'c']);
    await cached.verify('a');
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
  });

  it('stays within its byte budget, so many large tokens cannot hold memory without limit', async () => {
    const expires = new Date(t0 + 60_000);
    const verifier: TokenVerifier = { verify: async (token) => viewerFrom(token.slice(0, 8), [], expires) };
    const maxBytes = 1024 * 1024;
    const cached = cachingVerifier(verifier, { maxBytes, clockToleranceSeconds: 5, now: () => t0 });
    for (let i = 0; i < 1_000; i++) await cached.verify(`${String(i).padStart(8, '0')}${'x'.repeat(8_000)}`);
    // About 130 of 8 KB fit in 1 MiB; the rest forgot the oldest.
    expect(cached.bytes).toBeLessThanOrEqual(maxBytes);
    expect(cached.bytes).toBeGreaterThan(maxBytes - 9_000);
  });

  it('keeps the byte count exact when one token is verified twice at once', async () => {
    const expires = new Date(t0 + 60_000);
    const verifier: TokenVerifier = { verify: async (token) => viewerFrom(token, [], expires) };
    const cached = cachingVerifier(verifier, { clockToleranceSeconds: 5, now: () => t0 });
    await Promise.all([cached.verify('same'), cached.verify('same')]);
    expect(cached.bytes).toBe('same'.length + 256);
  });
});
