import { describe, expect, it } from 'vitest';
import { Channel } from '../../src/live/channel.js';
import { endStream } from '../../src/graphql/stream-end.js';

describe('endStream', () => {
  it('keeps nothing per event on a long stream, and releases its abort listener when the stream completes on its own', async () => {
    const shutdown = new AbortController();
    let listeners = 0;
    const signal = shutdown.signal;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<typeof add>) => (listeners++, add(...args))) as typeof add;
    signal.removeEventListener = ((...args: Parameters<typeof remove>) => (
      listeners--,
      remove(...args)
    )) as typeof remove;

    const source = new Channel<number>();
    const stream = endStream(source, { shutdown: signal, expiresAt: new Date(Date.now() + 60_000) });
    for (let i = 0; i < 1_000; i++) {
      source.push(i);
      expect(await stream.next()).toEqual({ value: i, done: false });
    }
    expect(listeners).toBe(1);
    source.end();
    expect(await stream.next()).toEqual({ value: undefined, done: true });
    expect(listeners).toBe(0);
  });

  it('rejects the waiting next() with the shutdown reason and returns the source', async () => {
    const shutdown = new AbortController();
    const source = new Channel<number>();
    const stream = endStream(source, { shutdown: shutdown.signal });
    const waiting = stream.next();
    shutdown.abort(new Error('shutting down'));
    await expect(waiting).rejects.toThrow('shutting down');
    expect(source.closed).toBe(true);
    expect(await stream.next()).toEqual({ value: undefined, done: true });
  });

  it('ends with UNAUTHENTICATED-style error at token expiry', async () => {
    const source = new Channel<number>();
    const stream = endStream(source, { expiresAt: new Date(Date.now() + 30) });
    await expect(stream.next()).rejects.toThrow('token expired');
    expect(source.closed).toBe(true);
  });
});
