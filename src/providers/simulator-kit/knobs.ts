/**
 * Behaviour knobs shared by the simulators: latency, a failure rate drawn from
 * a seeded generator (repeatable runs), forced failures (`failNext`) and a
 * fixed-window rate limit answering 429 with `retry-after`. Knobs are set at
 * start, changed while running, and overridden per target.
 */

export interface RateLimitKnob {
  /** Requests allowed per target in one window. */
  maxRequests: number;
  windowMs: number;
  /** Sent in `retry-after` on a 429. */
  retryAfterSeconds: number;
}

/**
 * A broken answer any provider can give, played by the kit itself: the
 * connection reset, a body that is not JSON, a body cut short, or no answer
 * at all (the client's timeout ends it).
 */
export type WireFault = 'NONE' | 'RESET' | 'GARBAGE' | 'TRUNCATED' | 'HANG';
export const WIRE_FAULTS: readonly WireFault[] = ['NONE', 'RESET', 'GARBAGE', 'TRUNCATED', 'HANG'];

export interface CommonKnobs {
  /** Added before every answer on the provider routes. */
  latencyMs: number;
  /** Share (0..1) of commands that fail with the simulator's `failWith` fault. */
  failureRate: number;
  /** Seed of the failure-rate draws; setting it restarts the sequence. */
  seed: number;
  rateLimit: RateLimitKnob | null;
  /** How a command is answered on the wire, before anything the provider would say. */
  wireFault: WireFault;
}

export const COMMON_KNOB_DEFAULTS: CommonKnobs = {
  latencyMs: 0,
  failureRate: 0,
  seed: 1,
  rateLimit: null,
  wireFault: 'NONE',
};

export class KnobError extends Error {
  override readonly name = 'KnobError';
}

type Choices<K> = Partial<Record<keyof K, readonly unknown[]>>;

export class KnobStore<K extends CommonKnobs> {
  private global: K;
  private readonly perTarget = new Map<string, Partial<K>>();

  constructor(
    private readonly defaults: K,
    /** Allowed values of the enumerated knobs, for checking untrusted patches. */
    private readonly choices: Choices<K>,
    initial: Partial<K> = {},
  ) {
    this.global = { ...defaults, ...this.parsePatch(initial) };
  }

  configure(patch: Partial<K>): void {
    this.global = { ...this.global, ...this.parsePatch(patch) };
  }

  configureTarget(targetId: string, patch: Partial<K>): void {
    this.perTarget.set(targetId, { ...this.perTarget.get(targetId), ...this.parsePatch(patch) });
  }

  clearTarget(targetId: string): void {
    this.perTarget.delete(targetId);
  }

  resolve(targetId?: string): K {
    const override = targetId === undefined ? undefined : this.perTarget.get(targetId);
    return override === undefined ? this.global : { ...this.global, ...override };
  }

  /** Checks a patch (possibly from the admin route) key by key against the defaults; throws `KnobError`. */
  parsePatch(value: unknown): Partial<K> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new KnobError('knobs must be an object');
    }
    const patch: Partial<K> = {};
    for (const [key, knob] of Object.entries(value)) {
      if (!(key in this.defaults)) throw new KnobError(`unknown knob "${key}"`);
      const name = key as keyof K;
      checkKnob(key, knob, this.defaults[name], this.choices[name]);
      patch[name] = knob as K[keyof K];
    }
    return patch;
  }
}

function checkKnob(key: string, value: unknown, defaultValue: unknown, choices: readonly unknown[] | undefined): void {
  if (choices !== undefined) {
    if (!choices.includes(value)) throw new KnobError(`knob "${key}" must be one of ${choices.join(', ')}`);
    return;
  }
  if (key === 'rateLimit') {
    if (value !== null && !isRateLimit(value)) {
      throw new KnobError('knob "rateLimit" must be null or {maxRequests, windowMs, retryAfterSeconds}');
    }
    return;
  }
  if (typeof value !== typeof defaultValue) throw new KnobError(`knob "${key}" must be a ${typeof defaultValue}`);
  if (typeof value === 'number' && (!Number.isFinite(value) || value < 0)) {
    throw new KnobError(`knob "${key}" must be a finite number ≥ 0`);
  }
  if (key === 'failureRate' && (value as number) > 1) throw new KnobError('knob "failureRate" must be within 0..1');
}

function isRateLimit(value: unknown): value is RateLimitKnob {
  if (typeof value !== 'object' || value === null) return false;
  const limit = value as Record<string, unknown>;
  return ['maxRequests', 'windowMs', 'retryAfterSeconds'].every(
    (key) => typeof limit[key] === 'number' && Number.isFinite(limit[key]) && (limit[key] as number) >= 0,
  );
}

/** Forced failures first (`failNext`), then a seeded draw against the failure rate. */
export class FaultInjector<F> {
  private readonly forced: F[] = [];
  private random: () => number;

  constructor(seed: number) {
    this.random = mulberry32(seed);
  }

  reseed(seed: number): void {
    this.random = mulberry32(seed);
  }

  failNext(count: number, fault: F): void {
    for (let i = 0; i < count; i += 1) this.forced.push(fault);
  }

  clear(): void {
    this.forced.length = 0;
  }

  draw(failureRate: number, fault: F): F | undefined {
    const forced = this.forced.shift();
    if (forced !== undefined) return forced;
    return failureRate > 0 && this.random() < failureRate ? fault : undefined;
  }
}

/** A small, fast, seedable PRNG: the same seed gives the same failures. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fixed windows per key (a vehicle, a VIN, a lock), as providers throttle per vehicle. */
export class FixedWindowRateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  /** Counts one request; returns the `retry-after` seconds when it is over the limit, else null. */
  hit(key: string, limit: RateLimitKnob | null, now: number = Date.now()): number | null {
    if (limit === null) return null;
    let window = this.windows.get(key);
    if (window === undefined || now - window.startedAt >= limit.windowMs) {
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    return window.count > limit.maxRequests ? limit.retryAfterSeconds : null;
  }

  reset(): void {
    this.windows.clear();
  }
}
