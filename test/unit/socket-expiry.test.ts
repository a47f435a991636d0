import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeWhenExpired } from '../../src/server/socket-expiry.js';

/** Just what the expiry timer uses of a WebSocket: `close` and its `close` event. */
class FakeSocket extends EventEmitter {
  closedWith: number | undefined;
  close(code: number): void {
    this.closedWith = code;
    this.emit('close');
  }
}

const MAX_TIMER_MS = 2 ** 31 - 1;

describe('closing a socket when its token expires', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2030-01-01T00:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('closes at once, with one timer and one listener, for an expiry no Date can hold', () => {
    const socket = new FakeSocket();
    closeWhenExpired(socket, new Date(9e15 * 1000));
    vi.advanceTimersByTime(50);
    expect(socket.closedWith).toBe(4403);
    expect(vi.getTimerCount()).toBe(0);
    expect(socket.listenerCount('close')).toBe(0);
  });

  it('re-arms past the setTimeout limit with a single close listener, and closes at expiry (within a second)', () => {
    const socket = new FakeSocket();
    const expiresAt = new Date(Date.now() + 3 * MAX_TIMER_MS + 1000);
    closeWhenExpired(socket, expiresAt);
    for (let arm = 0; arm < 3; arm++) {
      vi.advanceTimersByTime(MAX_TIMER_MS);
      expect(socket.closedWith).toBeUndefined();
      expect(vi.getTimerCount()).toBe(1);
      expect(socket.listenerCount('close')).toBe(1);
    }
    // Expiries wait on shared one-second slots: never early, at most a second late.
    vi.advanceTimersByTime(2000);
    expect(socket.closedWith).toBe(4403);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops its timer when the socket closes first', () => {
    const socket = new FakeSocket();
    closeWhenExpired(socket, new Date(Date.now() + 60_000));
    socket.close(1000);
    expect(vi.getTimerCount()).toBe(0);
    expect(socket.listenerCount('close')).toBe(0);
  });
});
