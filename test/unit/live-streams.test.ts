import { describe, expect, it } from 'vitest';
import { AccessRevokedError } from '../../src/domain/errors.js';
import { viewerFrom } from '../../src/domain/viewer.js';
import { LiveStreams } from '../../src/live/live-streams.js';
import type { AccessNeed } from '../../src/store/access.js';

/** The rule stubbed: the needs listed in `lost` are no longer met; every check is recorded. */
function streamsWith(lost: (need: AccessNeed) => boolean) {
  const checks: AccessNeed[][] = [];
  const live = new LiveStreams(
    10,
    async (needs) => {
      checks.push([...needs]);
      return needs.filter(lost);
    },
    () => {},
  );
  return { live, checks };
}

describe('live streams and changes of access', () => {
  it('checks the streams many notices of one moment concern in one check, and ends those no longer covered', async () => {
    const { live, checks } = streamsWith((need) => need.userId !== 'carol');
    const ended: string[] = [];
    for (const userId of ['alice', 'bob', 'carol']) {
      const stream = live.open(viewerFrom(userId, []));
      stream.follows(`veh_${userId}`, 'see', (error) => {
        expect(error).toBeInstanceOf(AccessRevokedError);
        ended.push(userId);
      });
    }
    // A commit that ended three grants announces three notices at once.
    const done = ['alice', 'bob', 'carol'].map((userId) => live.changed({ userId, targetId: `veh_${userId}` }));
    await Promise.all(done);
    expect(checks).toHaveLength(1);
    expect(checks[0]!.map((need) => need.userId).sort()).toEqual(['alice', 'bob', 'carol']);
    expect(ended.sort()).toEqual(['alice', 'bob']);
  });

  it('checks a stream that was opening when access changed once it knows its target', async () => {
    const { live, checks } = streamsWith(() => true);
    const stream = live.open(viewerFrom('dave', []));
    await live.changed({ userId: 'dave' });
    expect(checks).toEqual([]);
    let ended = false;
    stream.follows('veh_dave', 'seeAll', () => (ended = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(checks).toEqual([[{ userId: 'dave', targetId: 'veh_dave', right: 'seeAll' }]]);
    expect(ended).toBe(true);
  });

  it("leaves an admin's streams alone: they depend on no grant", async () => {
    const { live, checks } = streamsWith(() => true);
    const stream = live.open(viewerFrom('ops', ['admin']));
    stream.follows('veh_any', 'see', () => {
      throw new Error('an admin stream ended');
    });
    await live.changed({ targetId: 'veh_any' });
    expect(checks).toEqual([]);
  });
});
