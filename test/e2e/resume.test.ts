import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CommandExecutionUpdatedDocument,
  ConfirmIgnitionDocument,
  RequestIgnitionDocument,
} from '../../generated/graphql/graphql.js';
import type { CallbackReceiver } from '../federation/support/callback-receiver.js';
import { lockVehicle } from '../helpers/commands.js';
import { describeEachStore, STORES, type TestDatabase } from '../helpers/databases.js';
import { appRegistry } from '../helpers/registry.js';
import {
  resultsUntilComplete,
  startCallbackReceiver,
  subscriptionTransports,
  type FirstResult,
} from '../helpers/subscription-transports.js';
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

/**
 * `commandExecutionUpdated(id, afterVersion)`: a client that lost its stream
 * resumes after the last version it received, and gets every stored version
 * after it, in order, then the live ones — over every transport, on each store.
 */
describeEachStore(STORES, 'resuming one execution ($name)', ({ create }) => {
  describe.each(subscriptionTransports(() => receiver!))('over $name', (transport) => {
    let database: TestDatabase;
    let app: TestApp;
    let alice: string;
    let vehicleId: string;

    beforeAll(async () => {
      receiver ??= await startCallbackReceiver();
      database = await create();
      app = await startTestApp(database.location, {
        ...FAST_ENGINE,
        SUBSCRIPTION_CALLBACK_URLS: new URL(receiver.url('x')).origin,
      });
      alice = await app.token({ sub: 'alice' });
      vehicleId = await (await appRegistry(app)).vehicle({ provider: 'MOBWAY', externalId: VINS[0]! }, 'alice');
    }, 60_000);
    afterAll(async () => {
      await app?.dispose();
      await database?.drop();
    });

    /** An ignition waiting for confirmation (version 1), and more versions once confirmed, to the final one. */
    const awaitingIgnition = async () => {
      app.providers.simulators.MOBWAY!.configure({ completionDelayMs: 300 });
      const requested = await data(app.url, RequestIgnitionDocument, { input: { vehicleId, enable: false } }, alice);
      const { id, confirmation } = requested.requestIgnition;
      const confirm = () =>
        data(app.url, ConfirmIgnitionDocument, { input: { executionId: id, code: confirmation!.code } }, alice);
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
      app.providers.simulators.MOBWAY!.configure({ completionDelayMs: 50 });
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
      const heldVehicle = await (await appRegistry(app)).vehicle({ provider: 'MOBWAY', externalId: VINS[1]! }, 'alice');
      app.providers.simulators.MOBWAY!.configure({ completionDelayMs: 10 * 60_000 });
      const { id } = await lockVehicle(app.url, heldVehicle, alice);
      await (await appRegistry(app)).revoke('alice', heldVehicle);
      const refused = await transport.firstResult(app, alice, WATCH, { id, afterVersion: 0 });
      expect(codes(refused)).toEqual(['NOT_FOUND']);
      expect(refused.data ?? null).toBeNull();
    });
  });
});
