import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { isAllowedCallbackUrl } from '../../src/server/callback-urls.js';
import { heartbeatFor } from '../../src/server/subscription-callback.js';

const allowed = [new URL('http://127.0.0.1'), new URL('https://router.internal:8443/callback')];

describe('isAllowedCallbackUrl', () => {
  it('accepts a listed host on any port when the entry names none', () => {
    expect(isAllowedCallbackUrl('http://127.0.0.1:4001/callback/abc', allowed)).toBe(true);
    expect(isAllowedCallbackUrl('http://127.0.0.1/x', allowed)).toBe(true);
  });

  it('requires the entry’s port and path prefix when it names them', () => {
    expect(isAllowedCallbackUrl('https://router.internal:8443/callback/abc', allowed)).toBe(true);
    expect(isAllowedCallbackUrl('https://router.internal:9443/callback/abc', allowed)).toBe(false);
    expect(isAllowedCallbackUrl('https://router.internal:8443/admin', allowed)).toBe(false);
    // A path prefix counts by whole segments.
    expect(isAllowedCallbackUrl('https://router.internal:8443/callback', allowed)).toBe(true);
    expect(isAllowedCallbackUrl('https://router.internal:8443/callback-other/abc', allowed)).toBe(false);
    expect(isAllowedCallbackUrl('http://router.internal:8443/callback/abc', allowed)).toBe(false);
  });

  it('refuses other hosts, look-alikes, credentials, other schemes and non-URLs', () => {
    expect(isAllowedCallbackUrl('http://169.254.169.254/latest/meta-data', allowed)).toBe(false);
    expect(isAllowedCallbackUrl('http://127.0.0.1.evil.example/callback', allowed)).toBe(false);
    expect(isAllowedCallbackUrl('http://evil.example@127.0.0.1/callback', allowed)).toBe(false);
    expect(isAllowedCallbackUrl('file:///etc/passwd', allowed)).toBe(false);
    expect(isAllowedCallbackUrl('not a url', allowed)).toBe(false);
    expect(isAllowedCallbackUrl(42, allowed)).toBe(false);
  });

  it('refuses everything when nothing is allowed', () => {
    expect(isAllowedCallbackUrl('http://127.0.0.1:4001/callback/abc', [])).toBe(false);
  });
});

describe('heartbeatFor', () => {
  it('checks at half the interval the router asked for, at most twice a second', () => {
    expect(heartbeatFor(10_000)).toBe(5_000);
    expect(heartbeatFor(100)).toBe(500);
  });

  it('keeps heartbeats off when asked (0) and uses half the protocol default when the interval is missing or bad', () => {
    expect(heartbeatFor(0)).toBe(0);
    expect(heartbeatFor(undefined)).toBe(2_500);
    expect(heartbeatFor(-5)).toBe(2_500);
    expect(heartbeatFor('1000')).toBe(2_500);
  });
});

describe('heartbeatFor bounds', () => {
  it('checks at least every 30 s, however long the interval asked for (2^32 ms overflowed setInterval)', () => {
    expect(heartbeatFor(60_000)).toBe(30_000);
    expect(heartbeatFor(2 ** 32)).toBe(30_000);
    expect(heartbeatFor(Number.MAX_SAFE_INTEGER)).toBe(30_000);
  });
});

describe('SUBSCRIPTION_CALLBACK_TIMEOUT_MS', () => {
  it('defaults to 5 s and accepts 100 ms to 60 s', () => {
    expect(loadConfig({}).subscriptionCallbackTimeoutMs).toBe(5_000);
    expect(loadConfig({ SUBSCRIPTION_CALLBACK_TIMEOUT_MS: '250' }).subscriptionCallbackTimeoutMs).toBe(250);
    for (const bad of ['99', '60001', '1.5', 'soon']) {
      expect(() => loadConfig({ SUBSCRIPTION_CALLBACK_TIMEOUT_MS: bad })).toThrow(/SUBSCRIPTION_CALLBACK_TIMEOUT_MS/);
    }
  });
});
