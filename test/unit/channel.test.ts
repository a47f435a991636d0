import { describe, expect, it } from 'vitest';
import { Channel } from '../../src/live/channel.js';

describe('Channel', () => {
  it('delivers pushed values in order, then ends', async () => {
    const channel = new Channel<number>();
    channel.push(1);
    channel.push(2);
    channel.end();
    const seen: number[] = [];
    for await (const value of channel) seen.push(value);
    expect(seen).toEqual([1, 2]);
  });

  it('releases its source at once when the consumer returns while waiting', async () => {
    let released = 0;
    const channel = new Channel<number>(() => (released += 1));
    const waiting = channel.next();
    await channel.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(released).toBe(1);
    channel.push(3);
    expect(await channel.next()).toEqual({ value: undefined, done: true });
  });

  it('fails a consumer that is already waiting', async () => {
    const channel = new Channel<number>();
    const waiting = channel.next();
    channel.fail(new Error('stream broke'));
    await expect(waiting).rejects.toThrow('stream broke');
  });

  it('fails the consumer after the buffered values', async () => {
    const channel = new Channel<number>();
    channel.push(1);
    channel.fail(new Error('boom'));
    expect(await channel.next()).toEqual({ value: 1, done: false });
    await expect(channel.next()).rejects.toThrow('boom');
  });

  it('hands values to a direct consumer in order (buffered ones first); the iterator ends after the last delivery', async () => {
    const channel = new Channel<number>();
    channel.push(1);
    const delivered: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    channel.deliverWith((value) => {
      delivered.push(value);
      // The second value is slow to write: the third and the end wait behind it.
      return value === 2 ? gate : undefined;
    });
    channel.push(2);
    channel.push(3);
    channel.end();
    const ended = channel.next();
    let done = false;
    void ended.then(() => (done = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(delivered).toEqual([1, 2]);
    expect(done).toBe(false);
    release();
    expect(await ended).toEqual({ value: undefined, done: true });
    expect(delivered).toEqual([1, 2, 3]);
  });

  it('drops direct deliveries still on their way when the consumer returns', async () => {
    const channel = new Channel<number>();
    const delivered: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    channel.deliverWith((value) => {
      delivered.push(value);
      return gate;
    });
    channel.push(1);
    channel.push(2);
    expect(await channel.return()).toEqual({ value: undefined, done: true });
    release();
    await gate;
    await new Promise((resolve) => setImmediate(resolve));
    expect(delivered).toEqual([1]);
  });

  it('a channel that ended with values buffered reports its end only after a direct consumer delivered them', async () => {
    const channel = new Channel<number>();
    channel.push(1);
    channel.end();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const delivered: number[] = [];
    channel.deliverWith((value) => {
      delivered.push(value);
      return gate;
    });
    let done = false;
    const ended = channel.next().then((result) => {
      done = true;
      return result;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(delivered).toEqual([1]);
    expect(done).toBe(false);
    release();
    expect(await ended).toEqual({ value: undefined, done: true });
  });
});
