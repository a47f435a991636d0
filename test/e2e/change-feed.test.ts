import { simulated } from '../helpers/simulated-providers.js';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandExecutionChangesDocument } from '../../generated/graphql/graphql.js';
import { encodeCursor } from '../../src/live/change-cursor.js';
import type { CallbackReceiver } from '../federation/support/callback-receiver.js';
import { finalState, lockVehicle } from '../helpers/commands.js';
import {
  createPostgresDatabase,
  describeEachStore,
  describePostgres,
  pgliteFileDatabase,
  STORES,
  type TestDatabase,
} from '../helpers/databases.js';
import { listening, terminateListeners } from '../helpers/listeners.js';
import { appRegistry } from '../helpers/registry.js';
import {
  startCallbackReceiver,
  subscriptionTransports,
  type FirstResult,
  type OpenSubscription,
} from '../helpers/subscription-transports.js';
import { streamingFixture } from '../helpers/streaming-fixture.js';
import { FAST_ENGINE, startTestApp, type TestApp } from '../helpers/test-app.js';
import { eventually } from '../helpers/ws-client.js';

const FEED = print(CommandExecutionChangesDocument);
const VINS = ['1HGCM82633A004352', '2HGCM82633A004353', '3HGCM82633A004354'];

interface Change {
  cursor: string;
  execution: { id: string; version: number; status: string; target: { id: string } };
}
const FINAL = ['SUCCESS', 'FAILURE'];
const key = ({ execution }: Change) => `${execution.id}@${execution.version}`;
const codes = (result: FirstResult | 'complete') =>
  result === 'complete' ? [] : (result.errors ?? []).map((e) => e.extensions?.code);

/** Changes from `subscription` until `done` holds of all received (each result must be a change). */
async function changesUntil(subscription: OpenSubscription, done: (changes: Change[]) => boolean): Promise<Change[]> {
  const changes: Change[] = [];
  while (!done(changes)) {
    const result = await subscription.next(10_000);
    if (result === 'complete' || !result.data) throw new Error(`the feed ended: ${JSON.stringify(result)}`);
    changes.push((result.data as { commandExecutionChanges: Change }).commandExecutionChanges);
  }
  return changes;
}
/** Whether `changes` hold the final version of each of `ids`. */
const finalOf =
  (...ids: string[]) =>
  (changes: Change[]) =>
    ids.every((id) => changes.some((c) => c.execution.id === id && FINAL.includes(c.execution.status)));

/** Each execution's versions in `changes`, in the order received, without repeats. */
function versionsById(changes: Change[]): Map<string, number[]> {
  const byId = new Map<string, number[]>();
  for (const { execution } of changes) {
    const versions = byId.get(execution.id) ?? [];
    if (!versions.includes(execution.version)) versions.push(execution.version);
    byId.set(execution.id, versions);
  }
  return byId;
}

/** Every version of `id` from 1 to its last, in order: no gap, each once after dropping repeats. */
function expectComplete(changes: Change[], id: string): void {
  const versions = versionsById(changes).get(id) ?? [];
  expect(versions.length, `versions of ${id}`).toBeGreaterThan(1);
  expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1));
}

/** A lock sent and run to its end; its id. */
async function lockedToTheEnd(app: TestApp, vehicleId: string, token: string): Promise<string> {
  const { id } = await lockVehicle(app.url, vehicleId, token);
  await finalState(app, id, 10_000);
  return id;
}

let receiver: CallbackReceiver | undefined;
afterAll(() => receiver?.stop());
const env = () => ({ ...FAST_ENGINE, SUBSCRIPTION_CALLBACK_URLS: new URL(receiver!.url('x')).origin });
/** The callback protocol's receiver, started once for the file, and the env that lets the app call it. */
const callbackEnv = async () => {
  receiver ??= await startCallbackReceiver();
  return env();
};

/**
 * `commandExecutionChanges(targetId, after)`: a feed with a cursor. A client
 * that lost it resumes after the last cursor it received and gets every change
 * it missed that it may still see, then live ones — over every transport, on
 * each store.
 */
describeEachStore(STORES, 'the feed of changes with a cursor ($name)', ({ create }) => {
  describe.each(subscriptionTransports(() => receiver!))('over $name', (transport) => {
    const fixture = streamingFixture(create, callbackEnv);
    let app: TestApp;
    let alice: string;
    let vehicleId: string;
    beforeAll(() => {
      ({ app, alice, vehicleId } = fixture);
      simulated(app).mobway.configure({ completionDelayMs: 100 });
    });

    it('resumes after the last cursor with every change missed, in order, then goes on live', async () => {
      const first = await transport.open(app, alice, FEED, {});
      const before = await lockVehicle(app.url, vehicleId, alice);
      const seen = await changesUntil(first, finalOf(before.id));
      await first.close();
      const missed = [await lockedToTheEnd(app, vehicleId, alice), await lockedToTheEnd(app, vehicleId, alice)];

      const resumed = await transport.open(app, alice, FEED, { after: seen.at(-1)!.cursor });
      const replayed = await changesUntil(resumed, finalOf(...missed));
      const live = (await lockVehicle(app.url, vehicleId, alice)).id;
      const received = [...replayed, ...(await changesUntil(resumed, finalOf(live)))];
      await resumed.close();

      for (const id of [...missed, live]) expectComplete(received, id);
      // A repeat is only ever of a change delivered before, with the same id and version.
      const delivered = new Set(seen.map(key));
      for (const change of received.filter((c) => c.execution.id === before.id)) {
        expect(delivered.has(key(change)), key(change)).toBe(true);
      }
    });

    it('from an earlier cursor, replays again what followed it: repeats only, with the same id and version', async () => {
      const first = await transport.open(app, alice, FEED, {});
      const { id } = await lockVehicle(app.url, vehicleId, alice);
      const seen = await changesUntil(first, finalOf(id));
      await first.close();
      const again = await transport.open(app, alice, FEED, { after: seen[0]!.cursor });
      const replayed = await changesUntil(again, finalOf(id));
      await again.close();
      const delivered = new Set(seen.map(key));
      for (const change of replayed) expect(delivered.has(key(change)), key(change)).toBe(true);
      expect(versionsById(replayed).get(id)?.at(-1)).toBe(versionsById(seen).get(id)!.at(-1));
      // Cursors never go back.
      const cursors = replayed.map((c) => Buffer.from(c.cursor, 'base64url').toString().split('.')[1]!);
      expect(cursors.map(BigInt)).toEqual([...cursors.map(BigInt)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    });

    it('refuses a cursor older than the replay window with CURSOR_EXPIRED, and one it never issued with BAD_USER_INPUT', async () => {
      const old = encodeCursor({ watermark: 1n, at: Date.now() - 25 * 3_600_000 });
      const expired = await transport.firstResult(app, alice, FEED, { after: old });
      expect(codes(expired)).toEqual(['CURSOR_EXPIRED']);
      expect(expired.errors![0]!.extensions?.replayWindowHours).toBe(24);
      expect(expired.data ?? null).toBeNull();
      const forged = await transport.firstResult(app, alice, FEED, { after: 'not-a-cursor' });
      expect(codes(forged)).toEqual(['BAD_USER_INPUT']);
      // Well-formed, but beyond any horizon this database has reached: not issued here either.
      const ahead = encodeCursor({ watermark: 2n ** 63n, at: Date.now() });
      expect(codes(await transport.firstResult(app, alice, FEED, { after: ahead }))).toEqual(['BAD_USER_INPUT']);
    });

    it('ends a feed on one target with FORBIDDEN when its grant goes while it runs', async () => {
      const registry = await appRegistry(app);
      const heldVehicle = await registry.vehicle({ provider: 'MOBWAY', externalId: VINS[2]! }, 'alice');
      const onTarget = await transport.open(app, alice, FEED, { targetId: heldVehicle });
      const { id } = await lockVehicle(app.url, heldVehicle, alice);
      await changesUntil(onTarget, (changes) => changes.some((c) => c.execution.id === id));
      await registry.revoke('alice', heldVehicle);
      let ended = await onTarget.next();
      // A change already on its way may come first; then the end, coded.
      while (ended !== 'complete' && ended.data) ended = await onTarget.next();
      await onTarget.close();
      expect(codes(ended)).toEqual(['FORBIDDEN']);
    });

    it('replays nothing of a target whose grant went between the disconnect and the resume', async () => {
      const registry = await appRegistry(app);
      const lostVehicle = fixture.heldVehicleId;
      const first = await transport.open(app, alice, FEED, {});
      const sentinel = (await lockVehicle(app.url, vehicleId, alice)).id;
      const seen = await changesUntil(first, finalOf(sentinel));
      await first.close();
      await lockedToTheEnd(app, lostVehicle, alice);
      await registry.revoke('alice', lostVehicle);

      const onLostTarget = await transport.firstResult(app, alice, FEED, {
        targetId: lostVehicle,
        after: seen.at(-1)!.cursor,
      });
      expect(codes(onLostTarget)).toEqual(['NOT_FOUND']);
      const resumed = await transport.open(app, alice, FEED, { after: seen.at(-1)!.cursor });
      const next = await lockedToTheEnd(app, vehicleId, alice);
      const received = await changesUntil(resumed, finalOf(next));
      await resumed.close();
      expect(received.filter((c) => c.execution.target.id === lostVehicle)).toEqual([]);
      expectComplete(received, next);
    });
  });
});

/**
 * Changes that arrive while a replay is read wait behind it. Their cursors
 * must not claim what still waits behind them: the feed's own position moves
 * on meanwhile, so they carry the replay's. A client that resumes from the
 * first of them still gets the next.
 */
describeEachStore(STORES, 'changes that waited behind a slow replay ($name)', ({ create }) => {
  const transport = subscriptionTransports(() => receiver!)[0]!;
  const fixture = streamingFixture(create, callbackEnv);
  let app: TestApp;
  let alice: string;
  let vehicleId: string;
  beforeAll(() => {
    ({ app, alice, vehicleId } = fixture);
    simulated(app).mobway.configure({ completionDelayMs: 150 });
  });

  it('carry cursors a resume does not skip the next one from', async () => {
    const first = await transport.open(app, alice, FEED, {});
    const before = (await lockVehicle(app.url, vehicleId, alice)).id;
    const seen = await changesUntil(first, finalOf(before));
    await first.close();

    // The replay's rows come back 2.5 s after its snapshot (a long window, a loaded database):
    // meanwhile a command commits its versions and the feed's catch-up moves on.
    const executions = app.store.executions;
    const read = executions.changesSince.bind(executions);
    executions.changesSince = async (...args) => {
      const result = await read(...args);
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      return result;
    };
    let during: string;
    let waited: Change[];
    try {
      const resumed = await transport.open(app, alice, FEED, { after: seen.at(-1)!.cursor });
      await new Promise((resolve) => setTimeout(resolve, 300));
      during = (await lockVehicle(app.url, vehicleId, alice)).id;
      waited = await changesUntil(resumed, finalOf(during));
      await resumed.close();
    } finally {
      executions.changesSince = read;
    }
    expectComplete(waited, during);

    // After every one of its changes, resuming from that change's cursor brings the rest.
    const ofDuring = waited.filter((c) => c.execution.id === during);
    for (const change of ofDuring.slice(0, -1)) {
      const again = await transport.open(app, alice, FEED, { after: change.cursor });
      const rest = await changesUntil(again, finalOf(during));
      await again.close();
      const versions = versionsById(rest).get(during) ?? [];
      expect(versions.at(-1), `resumed after version ${change.execution.version}`).toBe(
        ofDuring.at(-1)!.execution.version,
      );
    }
  }, 30_000);
});

/** A cursor names a place in the database's commit order: it resumes on any replica, and after a restart. */
describe.each(subscriptionTransports(() => receiver!))('resuming the feed over $name', (transport) => {
  /** The cursor after one lock ran to its end, and the ids of two locks made after it on `writer`. */
  const cursorThenTwoLocks = async (reader: TestApp, writer: TestApp, alice: string) => {
    const vehicleId = await (await appRegistry(writer)).vehicle({ provider: 'MOBWAY', externalId: VINS[2]! }, 'alice');
    simulated(writer).mobway.configure({ completionDelayMs: 100 });
    const first = await transport.open(reader, alice, FEED, {});
    const { id } = await lockVehicle(writer.url, vehicleId, alice);
    const cursor = (await changesUntil(first, finalOf(id))).at(-1)!.cursor;
    await first.close();
    return { cursor, vehicleId, missed: [await lockedToTheEnd(writer, vehicleId, alice)] };
  };

  describePostgres('on two replicas', () => {
    it('a cursor from one replica resumes on the other, with what either wrote', async () => {
      receiver ??= await startCallbackReceiver();
      const database = await createPostgresDatabase();
      const one = await startTestApp(database.location, env());
      const other = await startTestApp(database.location, env());
      try {
        const alice = await one.token({ sub: 'alice' });
        const { cursor, vehicleId, missed } = await cursorThenTwoLocks(one, other, alice);
        missed.push(await lockedToTheEnd(one, vehicleId, alice));
        const resumed = await transport.open(other, alice, FEED, { after: cursor });
        const live = (await lockVehicle(one.url, vehicleId, alice)).id;
        const received = await changesUntil(resumed, finalOf(...missed, live));
        await resumed.close();
        for (const id of [...missed, live]) expectComplete(received, id);
      } finally {
        await other.dispose();
        await one.dispose();
        await database.drop();
      }
    });

    it("delivers what another replica wrote while this one's LISTEN connection was cut: no gap", async () => {
      receiver ??= await startCallbackReceiver();
      const database = await createPostgresDatabase();
      const reader = await startTestApp(database.location, env());
      const writer = await startTestApp(database.location, env());
      try {
        const alice = await writer.token({ sub: 'alice' });
        const vehicleId = await (
          await appRegistry(writer)
        ).vehicle({ provider: 'MOBWAY', externalId: VINS[2]! }, 'alice');
        simulated(writer).mobway.configure({ completionDelayMs: 100 });
        const subscription = await transport.open(reader, alice, FEED, {});
        await eventually(() => reader.hub.subscriberCount === 1, 5_000, 'the subscription');
        // Commands that commit while the reader's listener is away; again if it came back too soon to tell.
        let missed: string[] = [];
        for (let attempt = 0; attempt < 5 && missed.length === 0; attempt++) {
          await eventually(() => listening(reader), 10_000, 'the listener');
          expect(await terminateListeners(database)).toBeGreaterThan(0);
          const sent = [(await lockVehicle(writer.url, vehicleId, alice)).id];
          if (!(await listening(reader))) missed = sent;
        }
        expect(missed).toHaveLength(1);
        const received = await changesUntil(subscription, finalOf(...missed));
        await subscription.close();
        expectComplete(received, missed[0]!);
      } finally {
        await writer.dispose();
        await reader.dispose();
        await database.drop();
      }
    });
  });

  it('a cursor resumes after a restart of the app on the same (on-disk) store', async () => {
    receiver ??= await startCallbackReceiver();
    const database = await pgliteFileDatabase();
    try {
      const before = await startTestApp(database.location, env());
      const alice = await before.token({ sub: 'alice' });
      const { cursor, missed } = await cursorThenTwoLocks(before, before, alice);
      await before.dispose();
      const after = await startTestApp(database.location, env());
      try {
        const resumed = await transport.open(after, alice, FEED, { after: cursor });
        const received = await changesUntil(resumed, finalOf(...missed));
        await resumed.close();
        for (const id of missed) expectComplete(received, id);
      } finally {
        await after.dispose();
      }
    } finally {
      await database.drop();
    }
  }, 60_000);
});
