import { describe, expect, it } from 'vitest';
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
});
