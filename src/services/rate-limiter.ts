import { RateLimitedError } from '../domain/errors.js';

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * Per-user token buckets for command mutations: `burst` at once, refilled at
 * `perMinute`. In memory, so per replica: with N replicas a user gets up to
 * N times the rate, which still bounds what reaches the providers.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly refillPerMs: number;

  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.refillPerMs = perMinute / 60_000;
  }

  /** Takes one token for `key`, or throws `RateLimitedError` saying when one will be there. */
  take(key: string): void {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, updatedAt: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.updatedAt) * this.refillPerMs);
    bucket.updatedAt = now;
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      throw new RateLimitedError(Math.max(1, Math.ceil((1 - bucket.tokens) / this.refillPerMs / 1000)));
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.forgetFull(now);
  }

  /** Full buckets carry no state worth keeping: dropping them bounds memory. */
  private forgetFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updatedAt) * this.refillPerMs >= this.burst) this.buckets.delete(key);
    }
  }
}
