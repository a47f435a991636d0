import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Deadlines } from '../../src/util/deadlines.js';

describe('shared deadlines', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs thousands of callbacks on one timer, none early, each at most a slot late', () => {
    const deadlines = new Deadlines(1_000);
    const ran: number[] = [];
    const start = Date.now();
    for (let i = 0; i < 5_000; i += 1) deadlines.at(start + 1_500 + (i % 3) * 1_000, () => ran.push(Date.now() - start));
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(1_499);
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(4_000);
    expect(ran).toHaveLength(5_000);
    expect(Math.min(...ran)).toBeGreaterThanOrEqual(1_500);
    expect(Math.max(...ran)).toBeLessThanOrEqual(3_500 + 1_000);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('forgets a cancelled callback, and its timer once nothing is left', () => {
    const deadlines = new Deadlines(1_000);
    const ran: string[] = [];
    const cancelA = deadlines.at(Date.now() + 5_000, () => ran.push('a'));
    deadlines.at(Date.now() + 9_000, () => ran.push('b'));
    cancelA();
    vi.advanceTimersByTime(6_000);
    expect(ran).toEqual([]);
    vi.advanceTimersByTime(4_000);
    expect(ran).toEqual(['b']);
    const cancelC = deadlines.at(Date.now() + 1_000, () => ran.push('c'));
    cancelC();
    cancelC();
    expect(deadlines.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('runs the others when one callback throws', () => {
    const deadlines = new Deadlines(1_000);
    const ran: string[] = [];
    deadlines.at(Date.now() + 1_000, () => {
      throw new Error('boom');
    });
    deadlines.at(Date.now() + 1_000, () => ran.push('after'));
    vi.advanceTimersByTime(1_000);
    expect(ran).toEqual(['after']);
  });
});
