import { simulated } from '../helpers/simulated-providers.js';
import { randomUUID } from 'node:crypto';
import { print } from 'graphql';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandExecutionUpdatedDocument, LockVehicleDocument } from '../../generated/graphql/graphql.js';
import { FAST_ENGINE, startTestApp, type TestApp } from '../helpers/test-app.js';
import {
  startCallbackReceiver,
  startCallbackSubscription,
  type CallbackMessage,
  type CallbackReceiver,
} from './support/callback-receiver.js';
import { eventually } from '../helpers/ws-client.js';
import { appRegistry, registry } from '../helpers/registry.js';
import { data } from '../helpers/typed-client.js';

/** Mobway's documented example VIN, known to its simulator. */
const MOBWAY_VIN = '6AHFT68CKAF501652';

const WATCH = print(CommandExecutionUpdatedDocument);
const statuses = (messages: CallbackMessage[]) =>
  messages.filter((m) => m.action === 'next').map((m) => m.payload?.data?.commandExecutionUpdated?.status);
const completion = (messages: CallbackMessage[]) => messages.find((m) => m.action === 'complete');
const checks = (messages: CallbackMessage[]) => messages.filter((m) => m.action === 'check').length;
/** Resolves if `condition` never holds within `ms` (for "nothing more happens" assertions). */
const never = (condition: () => boolean, ms: number, what: string) =>
  expect(eventually(condition, ms, what)).rejects.toThrow(/timed out/);

/** What a router in callback mode sends to start a subscription. */
const subscribeByCallback = (
  app: TestApp,
  token: string | undefined,
  callbackUrl: string,
  subscriptionId: unknown,
  variables: Record<string, unknown>,
  heartbeatIntervalMs = 5_000,
  extension: Record<string, unknown> = {},
) =>
  startCallbackSubscription(
    app.url,
    token,
    { query: WATCH, variables },
    { callbackUrl, subscriptionId, heartbeatIntervalMs, ...extension },
  );

/** A subgraph whose Mobway commands stay PENDING, a vehicle granted to alice, and a PENDING lock on it. */
async function appWithPendingLock(env: Record<string, string> = {}) {
  const app = await startTestApp({ kind: 'memory' }, { ...FAST_ENGINE, ...env });
  simulated(app).mobway.configure({ completionDelayMs: 10 * 60_000 });
  const alice = await app.token({ sub: 'alice' });
  const vehicleId = await (await appRegistry(app)).vehicle({ provider: 'MOBWAY', externalId: MOBWAY_VIN }, 'alice');
  const executionId = (await data(app.url, LockVehicleDocument, { input: { vehicleId } }, alice)).lockVehicle.id;
  return { app, alice, executionId };
}

describe('Apollo’s subscription callback protocol, against the subgraph directly', () => {
  let app: TestApp;
  let receiver: CallbackReceiver;
  let admin: string;
  let alice: string;
  let vehicleId: string;
  let vins = 0;
  /**
   * Alice locks a vehicle of its own: commands to one vehicle are sent one at a time, and
   * the commands these tests leave running (10 min) would hold the next ones QUEUED.
   */
  const lock = async () => {
    const externalId = `7HGCM8263${String(++vins).padStart(8, '0')}`;
    const own = await registry(app.url, admin).vehicle({ provider: 'MOBWAY', externalId }, 'alice');
    return (await data(app.url, LockVehicleDocument, { input: { vehicleId: own } }, alice)).lockVehicle.id;
  };

  beforeAll(async () => {
    receiver = await startCallbackReceiver();
    app = await startTestApp(
      { kind: 'memory' },
      { ...FAST_ENGINE, SUBSCRIPTION_CALLBACK_URLS: new URL(receiver.url('x')).origin },
    );
    admin = await app.token({ sub: 'ops', roles: ['admin'] });
    alice = await app.token({ sub: 'alice' });
    vehicleId = await registry(app.url, admin).vehicle({ provider: 'MOBWAY', externalId: MOBWAY_VIN }, 'alice');
  });
  afterAll(async () => {
    await app?.dispose();
    await receiver?.stop();
  });

  it('checks the callback URL, streams PENDING → SUCCESS as `next`, then sends `complete`', async () => {
    simulated(app).mobway.configure({ completionDelayMs: 2_000 });
    const id = randomUUID();
    const started = await subscribeByCallback(app, alice, receiver.url(id), id, { id: await lock() });
    expect(started).toEqual({ status: 200, body: { data: null } });
    const messages = await receiver.waitFor(id, (m) => completion(m) !== undefined, 'complete');
    expect(messages[0]).toMatchObject({ kind: 'subscription', action: 'check', id, verifier: 'v-secret' });
    expect(statuses(messages)).toEqual(['PENDING', 'SUCCESS']);
    expect(completion(messages)!.errors).toBeUndefined();
  });

  it(
    'heartbeats a quiet subscription, then ends it with `complete` carrying FORBIDDEN when the grant is ' + 'revoked',
    async () => {
      simulated(app).mobway.configure({ completionDelayMs: 10 * 60_000 });
      await registry(app.url, admin).grant('bob', vehicleId);
      const bob = await app.token({ sub: 'bob' });
      const executionId = (await data(app.url, LockVehicleDocument, { input: { vehicleId } }, bob)).lockVehicle.id;
      const id = randomUUID();
      await subscribeByCallback(app, bob, receiver.url(id), id, { id: executionId }, 1_000);
      await receiver.waitFor(id, (m) => statuses(m).includes('PENDING'), 'PENDING');
      // The opening check, then heartbeats while nothing changes.
      await receiver.waitFor(
        id,
        (m) => m.filter((message) => message.action === 'check').length >= 3,
        'two heartbeats',
      );
      await request(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({
          query: 'mutation($input: GrantAccessInput!) { revokeAccess(input: $input) }',
          variables: { input: { userId: 'bob', targetId: vehicleId } },
        }),
      }).then((r) => r.body.json());
      const messages = await receiver.waitFor(id, (m) => completion(m) !== undefined, 'complete');
      expect(completion(messages)!.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      expect(statuses(messages)).toEqual(['PENDING']);
    },
  );

  it('ends with `complete` carrying UNAUTHENTICATED when the caller’s token expires', async () => {
    simulated(app).mobway.configure({ completionDelayMs: 10 * 60_000 });
    const shortLived = await app.token({ sub: 'alice', expiresIn: '2s' });
    const id = randomUUID();
    await subscribeByCallback(app, shortLived, receiver.url(id), id, { id: await lock() });
    const messages = await receiver.waitFor(id, (m) => completion(m) !== undefined, 'complete');
    expect(statuses(messages)).toEqual(['PENDING']);
    expect(completion(messages)!.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses an unauthenticated subscription with 401 UNAUTHENTICATED and POSTs nothing to the router', async () => {
    const executionId = await lock();
    for (const token of [undefined, 'not.a.jwt']) {
      const anonymous = randomUUID();
      const refused = await subscribeByCallback(app, token, receiver.url(anonymous), anonymous, { id: executionId });
      expect(refused.status).toBe(401);
      expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      // A started subscription would send its `check` at once.
      await expect(receiver.waitFor(anonymous, (m) => m.length > 0, 'any message', 1_500)).rejects.toThrow(
        /timed out|any message/,
      );
    }
  });

  it('answers a stranger’s subscription with `complete` and NOT_FOUND, never data', async () => {
    const executionId = await lock();
    const stranger = randomUUID();
    await subscribeByCallback(app, await app.token({ sub: 'mallory' }), receiver.url(stranger), stranger, {
      id: executionId,
    });
    const messages = await receiver.waitFor(stranger, (m) => completion(m) !== undefined, 'complete');
    expect(completion(messages)!.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(statuses(messages)).toEqual([]);
  });

  it(
    'starts nothing for a subscription refused by a limit (16 aliases, 15 allowed): 400, and nothing is ' + 'POSTed',
    async () => {
      const id = randomUUID();
      const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: status`).join(' ');
      const response = await request(app.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json;callbackSpec=1.0',
          authorization: `Bearer ${alice}`,
        },
        body: JSON.stringify({
          query: `subscription($id: ID!) { commandExecutionUpdated(id: $id) { ${aliases} } }`,
          variables: { id: await lock() },
          extensions: {
            subscription: {
              callbackUrl: receiver.url(id),
              subscriptionId: id,
              verifier: 'v-secret',
              heartbeatIntervalMs: 1_000,
            },
          },
        }),
      });
      expect(response.statusCode).toBe(400);
      const body = (await response.body.json()) as { errors?: { extensions?: { code?: string } }[] };
      expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      // A started subscription would send its `check` at once, then heartbeats every 500 ms.
      await expect(receiver.waitFor(id, (m) => m.length > 0, 'any message', 1_500)).rejects.toThrow(
        /timed out|any message/,
      );
    },
  );

  it('refuses a callback URL outside SUBSCRIPTION_CALLBACK_URLS and POSTs nothing', async () => {
    const id = randomUUID();
    const elsewhere = receiver.url(id).replace('127.0.0.1', 'localhost');
    const refused = await subscribeByCallback(app, alice, elsewhere, id, { id: await lock() });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(['CALLBACK_URL_NOT_ALLOWED']);
    // The answer comes after the check would have been sent: nothing reached the receiver.
    expect(receiver.messages(id)).toEqual([]);
  });

  it(
    'never follows a redirect: a 307 from an allowed URL is a refused `check`, and nothing reaches where it ' +
      'points',
    async () => {
      const outside = await startCallbackReceiver();
      try {
        const id = randomUUID();
        receiver.answerFor(id, { redirectTo: outside.url(id) });
        const refused = await subscribeByCallback(app, alice, receiver.url(id), id, { id: await lock() });
        expect(refused.status).toBe(500);
        expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(['CALLBACK_CHECK_FAILED']);
        expect(receiver.messages(id).map((m) => [m.action, m.answeredWith])).toEqual([['check', 307]]);
        await never(() => outside.messages(id).length > 0, 1_500, 'a message where the redirect points');
      } finally {
        await outside.stop();
      }
    },
  );

  it(
    'heartbeats at most every 30 s however long the interval asked for (2^32 ms overflowed setInterval to ' + '1 ms)',
    async () => {
      simulated(app).mobway.configure({ completionDelayMs: 10 * 60_000 });
      const id = randomUUID();
      const started = await subscribeByCallback(app, alice, receiver.url(id), id, { id: await lock() }, 2 ** 32);
      expect(started.status).toBe(200);
      await receiver.waitFor(id, (m) => statuses(m).includes('PENDING'), 'PENDING');
      await never(() => checks(receiver.messages(id)) > 1, 1_500, 'a heartbeat');
      receiver.answerFor(id, 404);
    },
  );

  it(
    'refuses a missing, non-string or over-long subscriptionId or verifier with 400 BAD_USER_INPUT, and ' +
      'POSTs nothing',
    async () => {
      const executionId = await lock();
      const cases: [string, unknown, Record<string, unknown>][] = [
        ['no-id', undefined, {}],
        ['number-id', 42, {}],
        ['long-id', 'i'.repeat(257), {}],
        ['no-verifier', randomUUID(), { verifier: undefined }],
        ['object-verifier', randomUUID(), { verifier: { a: 1 } }],
        ['long-verifier', randomUUID(), { verifier: 'v'.repeat(257) }],
      ];
      for (const [key, subscriptionId, extension] of cases) {
        const refused = await subscribeByCallback(
          app,
          alice,
          receiver.url(key),
          subscriptionId,
          { id: executionId },
          1_000,
          extension,
        );
        expect({ key, status: refused.status }).toEqual({ key, status: 400 });
        expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      }
      // Bounded strings pass: 256 characters each.
      const longest = 'i'.repeat(256);
      const accepted = await subscribeByCallback(app, alice, receiver.url('longest'), longest, { id: executionId }, 0, {
        verifier: 'v'.repeat(256),
      });
      expect(accepted.status).toBe(200);
      await receiver.waitFor('longest', (m) => statuses(m).includes('PENDING'), 'PENDING');
      receiver.answerFor('longest', 404);
      await never(() => cases.some(([key]) => receiver.messages(key).length > 0), 1_000, 'a message for a refused one');
    },
  );

  it(
    'refuses a second subscription with the id of one open on the same callback URL, which streams ' + 'on',
    async () => {
      simulated(app).mobway.configure({ completionDelayMs: 2_000 });
      const id = randomUUID();
      const executionId = await lock();
      expect((await subscribeByCallback(app, alice, receiver.url(id), id, { id: executionId })).status).toBe(200);
      // The same address however it is spelled: `/./` and a default-free form parse to one URL.
      const url = new URL(receiver.url(id));
      for (const spelling of [receiver.url(id), `${url.protocol}//${url.host}/.${url.pathname}${url.search}`]) {
        const again = await subscribeByCallback(app, alice, spelling, id, { id: executionId });
        expect(again.status).toBe(400);
        expect(again.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      }
      const messages = await receiver.waitFor(id, (m) => completion(m) !== undefined, 'complete');
      expect(statuses(messages)).toEqual(['PENDING', 'SUCCESS']);
      expect(completion(messages)!.errors).toBeUndefined();
    },
  );

  it('retries a callback that fails with 5xx a bounded number of times (3 attempts), then refuses', async () => {
    const id = randomUUID();
    receiver.answerFor(id, 503);
    const refused = await subscribeByCallback(app, alice, receiver.url(id), id, { id: await lock() });
    expect(refused.status).toBe(500);
    expect(receiver.messages(id).map((m) => [m.action, m.answeredWith])).toEqual([
      ['check', 503],
      ['check', 503],
      ['check', 503],
    ]);
  });
});

describe('a callback subscription the router no longer knows', () => {
  it('is dropped on the router’s 404, releasing its place in the per-user cap', async () => {
    const receiver = await startCallbackReceiver();
    const { app, alice, executionId } = await appWithPendingLock({ WS_MAX_SUBSCRIPTIONS_PER_USER: '1' });
    try {
      const first = randomUUID();
      await subscribeByCallback(app, alice, receiver.url(first), first, { id: executionId }, 1_000);
      await receiver.waitFor(first, (m) => statuses(m).includes('PENDING'), 'PENDING');
      const second = randomUUID();
      await subscribeByCallback(app, alice, receiver.url(second), second, { id: executionId }, 1_000);
      const refused = await receiver.waitFor(second, (m) => completion(m) !== undefined, 'complete');
      expect(completion(refused)!.errors?.map((e) => e.extensions?.code)).toEqual(['TOO_MANY_SUBSCRIPTIONS']);

      // As after the router forgot it: every later callback for it gets 404 (a new
      // subscription's `check` is answered 204, as a router answers one it knows).
      receiver.answerFor(first, 404);
      await eventually(
        async () => {
          const retry = randomUUID();
          await subscribeByCallback(app, alice, receiver.url(retry), retry, { id: executionId }, 1_000);
          return statuses(
            await receiver.waitFor(retry, (m) => statuses(m).length > 0 || completion(m) !== undefined, 'an answer'),
          ).includes('PENDING');
        },
        15_000,
        'the dropped subscription’s slot to be free',
      );
    } finally {
      await app.dispose();
      await receiver.stop();
    }
  });
});

describe('a router’s 404 to the first `check`', () => {
  it('refuses the subscription: nothing starts and no place in the per-user cap is held', async () => {
    const receiver = await startCallbackReceiver();
    const { app, alice, executionId } = await appWithPendingLock({ WS_MAX_SUBSCRIPTIONS_PER_USER: '1' });
    try {
      const unknown = randomUUID();
      receiver.answerFor(unknown, 404);
      const refused = await subscribeByCallback(app, alice, receiver.url(unknown), unknown, { id: executionId }, 1_000);
      expect(refused.status).toBe(500);
      expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(['CALLBACK_CHECK_FAILED']);
      expect(receiver.messages(unknown).map((m) => m.action)).toEqual(['check']);

      const next = randomUUID();
      expect((await subscribeByCallback(app, alice, receiver.url(next), next, { id: executionId }, 1_000)).status).toBe(
        200,
      );
      const answered = await receiver.waitFor(
        next,
        (m) => statuses(m).length > 0 || completion(m) !== undefined,
        'an answer',
      );
      expect(completion(answered)).toBeUndefined();
      expect(statuses(answered)).toEqual(['PENDING']);
      await never(() => receiver.messages(unknown).length > 1, 1_000, 'a message after the refused check');
    } finally {
      await app.dispose();
      await receiver.stop();
    }
  });
});

describe('callback subscriptions sharing one callback URL', () => {
  it(
    'are told apart by subscription id: each ends on its own 404, frees its place, and gets nothing ' + 'more',
    async () => {
      const receiver = await startCallbackReceiver();
      const { app, alice, executionId } = await appWithPendingLock({ WS_MAX_SUBSCRIPTIONS_PER_USER: '2' });
      try {
        const shared = receiver.url('shared');
        const ids = [randomUUID(), randomUUID()];
        for (const id of ids) {
          expect((await subscribeByCallback(app, alice, shared, id, { id: executionId }, 1_000)).status).toBe(200);
        }
        const of = (id: string) => receiver.messages('shared').filter((m) => m.id === id);
        await eventually(() => ids.every((id) => statuses(of(id)).includes('PENDING')), 15_000, 'both PENDING');

        // As after a router restart: it knows neither.
        receiver.answerFor('shared', 404);
        await eventually(() => ids.every((id) => of(id).some((m) => m.answeredWith === 404)), 15_000, 'a 404 for each');
        // Both places are free again: two new subscriptions stream.
        for (const next of [randomUUID(), randomUUID()]) {
          await eventually(
            async () => {
              await subscribeByCallback(app, alice, receiver.url(next), next, { id: executionId }, 1_000);
              return statuses(
                await receiver.waitFor(next, (m) => statuses(m).length > 0 || completion(m) !== undefined, 'an answer'),
              ).includes('PENDING');
            },
            15_000,
            'a free place',
          );
        }
        const afterTheirEnd = () =>
          ids.some((id) => of(id).slice(of(id).findIndex((m) => m.answeredWith === 404) + 1).length > 0);
        await never(afterTheirEnd, 1_500, 'a message after the 404');
      } finally {
        await app.dispose();
        await receiver.stop();
      }
    },
  );
});

describe('a callback URL that never answers', () => {
  it(
    'is given up after SUBSCRIPTION_CALLBACK_TIMEOUT_MS per attempt: the subscription is refused at ' + 'once',
    async () => {
      const receiver = await startCallbackReceiver();
      const { app, alice, executionId } = await appWithPendingLock({ SUBSCRIPTION_CALLBACK_TIMEOUT_MS: '300' });
      try {
        const id = randomUUID();
        receiver.answerFor(id, 'hang');
        const refused = await subscribeByCallback(app, alice, receiver.url(id), id, { id: executionId });
        expect(refused.status).toBe(500);
        expect(refused.body.errors?.map((e) => e.extensions?.code)).toEqual(['CALLBACK_CHECK_FAILED']);
        expect(receiver.messages(id).map((m) => m.action)).toEqual(['check', 'check', 'check']);
      } finally {
        await app.dispose();
        await receiver.stop();
      }
    },
  );
});

describe('a callback subscription when its subgraph replica stops', () => {
  it('ends with `complete` carrying SHUTTING_DOWN, so the client knows to subscribe again', async () => {
    const receiver = await startCallbackReceiver();
    const { app, alice, executionId } = await appWithPendingLock();
    try {
      const id = randomUUID();
      await subscribeByCallback(app, alice, receiver.url(id), id, { id: executionId });
      await receiver.waitFor(id, (m) => statuses(m).includes('PENDING'), 'PENDING');
      await app.stop();
      // The stop drains: the `complete` has been sent by the time it resolves.
      expect(completion(receiver.messages(id))!.errors?.map((e) => e.extensions?.code)).toEqual(['SHUTTING_DOWN']);
    } finally {
      await app.dispose();
      await receiver.stop();
    }
  });
});
