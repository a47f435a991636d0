import { describe, expect, it, vi } from 'vitest';
import { withTimeout } from '../../src/util/with-timeout.js';

describe('withTimeout', () => {
  it('answers the value when the work settles first', async () => {
    expect(await withTimeout(Promise.resolve(42), 1_000)).toEqual({ done: true, value: 42 });
  });

  it('answers that time ran out when the work is slower, without waiting for it', async () => {
    let finished = false;
    const slow = new Promise<number>((resolve) => setTimeout(() => resolve(1), 5_000).unref()).then((value) => {
      finished = true;
      return value;
    });
    expect(await withTimeout(slow, 20)).toEqual({ done: false });
    expect(finished).toBe(false);
  });

  it('passes on a rejection that comes first', async () => {
    await expect(withTimeout(Promise.reject(new Error('boom')), 1_000)).rejects.toThrow('boom');
  });

  it('leaves no timer behind, whichever comes first', async () => {
    vi.useFakeTimers();
    try {
      await withTimeout(Promise.resolve(1), 60_000);
      expect(vi.getTimerCount()).toBe(0);
      await expect(withTimeout(Promise.reject(new Error('boom')), 60_000)).rejects.toThrow('boom');
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('leaves no unhandled rejection when the work fails after the time ran out', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => void unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const late = new Promise<number>((_, reject) => setTimeout(() => reject(new Error('late')), 30));
      expect(await withTimeout(late, 5)).toEqual({ done: false });
      await new Promise((resolve) => setTimeout(resolve, 60));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
    }
  });
});
