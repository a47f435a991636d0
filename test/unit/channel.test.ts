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
});
