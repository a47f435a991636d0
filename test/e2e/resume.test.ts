import { simulated } from '../helpers/simulated-providers.js';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CommandExecutionUpdatedDocument,
  ConfirmIgnitionDocument,
  RequestIgnitionDocument,
} from '../../generated/graphql/graphql.js';
import type { CallbackReceiver } from '../federation/support/callback-receiver.js';
import { lockVehicle } from '../helpers/commands.js';
import {
  createPostgresDatabase,
  describeEachStore,
  describePostgres,
  pgliteFileDatabase,
  STORES,
  type TestDatabase,
} from '../helpers/databases.js';
import { appRegistry } from '../helpers/registry.js';
import {
  resultsUntilComplete,
  startCallbackReceiver,
  subscriptionTransports,
  type FirstResult,
} from '../helpers/subscription-transports.js';
import { streamingFixture } from '../helpers/streaming-fixture.js';
import { FAST_ENGINE, startTestApp, type TestApp } from '../helpers/test-app.js';
import { data } from '../helpers/typed-client.js';
import { eventually } from '../helpers/ws-client.js';

const WATCH = print(CommandExecutionUpdatedDocument);
const VINS = ['1HGCM82633A004352', '2HGCM82633A004353'];

type Watched = { commandExecutionUpdated: { id: string; version: number; status: string } };
const versionOf = (result: FirstResult | 'complete') =>
  result === 'complete' ? 'complete' : (result.data as Watched | null)?.commandExecutionUpdated.version;
/** `from`, `from + 1`, …, `to`. */
const versionsFrom = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const codes = (result: FirstResult | 'complete') =>
  result === 'complete' ? [] : (result.errors ?? []).map((e) => e.extensions?.code);

let receiver: CallbackReceiver | undefined;
afterAll(() => receiver?.stop());
/** The callback protocol's receiver, started once for the file, and the env that lets the app call it. */
const callbackEnv = async () => {
  receiver ??= await startCallbackReceiver();
  return { SUBSCRIPTION_CALLBACK_URLS: new URL(receiver.url('x')).origin };
};

/**
 * `commandExecutionUpdated(id, afterVersion)`: a client that lost its stream
 * resumes after the last version it received, and gets every stored version
 * after it, in order, then the live ones — over every transport, on each store.
 */
describeEachStore(STORES, 'resuming one execution ($name)', ({ create }) => {
  describe.each(subscriptionTransports(() => receiver!))('over $name', (transport) => {
    const fixture = streamingFixture(create, callbackEnv);
    let app: TestApp;
    let alice: string;
    let vehicleId: string;
    beforeAll(() => {
      ({ app, alice, vehicleId } = fixture);
    });

    /** An ignition waiting for confirmation (version 1), and more versions once confirmed, to the final one. */
    const awaitingIgnition = async () => {
      simulated(app).mobway.configure({ completionDelayMs: 300 });
      const requested = await data(app.url, RequestIgnitionDocument, { input: { vehicleId, enable: false } }, alice);
      const { id, confirmation } = requested.requestIgnition;
      const confirm = () =>
        data(app.url, ConfirmIgnitionDocument, { input: { executionId: id, code: confirmation!.code! } }, alice);
      return { id, confirm };
    };
    /** Waits until the execution is final; answers its last version. */
    const untilFinal = async (id: string) => {
      const last = async () => (await app.store.executions.snapshotsSince(id, 0)).at(-1);
      await eventually(async () => ['SUCCESS', 'FAILURE'].includes((await last())?.status ?? ''), 10_000, 'final');
      return (await last())!.version;
    };

    it('replays the versions missed while away, in order, then completes at the final one', async () => {
      const { id, confirm } = await awaitingIgnition();
      await confirm();
      const final = await untilFinal(id);
      expect(final).toBeGreaterThan(2);
      const results = await resultsUntilComplete(await transport.open(app, alice, WATCH, { id, afterVersion: 1 }));
      expect(results.map(versionOf)).toEqual(versionsFrom(2, final));
    });

    it('goes on live after the replay, each version once (no duplicate where replay and live meet)', async () => {
      const { id, confirm } = await awaitingIgnition();
      const resumed = await transport.open(app, alice, WATCH, { id, afterVersion: 0 });
      expect(versionOf(await resumed.next())).toBe(1);
      await confirm();
      const received = (await resultsUntilComplete(resumed)).map(versionOf);
      expect(received).toEqual(versionsFrom(2, await untilFinal(id)));
    });

    it('at the current version replays nothing and waits for the next one', async () => {
      const { id, confirm } = await awaitingIgnition();
      const resumed = await transport.open(app, alice, WATCH, { id, afterVersion: 1 });
      await confirm();
      const received = (await resultsUntilComplete(resumed)).map(versionOf);
      expect(received).toEqual(versionsFrom(2, await untilFinal(id)));
    });

    it('at the final version completes at once, with nothing to send', async () => {
      simulated(app).mobway.configure({ completionDelayMs: 50 });
      const { id } = await lockVehicle(app.url, vehicleId, alice);
      const final = await untilFinal(id);
      expect(await resultsUntilComplete(await transport.open(app, alice, WATCH, { id, afterVersion: final }))).toEqual(
        [],
      );
    });

    it.each([
      ['beyond the current version', 7],
      ['below zero', -1],
    ])('refuses afterVersion %s with BAD_USER_INPUT', async (_name, afterVersion) => {
      const { id } = await awaitingIgnition();
      const refused = await transport.firstResult(app, alice, WATCH, { id, afterVersion });
      expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
      expect(refused.data ?? null).toBeNull();
    });

    it('replays nothing to a caller whose grant went between the disconnect and the resume: NOT_FOUND', async () => {
      const heldVehicle = fixture.heldVehicleId;
      simulated(app).mobway.configure({ completionDelayMs: 10 * 60_000 });
      const { id } = await lockVehicle(app.url, heldVehicle, alice);
      await (await appRegistry(app)).revoke('alice', heldVehicle);
      const refused = await transport.firstResult(app, alice, WATCH, { id, afterVersion: 0 });
      expect(codes(refused)).toEqual(['NOT_FOUND']);
      expect(refused.data ?? null).toBeNull();
    });
  });
});

/**
 * Every version is stored, so a stream resumes wherever the client lands: on
 * another replica (PostgreSQL), or on the same store after a restart.
 */
describe.each(subscriptionTransports(() => receiver!))('resuming over $name', (transport) => {
  /** An ignition confirmed and run to its end on `app`: its id and final version. */
  const confirmedIgnition = async (app: TestApp, alice: string) => {
    simulated(app).mobway.configure({ completionDelayMs: 300 });
    const vehicleId = await (await appRegistry(app)).vehicle({ provider: 'MOBWAY', externalId: VINS[0]! }, 'alice');
    const { id, confirmation } = (
      await data(app.url, RequestIgnitionDocument, { input: { vehicleId, enable: false } }, alice)
    ).requestIgnition;
    await data(app.url, ConfirmIgnitionDocument, { input: { executionId: id, code: confirmation!.code! } }, alice);
    const last = async () => (await app.store.executions.snapshotsSince(id, 0)).at(-1);
    await eventually(async () => (await last())?.status === 'SUCCESS', 10_000, 'the ignition to succeed');
    return { id, final: (await last())!.version };
  };
  const env = () => ({ ...FAST_ENGINE, SUBSCRIPTION_CALLBACK_URLS: new URL(receiver!.url('x')).origin });

  describePostgres('on another replica than the one that ran the command', () => {
    /** Two replicas on one fresh database, alice's token, and `work` on them; all disposed after. */
    const onTwoReplicas = async (work: (writer: TestApp, reader: TestApp, alice: string) => Promise<void>) => {
      receiver ??= await startCallbackReceiver();
      const database = await createPostgresDatabase();
      const writer = await startTestApp(database.location, env());
      const reader = await startTestApp(database.location, env());
      try {
        await work(writer, reader, await writer.token({ sub: 'alice' }));
      } finally {
        await reader.dispose();
        await writer.dispose();
        await database.drop();
      }
    };

    it('replays what the other replica wrote, then goes on with what it writes next', () =>
      onTwoReplicas(async (writer, reader, alice) => {
        simulated(writer).mobway.configure({ completionDelayMs: 300 });
        const vehicleId = await (
          await appRegistry(writer)
        ).vehicle({ provider: 'MOBWAY', externalId: VINS[1]! }, 'alice');
        const { id, confirmation } = (
          await data(writer.url, RequestIgnitionDocument, { input: { vehicleId, enable: false } }, alice)
        ).requestIgnition;
        const resumed = await transport.open(reader, alice, WATCH, { id, afterVersion: 0 });
        expect(versionOf(await resumed.next())).toBe(1);
        const confirm = { input: { executionId: id, code: confirmation!.code! } };
        await data(writer.url, ConfirmIgnitionDocument, confirm, alice);
        const live = (await resultsUntilComplete(resumed)).map(versionOf);
        const final = (await writer.store.executions.snapshotsSince(id, 0)).at(-1)!.version;
        expect(live).toEqual(versionsFrom(2, final));
      }));

    it('replays what the other replica wrote, in order', () =>
      onTwoReplicas(async (writer, reader, alice) => {
        const { id, final } = await confirmedIgnition(writer, alice);
        const results = await resultsUntilComplete(await transport.open(reader, alice, WATCH, { id, afterVersion: 1 }));
        expect(results.map(versionOf)).toEqual(versionsFrom(2, final));
      }));
  });

  it('replays across a restart of the app on the same (on-disk) store', async () => {
    receiver ??= await startCallbackReceiver();
    const database = await pgliteFileDatabase();
    try {
      const before = await startTestApp(database.location, env());
      const alice = await before.token({ sub: 'alice' });
      const { id, final } = await confirmedIgnition(before, alice);
      await before.dispose();
      const after = await startTestApp(database.location, env());
      try {
        const results = await resultsUntilComplete(await transport.open(after, alice, WATCH, { id, afterVersion: 0 }));
        expect(results.map(versionOf)).toEqual(versionsFrom(1, final));
      } finally {
        await after.dispose();
      }
    } finally {
      await database.drop();
    }
  }, 60_000);
});
