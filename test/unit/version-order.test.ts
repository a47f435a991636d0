import { describe, expect, it } from 'vitest';
import { VersionOrder } from '../../src/live/version-order.js';

interface V {
  version: number;
}

/** A topic's stored history 1..n, an order over it, and what it delivered. */
function setUp(stored: number, from: number | Promise<number> = 0) {
  const history: V[] = Array.from({ length: stored }, (_, i) => ({ version: i + 1 }));
  const delivered: number[] = [];
  const madeAts: (number | undefined)[] = [];
  const failures: unknown[] = [];
  const reads: number[] = [];
  let gate: Promise<void> = Promise.resolve();
  const order = new VersionOrder<V>(
    {
      versionOf: (value) => value.version,
      readAfter: async (after) => {
        reads.push(after);
        await gate;
        return history.filter((v) => v.version > after);
      },
      deliver: (value, madeAt) => {
        delivered.push(value.version);
        madeAts.push(madeAt);
      },
      onFailure: (error) => failures.push(error),
    },
    from,
  );
  return {
    order,
    history,
    delivered,
    madeAts,
    failures,
    reads,
    /** Holds every read until the returned function is called. */
    holdReads() {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return release;
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('VersionOrder: one topic, in version order, no gap, no duplicate', () => {
  it('hands on a carried next version as it is, without reading', async () => {
    const t = setUp(3, 1);
    t.order.offer(2, { version: 2 });
    t.order.offer(3, { version: 3 });
    await settle();
    expect(t.delivered).toEqual([2, 3]);
    expect(t.reads).toEqual([]);
  });

  it('reads a gap before the version that revealed it', async () => {
    const t = setUp(4, 1);
    t.order.offer(4, { version: 4 });
    await settle();
    expect(t.delivered).toEqual([2, 3, 4]);
    expect(t.reads).toEqual([1]);
  });

  it('reads a version announced without its value', async () => {
    const t = setUp(2, 1);
    t.order.offer(2);
    await settle();
    expect(t.delivered).toEqual([2]);
  });

  it('drops what it delivered and what arrives late, in any order', async () => {
    const t = setUp(5, 1);
    t.order.offer(3, { version: 3 });
    t.order.offer(2, { version: 2 });
    t.order.offer(3, { version: 3 });
    t.order.offer(5, { version: 5 });
    t.order.offer(4, { version: 4 });
    await settle();
    expect(t.delivered).toEqual([2, 3, 4, 5]);
  });

  it('never lets a value in hand overtake a read of an earlier version', async () => {
    const t = setUp(4, 1);
    const release = t.holdReads();
    t.order.offer(3); // read after 1: 2, 3 (held)
    t.order.offer(4, { version: 4 }); // in hand, but behind the read
    await settle();
    expect(t.delivered).toEqual([]);
    release();
    await settle();
    expect(t.delivered).toEqual([2, 3, 4]);
  });

  it('starting from nothing, begins at the first version heard (nothing older)', async () => {
    const t = setUp(6);
    t.order.offer(4, { version: 4 });
    t.order.offer(3, { version: 3 });
    t.order.offer(6);
    await settle();
    expect(t.delivered).toEqual([4, 5, 6]);
  });

  it('starting from nothing, a first version announced without its value is read from that version on', async () => {
    const t = setUp(6);
    t.order.offer(5);
    await settle();
    expect(t.delivered).toEqual([5, 6]);
    expect(t.reads).toEqual([4]);
  });

  it('a refresh reads what is stored after the last delivered, and later offers never go back', async () => {
    const t = setUp(3);
    t.order.refresh();
    await settle();
    expect(t.delivered).toEqual([1, 2, 3]);
    t.order.offer(2, { version: 2 });
    t.history.push({ version: 4 });
    t.order.offer(4, { version: 4 });
    await settle();
    expect(t.delivered).toEqual([1, 2, 3, 4]);
  });

  it('waits for its start: offers made meanwhile are delivered after it, from the version it started at', async () => {
    let start!: (version: number) => void;
    const t = setUp(5, new Promise<number>((resolve) => (start = resolve)));
    t.order.offer(2, { version: 2 });
    t.order.offer(4, { version: 4 });
    await settle();
    expect(t.delivered).toEqual([]);
    start(3);
    await settle();
    expect(t.delivered).toEqual([4]);
    expect(t.order.version).toBe(4);
  });

  it('closes when its start is refused, delivering nothing', async () => {
    const t = setUp(3, Promise.reject(new Error('not visible')));
    t.order.offer(2, { version: 2 });
    await settle();
    expect(t.delivered).toEqual([]);
    expect(t.failures).toEqual([]);
  });

  it('reports a failed read and goes on with later offers', async () => {
    const history = [{ version: 1 }, { version: 2 }, { version: 3 }];
    const delivered: number[] = [];
    const failures: unknown[] = [];
    let fail = true;
    const order = new VersionOrder<V>(
      {
        versionOf: (value) => value.version,
        readAfter: async (after) => {
          if (fail) throw new Error('database away');
          return history.filter((v) => v.version > after);
        },
        deliver: (value) => delivered.push(value.version),
        onFailure: (error) => failures.push(error),
      },
      1,
    );
    order.offer(3);
    await settle();
    expect(failures).toHaveLength(1);
    fail = false;
    order.offer(3);
    await settle();
    expect(delivered).toEqual([2, 3]);
  });

  it('tells when each announced version was made, once, and forgets skipped ones', async () => {
    const t = setUp(4, 1);
    t.order.offer(2, { version: 2 }, 1_000);
    t.order.offer(4, undefined, 3_000);
    await settle();
    expect(t.delivered).toEqual([2, 3, 4]);
    expect(t.madeAts).toEqual([1_000, undefined, 3_000]);
  });

  it('is idle only when no read or delivery is under way (what the feed may forget)', async () => {
    const t = setUp(3, 1);
    expect(t.order.idle).toBe(true);
    const release = t.holdReads();
    t.order.offer(3);
    expect(t.order.idle).toBe(false);
    release();
    await settle();
    expect(t.order.idle).toBe(true);
    expect(t.delivered).toEqual([2, 3]);
  });

  it('delivers nothing once closed', async () => {
    const t = setUp(3, 1);
    const release = t.holdReads();
    t.order.offer(3);
    t.order.close();
    release();
    await settle();
    expect(t.delivered).toEqual([]);
  });
});
