import { simulated } from '../helpers/simulated-providers.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import {
  createPostgresDatabase,
  describeEachStore,
  describePostgres,
  STORES,
  type TestDatabase,
} from '../helpers/databases.js';
import { CommandExecutionsUpdatedDocument, CommandExecutionUpdatedDocument } from '../../generated/graphql/graphql.js';
import { gql } from '../helpers/graphql-client.js';
import { lockVehicle, openLock } from '../helpers/commands.js';
import { appRegistry } from '../helpers/registry.js';
import { listening, terminateListeners } from '../helpers/listeners.js';
import { FAST_ENGINE, startTestApp, type TestApp } from '../helpers/test-app.js';
import { watch as typedWatch } from '../helpers/typed-client.js';
import { eventually, subscribe, wsClient, type SubscriptionProbe } from '../helpers/ws-client.js';

/**
 * The read-counting test selects the least a change needs: no `target` (read once per
 * operation) and no `history` (read per execution), so what it counts is delivery alone.
 */
const BARE_FEED = 'subscription { commandExecutionsUpdated { id status version } }';
const BARE_OPEN_LOCK = 'mutation($id: ID!) { openLock(input: { lockId: $id }) { id status version } }';

/** What every feed here carries of a change. */
type Feed = { commandExecutionsUpdated: { id: string; status: string; version: number } };

type Errors = { message: string; extensions?: { code?: string; limit?: number } }[];

/** The live-stream limits under test, small enough to reach. */
const LIMITS = { WS_MAX_SUBSCRIPTIONS: '2', WS_MAX_SUBSCRIPTIONS_PER_USER: '3' };

/** Registers a lock and a Mobway vehicle and grants both to `users`; answers their ids. */
async function fleet(app: TestApp, users: string[], vin: string, lockNumber: string) {
  const registry = await appRegistry(app);
  const lock = await registry.lock({ provider: 'SPKEY', externalId: lockNumber }, ...users);
  const vehicle = await registry.vehicle({ provider: 'MOBWAY', externalId: vin }, ...users);
  return { lock, vehicle };
}

async function grant(app: TestApp, mutation: 'grantAccess' | 'revokeAccess', userId: string, targetId: string) {
  const registry = await appRegistry(app);
  await (mutation === 'grantAccess' ? registry.grant : registry.revoke)(userId, targetId);
}

/** The all-targets feed, or one target's, with the client's own document. */
const feed = (client: Client, targetId?: string) => typedWatch(client, CommandExecutionsUpdatedDocument, { targetId });
/** One execution's stream. */
const watchExecution = (client: Client, id: string) => typedWatch(client, CommandExecutionUpdatedDocument, { id });

/** Every message a probe has until it goes quiet for `quietMs`. */
async function drain<T extends Feed>(probe: SubscriptionProbe<T>, quietMs = 400): Promise<T[]> {
  const seen: T[] = [];
  for (;;) {
    try {
      seen.push((await probe.next(quietMs)).data!);
    } catch {
      return seen;
    }
  }
}

describeEachStore(STORES, 'live streams on $name', ({ create }) => {
  let database: TestDatabase;
  let app: TestApp;
  let alice: string;
  let bob: string;
  let ids: { lock: string; vehicle: string };
  const sockets: Client[] = [];
  const socket = (token: string) => {
    const client = wsClient(app.wsUrl, token);
    sockets.push(client);
    return client;
  };

  beforeAll(async () => {
    database = await create();
    app = await startTestApp(database.location, { ...FAST_ENGINE, ...LIMITS });
    // Mobway commands stay PENDING: streams on them stay open until a test ends them.
    simulated(app).mobway.configure({ completionDelayMs: 600_000 });
    alice = await app.token({ sub: 'alice' });
    bob = await app.token({ sub: 'bob' });
    ids = await fleet(app, ['alice', 'bob'], '1HGCM82633A004352', '123');
  });
  afterAll(async () => {
    for (const client of sockets) await client.dispose();
    await app?.dispose();
    await database?.drop();
  });

  it('allows exactly WS_MAX_SUBSCRIPTIONS operations on one socket', async () => {
    const client = socket(alice);
    const first = feed(client, ids.lock);
    const second = feed(client, ids.lock);
    await eventually(() => app.hub.subscriberCount === 2, 5_000, 'both subscriptions to be live');
    const third = feed(client, ids.lock);
    const refused = (await third.error()) as Errors;
    expect(refused.map((e) => e.extensions?.code)).toEqual(['TOO_MANY_SUBSCRIPTIONS']);
    expect(refused[0]!.message).toBe('at most 2 operations per socket');
    await first.dispose();
    await second.dispose();
    await eventually(() => app.hub.subscriberCount === 0, 5_000, 'subscriptions to be released');
  });

  it('caps the live subscriptions of one user across sockets, leaving others alone', async () => {
    const one = socket(alice);
    const two = socket(alice);
    const held = [feed(one), feed(one), feed(two)];
    await eventually(() => app.hub.subscriberCount === 3, 5_000, "alice's three subscriptions");
    // Refused when it starts, like a stream on something one may not see: errors, then completion.
    const refused = (await feed(two).next()).errors as Errors;
    expect(refused.map((e) => e.extensions?.code)).toEqual(['TOO_MANY_SUBSCRIPTIONS']);
    expect(refused[0]).toMatchObject({ message: 'at most 3 live subscriptions per user', extensions: { limit: 3 } });

    // Another user is not affected, and a released subscription frees its place.
    const bobs = feed(socket(bob));
    await eventually(() => app.hub.subscriberCount === 4, 5_000, "bob's subscription");
    await held[0]!.dispose();
    await eventually(() => app.hub.subscriberCount === 3, 5_000, 'the release');
    held[0] = feed(two);
    await eventually(() => app.hub.subscriberCount === 4, 5_000, "alice's replacement");

    // All of them are served.
    const opened = await openLock(app.url, ids.lock, alice);
    for (const probe of held) {
      expect((await drain(probe)).map((m) => m.commandExecutionsUpdated.status)).toEqual(['PENDING', 'SUCCESS']);
    }
    expect(opened.status).toBe('SUCCESS');
    await expect(bobs.next(300)).rejects.toThrow(/timed out/);
    for (const probe of [...held, bobs]) await probe.dispose();
    await eventually(() => app.hub.subscriberCount === 0, 5_000, 'subscriptions to be released');
  });

  it('reads each change once for all commandExecutionsUpdated subscribers, however many', async () => {
    // What the store is asked while one command's two versions reach N subscribers.
    const readsFor = async (subscribers: number) => {
      const probes = Array.from({ length: subscribers }, (_, i) =>
        subscribe<Feed>(socket(i % 2 ? bob : alice), BARE_FEED),
      );
      await eventually(() => app.hub.subscriberCount === subscribers, 5_000, 'the subscriptions');
      const original = app.store.db.query.bind(app.store.db);
      const reads: string[] = [];
      app.store.db.query = (async (sql: string, params?: readonly unknown[]) => {
        // Reads of history snapshots and grants: what delivering a change costs.
        if (/^\s*SELECT/.test(sql) && /execution_transitions|grants/.test(sql)) reads.push(sql);
        return original(sql, params);
      }) as typeof app.store.db.query;
      try {
        await gql(app.url, BARE_OPEN_LOCK, { id: ids.lock }, { token: alice });
        for (const [i, probe] of probes.entries()) {
          const statuses = (await drain(probe)).map((m) => m.commandExecutionsUpdated.status);
          expect(statuses).toEqual(i % 2 ? [] : ['PENDING', 'SUCCESS']);
        }
      } finally {
        app.store.db.query = original;
        for (const probe of probes) await probe.dispose();
      }
      await eventually(() => app.hub.subscriberCount === 0, 5_000, 'subscriptions to be released');
      return reads.length;
    };
    // The command's own reads, then at most one read per change (two changes)
    // for all subscribers together; per subscriber it would be 2 × 2 × 3.
    const commandAlone = await readsFor(0);
    expect((await readsFor(1)) - commandAlone).toBeLessThanOrEqual(2);
    expect((await readsFor(6)) - commandAlone).toBeLessThanOrEqual(2);
  });

  it('ends the streams on a target at once when its grant is revoked; the all-targets feed carries on', async () => {
    await grant(app, 'grantAccess', 'carol', ids.vehicle);
    await grant(app, 'grantAccess', 'carol', ids.lock);
    const carol = await app.token({ sub: 'carol' });
    const execution = await lockVehicle(app.url, ids.vehicle, carol);
    expect(execution.status).toBe('PENDING');
    const client = socket(carol);
    const watch = watchExecution(client, execution.id);
    expect((await watch.next()).data!.commandExecutionUpdated).toMatchObject({ id: execution.id, status: 'PENDING' });
    const onTarget = feed(client, ids.vehicle);
    const everything = feed(socket(carol));
    await eventually(() => app.hub.subscriberCount === 3, 5_000, "carol's subscriptions");

    await grant(app, 'revokeAccess', 'carol', ids.vehicle);
    for (const probe of [watch, onTarget]) {
      const ended = (await probe.error(5_000)) as Errors;
      expect(ended.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      expect(ended[0]!.message).toBe('Forbidden: access to this target was revoked');
    }
    // Still granted the lock: the feed of everything goes on, with what carol may see.
    const opened = await openLock(app.url, ids.lock, carol);
    const seen = (await drain(everything)).map((m) => m.commandExecutionsUpdated);
    expect(seen.map((s) => [s.id, s.status])).toEqual([
      [opened.id, 'PENDING'],
      [opened.id, 'SUCCESS'],
    ]);
    await everything.dispose();
    await eventually(() => app.hub.subscriberCount === 0, 5_000, 'subscriptions to be released');
  });

  it('ends a target stream whose grant goes while it is opening, and frees its place', async () => {
    await grant(app, 'grantAccess', 'erin', ids.lock);
    const erin = await app.token({ sub: 'erin' });
    const targets = app.store.targets;
    const findVisible = targets.findVisible.bind(targets);
    // The revoke, and its notice, come between the stream's visibility check and its start.
    targets.findVisible = async (...args: Parameters<typeof findVisible>) => {
      const found = await findVisible(...args);
      await app.store.grants.revokeMatching({ userId: 'erin', targetId: ids.lock }, 'ops');
      (app.hub as unknown as { onAccessChangedPayload(payload: string): void }).onAccessChangedPayload(
        JSON.stringify({ targetId: ids.lock, userId: 'erin' }),
      );
      return found;
    };
    try {
      const ended = (await feed(socket(erin), ids.lock).error(5_000)) as Errors;
      expect(ended.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    } finally {
      targets.findVisible = findVisible;
    }
    await eventually(() => app.hub.subscriberCount === 0, 5_000, 'the stream to be released');
    // Its place in the per-user cap is free again: three more fit.
    const client = socket(erin);
    const probes = [feed(client), feed(client), feed(socket(erin))];
    await eventually(() => app.hub.subscriberCount === 3, 5_000, "erin's three subscriptions");
    for (const probe of probes) await probe.dispose();
    await eventually(() => app.hub.subscriberCount === 0, 5_000, 'subscriptions to be released');
  });

  it('ends the streams when the grant disappears any other way (a DELETE in the database)', async () => {
    await grant(app, 'grantAccess', 'dave', ids.vehicle);
    const dave = await app.token({ sub: 'dave' });
    const execution = await lockVehicle(app.url, ids.vehicle, dave);
    const watch = watchExecution(socket(dave), execution.id);
    await watch.next();
    await app.store.db.query(`DELETE FROM grants WHERE user_id = 'dave'`);
    const ended = (await watch.error(5_000)) as Errors;
    expect(ended.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    await eventually(() => app.hub.subscriberCount === 0, 5_000, 'subscriptions to be released');
  });
});

describePostgres('live streams across replicas and lost LISTEN connections', () => {
  let database: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  let ids: { lock: string; vehicle: string };
  const sockets: Client[] = [];

  beforeAll(async () => {
    database = await createPostgresDatabase();
    a = await startTestApp(database.location, FAST_ENGINE);
    b = await startTestApp(database.location, FAST_ENGINE);
    for (const app of [a, b]) simulated(app).mobway.configure({ completionDelayMs: 600_000 });
    ids = await fleet(a, ['alice'], '2HGCM82633A004353', '456');
    // Each replica runs its own simulators: introduce the targets registered through `a` to `b`'s too.
    for (const target of await b.store.targets.all()) b.providers.introduce(target);
  });
  afterAll(async () => {
    for (const client of sockets) await client.dispose();
    await a?.dispose();
    await b?.dispose();
    await database?.drop();
  });

  it('ends a stream on one replica when the grant is revoked through another', async () => {
    const alice = await b.token({ sub: 'alice' });
    const execution = await lockVehicle(b.url, ids.vehicle, alice);
    const client = wsClient(b.wsUrl, alice);
    sockets.push(client);
    const watch = watchExecution(client, execution.id);
    await watch.next();
    await grant(a, 'revokeAccess', 'alice', ids.vehicle);
    const ended = (await watch.error(5_000)) as Errors;
    expect(ended.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    await grant(a, 'grantAccess', 'alice', ids.vehicle);
  });

  it('delivers to commandExecutionsUpdated what changed while the LISTEN connection was down, in order, once', async () => {
    const alice = await a.token({ sub: 'alice' });
    const client = wsClient(a.wsUrl, alice);
    sockets.push(client);
    const everything = feed(client);
    const onLock = feed(client, ids.lock);
    await eventually(() => a.hub.subscriberCount === 2, 5_000, 'the subscriptions');

    // Commands that commit while the listener is away; retried if it came back too soon to tell.
    let missed: { id: string }[] = [];
    for (let attempt = 0; attempt < 5 && missed.length === 0; attempt++) {
      await eventually(() => listening(a), 10_000, 'the listener');
      expect(await terminateListeners(database)).toBeGreaterThan(0);
      const opened = [await openLock(a.url, ids.lock, alice), await openLock(a.url, ids.lock, alice)];
      if (!(await listening(a))) missed = opened;
    }
    expect(missed).toHaveLength(2);
    const expected = missed.flatMap((e) => [
      [e.id, 'PENDING', 1],
      [e.id, 'SUCCESS', 2],
    ]);
    const tuples = (messages: Feed[]) =>
      messages
        .map((m) => m.commandExecutionsUpdated)
        .filter((e) => missed.some((o) => o.id === e.id))
        .map((e) => [e.id, e.status, e.version]);
    await eventually(() => listening(a), 10_000, 'the listener to come back');
    // Each execution's versions arrive in order; executions may interleave.
    const ordered = (seen: unknown[][]) => missed.flatMap((e) => seen.filter((s) => s[0] === e.id));
    const fromEverything = tuples(await drain(everything, 2_000));
    const fromLock = tuples(await drain(onLock, 500));
    expect(ordered(fromEverything)).toEqual(expected);
    expect(fromEverything).toHaveLength(expected.length);
    expect(ordered(fromLock)).toEqual(expected);
    expect(fromLock).toHaveLength(expected.length);

    // Live delivery carries on after the resync, with no repeat of what it delivered.
    const later = await openLock(a.url, ids.lock, alice);
    const after = (await drain(everything, 1_000)).map((m) => [
      m.commandExecutionsUpdated.id,
      m.commandExecutionsUpdated.status,
    ]);
    expect(after).toEqual([
      [later.id, 'PENDING'],
      [later.id, 'SUCCESS'],
    ]);
    await everything.dispose();
    await onLock.dispose();
  });

  it('ends a stream whose grant was revoked while the LISTEN connection was down, once it is back', async () => {
    const alice = await a.token({ sub: 'alice' });
    const client = wsClient(a.wsUrl, alice);
    sockets.push(client);
    // Retried if the listener came back before the revoke committed (then the notice tells, as usual).
    let revokedUnheard = false;
    for (let attempt = 0; attempt < 5 && !revokedUnheard; attempt++) {
      await grant(a, 'grantAccess', 'alice', ids.vehicle);
      const execution = await lockVehicle(a.url, ids.vehicle, alice);
      const watch = watchExecution(client, execution.id);
      await watch.next();
      await eventually(async () => (await listening(a)) && (await listening(b)), 10_000, 'the listeners');
      expect(await terminateListeners(database)).toBeGreaterThan(0);
      // Revoked directly in the database, while the replicas' listeners are away.
      await a.store.db.query(`DELETE FROM grants WHERE user_id = 'alice' AND target_id = $1`, [ids.vehicle]);
      revokedUnheard = !(await listening(a));
      const ended = (await watch.error(10_000)) as Errors;
      expect(ended.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
    expect(revokedUnheard).toBe(true);
  });
});
