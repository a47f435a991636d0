import { simulated } from '../helpers/simulated-providers.js';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Client } from 'graphql-ws';
import {
  CommandExecutionsUpdatedDocument,
  CommandExecutionUpdatedDocument,
  ConfirmIgnitionDocument,
  LockVehicleDocument,
  OpenLockDocument,
  RequestIgnitionDocument,
  SetChargeLimitDocument,
  SetNavigationDestinationDocument,
  StartChargingDocument,
  StopChargingDocument,
  UnlockVehicleDocument,
  type ExecutionFieldsFragment,
} from '../../generated/graphql/graphql.js';
import { describeEachStore, STORES, type TestDatabase } from '../helpers/databases.js';
import { errorCodes, gql } from '../helpers/graphql-client.js';
import { appRegistry } from '../helpers/registry.js';
import { FAST_ENGINE, startTestApp, type TestApp } from '../helpers/test-app.js';
import { data, run, watch } from '../helpers/typed-client.js';
import { eventually, subscribe, wsClient } from '../helpers/ws-client.js';

const VINS = ['1HGCM82633A004352', '2HGCM82633A004353', '3HGCM82633A004354', '4HGCM82633A004355'];

/** A history as these tests compare it whole: without the times. */
type History = { history: { version: number; status: string; reason: string | null }[] };

describeEachStore(STORES, 'commands end to end on $name', ({ create }) => {
  let database: TestDatabase;
  let app: TestApp;
  let alice: string;
  let bob: string;
  let ws: Client;
  let smartcarId: string;
  let mobwayId: string;
  let mobwayIds: string[];
  let lockId: string;

  /** A command mutation over HTTP, as alice unless told; typed by its document. */
  const send = <R, I>(document: TypedDocumentNode<R, { input: I }>, input: I, token = alice) =>
    run(app.url, document, { input }, token);
  /** Like `send`, but fails on any error and answers the data. */
  const sent = <R, I>(document: TypedDocumentNode<R, { input: I }>, input: I, token = alice) =>
    data(app.url, document, { input }, token);
  const rowCount = async (table: string) =>
    (await app.store.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

  beforeAll(async () => {
    database = await create();
    app = await startTestApp(database.location, { ...FAST_ENGINE, CONFIRMATION_TTL_MS: '60000' });
    alice = await app.token({ sub: 'alice' });
    bob = await app.token({ sub: 'bob' });
    const registry = await appRegistry(app);
    smartcarId = await registry.vehicle(
      { provider: 'SMARTCAR', externalId: 'v_123abc456def', providerUserId: 'user_789xyz' },
      'alice',
    );
    mobwayId = await registry.vehicle({ provider: 'MOBWAY', externalId: '6AHFT68CKAF501652' }, 'alice');
    mobwayIds = [];
    for (const vin of VINS) mobwayIds.push(await registry.vehicle({ provider: 'MOBWAY', externalId: vin }, 'alice'));
    lockId = await registry.lock({ provider: 'SPKEY', externalId: '123' }, 'alice');
    simulated(app).mobway.configure({ completionDelayMs: 450 });
    ws = wsClient(app.wsUrl, alice);
  });
  afterAll(async () => {
    await ws?.dispose();
    await app?.dispose();
    await database?.drop();
  });

  it('runs every Smartcar command synchronously to SUCCESS, with its parameters', async () => {
    const smartcar = simulated(app).smartcar;
    smartcar.resetCounts();
    const vehicleId = smartcarId;
    const executions: [ExecutionFieldsFragment, Record<string, unknown>][] = [
      [(await sent(LockVehicleDocument, { vehicleId })).lockVehicle, {}],
      [(await sent(UnlockVehicleDocument, { vehicleId })).unlockVehicle, {}],
      [(await sent(StartChargingDocument, { vehicleId })).startCharging, {}],
      [(await sent(StopChargingDocument, { vehicleId })).stopCharging, {}],
      [(await sent(SetChargeLimitDocument, { vehicleId, percent: 80 })).setChargeLimit, { percent: 80 }],
      [
        (await sent(SetNavigationDestinationDocument, { vehicleId, latitude: 37.7749, longitude: -122.4194 }))
          .setNavigationDestination,
        { latitude: 37.7749, longitude: -122.4194 },
      ],
    ];
    for (const [execution, extra] of executions) {
      expect(execution).toMatchObject({
        status: 'SUCCESS',
        version: 2,
        provider: 'SMARTCAR',
        providerStatus: 'SUCCESS',
        executionMode: 'SYNC',
        requestedBy: 'alice',
        error: null,
        target: { id: smartcarId, provider: 'SMARTCAR' },
        history: [
          { version: 1, status: 'PENDING', reason: null },
          { version: 2, status: 'SUCCESS', reason: null },
        ],
      });
      expect(execution.providerExecutionId).toBeTruthy();
      expect(execution.completedAt).toBeTruthy();
      if (Object.keys(extra).length > 0) expect(execution.parameters).toEqual(extra);
    }
    expect(Object.values(smartcar.counts()).reduce((a, b) => a + b, 0)).toBe(6);
  });

  it('opens a SmartphoneKey lock, sending our execution id as requestId', async () => {
    const response = await send(OpenLockDocument, { lockId, reason: 'guest arrival' });
    expect(response.errors).toBeUndefined();
    expect(response.data!.openLock).toMatchObject({
      status: 'SUCCESS',
      provider: 'SPKEY',
      parameters: { reason: 'guest arrival' },
    });
  });

  it('records a provider refusal on the execution: spkey shadow failure', async () => {
    simulated(app).spkey.configure({ shadowFailure: true });
    try {
      const response = await send(OpenLockDocument, { lockId });
      expect(response.errors).toBeUndefined();
      expect(response.data!.openLock).toMatchObject({
        status: 'FAILURE',
        error: { code: 'SHADOW_UPDATE_FAILED', retryable: true },
        history: [{ status: 'PENDING' }, { status: 'FAILURE', reason: 'SHADOW_UPDATE_FAILED' }],
      });
    } finally {
      simulated(app).spkey.configure({ shadowFailure: false });
    }
  });

  it('streams a Mobway lock PENDING → SUCCESS after several polls', async () => {
    const mobway = simulated(app).mobway;
    mobway.resetCounts();
    const response = await send(LockVehicleDocument, { vehicleId: mobwayId });
    expect(response.errors).toBeUndefined();
    const execution = response.data!.lockVehicle;
    expect(execution).toMatchObject({ status: 'PENDING', providerStatus: 'Pending', version: 1 });
    expect(execution.providerExecutionId).toMatch(/^[0-9a-f-]{36}$/);

    const probe = watch(ws, CommandExecutionUpdatedDocument, { id: execution.id });
    const first = await probe.next();
    expect(first.data!.commandExecutionUpdated).toMatchObject({ id: execution.id, status: 'PENDING', version: 1 });
    const second = await probe.next();
    expect(second.data!.commandExecutionUpdated).toMatchObject({
      status: 'SUCCESS',
      version: 2,
      providerStatus: 'Success',
      error: null,
    });
    await probe.completed();
    expect(mobway.counts()['POST /vehicle-command']).toBe(1);
    expect(mobway.counts()['GET /vehicle-command/:id']).toBeGreaterThanOrEqual(2);
  });

  it('streams FAILURE with the mapped error for an asleep Smartcar vehicle', async () => {
    const smartcar = simulated(app).smartcar;
    smartcar.configure({ asleep: true });
    try {
      const response = await send(UnlockVehicleDocument, { vehicleId: smartcarId });
      const execution = response.data!.unlockVehicle;
      expect(execution).toMatchObject({
        status: 'FAILURE',
        error: { code: 'ASLEEP', type: 'VEHICLE_STATE', retryable: true },
      });
      const probe = watch(ws, CommandExecutionUpdatedDocument, { id: execution.id });
      expect((await probe.next()).data!.commandExecutionUpdated).toMatchObject({
        status: 'FAILURE',
        error: { code: 'ASLEEP', retryable: true },
      });
      await probe.completed();
    } finally {
      smartcar.configure({ asleep: false });
    }
  });

  it('refuses, in order, before writing anything: grant, capability, input', async () => {
    const before = await rowCount('executions');
    const bobs = await send(LockVehicleDocument, { vehicleId: smartcarId }, bob);
    expect(errorCodes(bobs)).toEqual(['NOT_FOUND']);
    // Bob's bad percent on a vehicle he may not see is still NOT_FOUND: nothing leaks through validation.
    expect(errorCodes(await send(SetChargeLimitDocument, { vehicleId: smartcarId, percent: 10 }, bob))).toEqual([
      'NOT_FOUND',
    ]);
    const unsupported = await send(StartChargingDocument, { vehicleId: mobwayId });
    expect(errorCodes(unsupported)).toEqual(['BAD_USER_INPUT']);
    expect(unsupported.errors![0]!.message).toMatch(
      /MOBWAY targets do not support START_CHARGE; supported: LOCK, UNLOCK, ENABLE_IGNITION, DISABLE_IGNITION/,
    );
    const ignitionOnSmartcar = await send(RequestIgnitionDocument, { vehicleId: smartcarId, enable: false });
    expect(errorCodes(ignitionOnSmartcar)).toEqual(['BAD_USER_INPUT']);
    const vehicleId = smartcarId;
    for (const [attempt, field] of [
      [() => send(SetChargeLimitDocument, { vehicleId, percent: 49 }), 'percent'],
      [() => send(SetChargeLimitDocument, { vehicleId, percent: 101 }), 'percent'],
      [() => send(SetNavigationDestinationDocument, { vehicleId, latitude: 90.5, longitude: 0 }), 'latitude'],
      [() => send(SetNavigationDestinationDocument, { vehicleId, latitude: 0, longitude: -180.1 }), 'longitude'],
      [() => send(OpenLockDocument, { lockId, reason: 'x'.repeat(501) }), 'reason'],
      [() => send(LockVehicleDocument, { vehicleId, idempotencyKey: '' }), 'idempotencyKey'],
      [() => send(LockVehicleDocument, { vehicleId, idempotencyKey: 'k'.repeat(129) }), 'idempotencyKey'],
    ] as const) {
      const response = await attempt();
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0]!.extensions!.field).toBe(field);
    }
    expect(errorCodes(await send(LockVehicleDocument, { vehicleId: 'veh_nope' }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await send(LockVehicleDocument, { vehicleId: lockId }))).toEqual(['NOT_FOUND']);
    const anonymous = await run(app.url, LockVehicleDocument, { input: { vehicleId: smartcarId } });
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    expect(await rowCount('executions')).toBe(before);
  });

  it('requires a grant to command, admins included', async () => {
    const admin = await app.token({ sub: 'ops', roles: ['admin'] });
    expect(errorCodes(await send(LockVehicleDocument, { vehicleId: smartcarId }, admin))).toEqual(['FORBIDDEN']);
  });

  it('turns 50 concurrent identical idempotent calls into one execution and one provider call', async () => {
    const mobway = simulated(app).mobway;
    mobway.resetCounts();
    const input = { vehicleId: mobwayIds[0]!, idempotencyKey: 'lock-once-7b1f' };
    const responses = await Promise.all(Array.from({ length: 50 }, () => send(LockVehicleDocument, input)));
    for (const response of responses) expect(response.errors).toBeUndefined();
    const ids = new Set(responses.map((r) => r.data!.lockVehicle.id));
    expect(ids.size).toBe(1);
    expect(mobway.counts()['POST /vehicle-command']).toBe(1);

    const again = await send(LockVehicleDocument, input);
    expect(again.data!.lockVehicle.id).toBe([...ids][0]);
    const reused = await send(UnlockVehicleDocument, input);
    expect(errorCodes(reused)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    const otherTarget = await send(LockVehicleDocument, { ...input, vehicleId: mobwayIds[1]! });
    expect(errorCodes(otherTarget)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    // Keys are per user: Bob's key of the same name is his own (and here, refused for the grant).
    expect(errorCodes(await send(LockVehicleDocument, input, bob))).toEqual(['NOT_FOUND']);
    expect(mobway.counts()['POST /vehicle-command']).toBe(1);
  });

  it('runs an ignition change in two steps, polled to SUCCESS', async () => {
    const mobway = simulated(app).mobway;
    mobway.resetCounts();
    const requested = await send(RequestIgnitionDocument, { vehicleId: mobwayIds[1]!, enable: false });
    expect(requested.errors).toBeUndefined();
    const execution = requested.data!.requestIgnition;
    expect(execution).toMatchObject({ status: 'AWAITING_CONFIRMATION', commandType: 'DISABLE_IGNITION', version: 2 });
    expect(execution.confirmation!.code).toMatch(/^\d{6}$/);
    expect(execution.confirmation!.message).toMatch(/igni/);
    expect(new Date(execution.confirmation!.expiresAt).getTime()).toBeGreaterThan(Date.now() + 50_000);

    const probe = watch(ws, CommandExecutionUpdatedDocument, { id: execution.id });
    expect((await probe.next()).data!.commandExecutionUpdated).toMatchObject({
      status: 'AWAITING_CONFIRMATION',
      version: 2,
    });

    const wrong = await send(ConfirmIgnitionDocument, {
      executionId: execution.id,
      code: execution.confirmation!.code === '000000' ? '000001' : '000000',
    });
    expect(errorCodes(wrong)).toEqual(['CONFIRMATION_CODE_INVALID']);
    expect(wrong.errors![0]!.extensions!.attemptsRemaining).toBe(4);
    expect(errorCodes(await send(ConfirmIgnitionDocument, { executionId: execution.id, code: '12345' }))).toEqual([
      'BAD_USER_INPUT',
    ]);
    expect(
      errorCodes(
        await send(ConfirmIgnitionDocument, { executionId: execution.id, code: execution.confirmation!.code! }, bob),
      ),
    ).toEqual(['NOT_FOUND']);

    const confirmed = await send(ConfirmIgnitionDocument, {
      executionId: execution.id,
      code: execution.confirmation!.code!,
    });
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.confirmIgnition).toMatchObject({ status: 'PENDING', providerStatus: 'Pending' });
    expect((await probe.next()).data!.commandExecutionUpdated).toMatchObject({ status: 'PENDING', version: 3 });
    // The snapshot kept for version 3 is what clients read at version 3.
    const [snapshot] = await app.store.executions.snapshotsSince(execution.id, 2);
    expect(snapshot).toMatchObject({ version: 3, status: 'PENDING', providerStatus: 'Pending' });
    expect((await probe.next()).data!.commandExecutionUpdated).toMatchObject({ status: 'SUCCESS', version: 4 });
    await probe.completed();

    const reused = await send(ConfirmIgnitionDocument, {
      executionId: execution.id,
      code: execution.confirmation!.code!,
    });
    expect(errorCodes(reused)).toEqual(['CONFIRMATION_ALREADY_USED']);
    expect(mobway.counts()['POST /vehicle-command']).toBe(2);

    // Compared whole, so read without the times CommandExecutionDocument selects.
    const HISTORY = 'query($id: ID!) { commandExecution(id: $id) { history { version status reason } } }';
    const history = (await gql<{ commandExecution: History }>(app.url, HISTORY, { id: execution.id }, { token: alice }))
      .data!.commandExecution.history;
    expect(history).toEqual([
      { version: 1, status: 'AWAITING_CONFIRMATION', reason: null },
      { version: 2, status: 'AWAITING_CONFIRMATION', reason: 'CONFIRMATION_ISSUED' },
      { version: 3, status: 'PENDING', reason: 'CONFIRMED' },
      { version: 4, status: 'SUCCESS', reason: null },
    ]);
  });

  it('locks an ignition request after five wrong codes', async () => {
    const execution = (await send(RequestIgnitionDocument, { vehicleId: mobwayIds[2]!, enable: true })).data!
      .requestIgnition;
    const wrong = execution.confirmation!.code === '999999' ? '999998' : '999999';
    for (let attempt = 1; attempt <= 4; attempt++) {
      const response = await send(ConfirmIgnitionDocument, { executionId: execution.id, code: wrong });
      expect(response.errors![0]!.extensions).toMatchObject({
        code: 'CONFIRMATION_CODE_INVALID',
        attemptsRemaining: 5 - attempt,
      });
    }
    const fifth = await send(ConfirmIgnitionDocument, { executionId: execution.id, code: wrong });
    expect(fifth.data!.confirmIgnition).toMatchObject({ status: 'FAILURE', error: { code: 'CONFIRMATION_LOCKED' } });
    const late = await send(ConfirmIgnitionDocument, {
      executionId: execution.id,
      code: execution.confirmation!.code!,
    });
    expect(errorCodes(late)).toEqual(['CONFIRMATION_LOCKED']);
  });

  it('caps confirmation attempts even when guesses race', async () => {
    const mobway = simulated(app).mobway;
    const execution = (await send(RequestIgnitionDocument, { vehicleId: mobwayIds[3]!, enable: false })).data!
      .requestIgnition;
    mobway.resetCounts();
    const right: string = execution.confirmation!.code!;
    const wrongCodes = Array.from({ length: 19 }, (_, i) =>
      String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0'),
    );
    const responses = await Promise.all(
      [...wrongCodes, right].map((code) => send(ConfirmIgnitionDocument, { executionId: execution.id, code })),
    );
    const rows = await app.store.db.query<{ attempts: number; status: string }>(
      'SELECT confirmation_attempts AS attempts, status FROM executions WHERE id = $1',
      [execution.id],
    );
    expect(rows[0]!.attempts).toBeLessThanOrEqual(5);
    // At most five calls got to compare a code; everyone else was refused without one.
    const compared = responses.filter(
      (r) => !r.errors || r.errors[0]!.extensions!.code === 'CONFIRMATION_CODE_INVALID',
    );
    expect(compared.length).toBeLessThanOrEqual(5);
    for (const response of responses.filter((r) => r.errors)) {
      expect(['CONFIRMATION_CODE_INVALID', 'CONFIRMATION_LOCKED', 'CONFIRMATION_ALREADY_USED']).toContain(
        response.errors![0]!.extensions!.code,
      );
    }
    expect(mobway.counts()['POST /vehicle-command'] ?? 0).toBeLessThanOrEqual(1);
  });

  it('survives a provider client that throws on poll, and polls again', async () => {
    const client = app.providers.clients.of('MOBWAY');
    const poll = client.poll.bind(client);
    let thrown = 0;
    client.poll = async () => {
      thrown += 1;
      throw new Error('client bug');
    };
    try {
      const execution = (await send(LockVehicleDocument, { vehicleId: mobwayIds[2]! })).data!.lockVehicle;
      await eventually(() => thrown >= 2, 5_000, 'polls that throw');
      client.poll = poll;
      const probe = watch(ws, CommandExecutionUpdatedDocument, { id: execution.id });
      let last = (await probe.next()).data!.commandExecutionUpdated;
      while (last.status === 'PENDING') last = (await probe.next()).data!.commandExecutionUpdated;
      expect(last.status).toBe('SUCCESS');
    } finally {
      client.poll = poll;
    }
  });

  it('ends a subscription whose stream fails with a coded, masked error', async () => {
    const executions = app.store.executions;
    const feedChangesAfter = executions.feedChangesAfter.bind(executions);
    const probe = watch(ws, CommandExecutionsUpdatedDocument, { targetId: lockId });
    await eventually(() => app.hub.subscriberCount >= 1, 5_000, 'the subscription');
    executions.feedChangesAfter = async () => {
      throw new Error('relation "secret_internal_table" does not exist');
    };
    try {
      const opened = (await send(OpenLockDocument, { lockId })).data!.openLock as { id: string };
      // A change announced without its snapshot (as a NOTIFY too large to
      // carry it is) makes the feed read it: that read fails.
      const notice = { id: opened.id, version: 99, targetId: lockId, requestedBy: 'alice', at: Date.now() };
      await app.store.db.query('SELECT pg_notify($1, $2)', ['execution_changed', JSON.stringify(notice)]);
      const failure = (await probe.error()) as { message: string; extensions?: { code?: string } }[];
      expect(Array.isArray(failure)).toBe(true);
      expect(JSON.stringify(failure)).not.toContain('secret_internal_table');
      expect(failure[0]!.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      executions.feedChangesAfter = feedChangesAfter;
    }
  });

  it("hides one's executions from others, over subscriptions too", async () => {
    const execution = (await send(LockVehicleDocument, { vehicleId: smartcarId })).data!.lockVehicle;
    const bobSocket = wsClient(app.wsUrl, bob);
    try {
      const probe = watch(bobSocket, CommandExecutionUpdatedDocument, { id: execution.id });
      const refused = await probe.next();
      expect(refused.data ?? null).toBeNull();
      expect(refused.errors!.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
      await probe.completed();
    } finally {
      await bobSocket.dispose();
    }
  });

  it("streams the caller's changes with commandExecutionsUpdated, optionally per target", async () => {
    // Compared whole: the id and status alone.
    const all = subscribe<{ commandExecutionsUpdated: { id: string; status: string } }>(
      ws,
      'subscription { commandExecutionsUpdated { id status } }',
    );
    const lockOnly = watch(ws, CommandExecutionsUpdatedDocument, { targetId: lockId });
    const bobSocket = wsClient(app.wsUrl, bob);
    const bobs = watch(bobSocket, CommandExecutionsUpdatedDocument, {});
    try {
      // Give the three subscriptions a moment to be registered on the server.
      await eventually(() => app.hub.subscriberCount >= 3, 5_000, 'subscriptions to register');
      const opened = (await send(OpenLockDocument, { lockId })).data!.openLock;
      const seen = [
        (await all.next()).data!.commandExecutionsUpdated,
        (await all.next()).data!.commandExecutionsUpdated,
      ];
      expect(seen).toEqual([
        { id: opened.id, status: 'PENDING' },
        { id: opened.id, status: 'SUCCESS' },
      ]);
      expect((await lockOnly.next()).data!.commandExecutionsUpdated).toMatchObject({
        id: opened.id,
        target: { id: lockId },
      });
      await expect(bobs.next(500)).rejects.toThrow(/timed out/);
    } finally {
      await all.dispose();
      await lockOnly.dispose();
      await bobSocket.dispose();
    }
    await eventually(() => app.hub.subscriberCount === 0, 5_000, 'subscriptions to be released');
  });
});
