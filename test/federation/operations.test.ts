import { simulated } from '../helpers/simulated-providers.js';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as generated from '../../generated/graphql/graphql.js';
import {
  CancelCommandExecutionDocument,
  CommandExecutionDocument,
  CommandExecutionsDocument,
  CommandExecutionChangesDocument,
  CommandExecutionsUpdatedDocument,
  CommandExecutionUpdatedDocument,
  ConfirmIgnitionDocument,
  GrantAccessDocument,
  LockDocument,
  LocksDocument,
  LockVehicleDocument,
  OpenLockDocument,
  RegisterLockDocument,
  RegisterVehicleDocument,
  RequestIgnitionDocument,
  RevokeAccessDocument,
  SetChargeLimitDocument,
  SimulateProviderDocument,
  SetNavigationDestinationDocument,
  StartChargingDocument,
  StopChargingDocument,
  UnlockVehicleDocument,
  VehicleDocument,
  VehiclesDocument,
  type CommandStatus,
  type ExecutionFieldsFragment,
} from '../../generated/graphql/graphql.js';
import { FAST_ENGINE, startTestApp, type TestApp } from '../helpers/test-app.js';
import { wsClient } from '../helpers/ws-client.js';
import { data, operationName, run, watch } from '../helpers/typed-client.js';

type Variables = Record<string, unknown>;

/** Every operation document the client preset generated (fragments excluded). */
const GENERATED_OPERATIONS = Object.entries(generated)
  .filter(([name]) => name.endsWith('Document'))
  .map(([, document]) => operationName(document as TypedDocumentNode<unknown, Variables>))
  .sort();

describe('the contract operations in schema/operations, run through their generated typed documents', () => {
  let app: TestApp;
  let admin: string;
  let alice: string;
  let ws: Client;
  let smartcarId: string;
  let mobwayId: string;
  let lockId: string;
  const used = new Set<string>();

  /** Runs a document as alice (or `token`) and records that it ran. */
  const op = <TResult, TVariables extends Variables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
    token = alice,
  ) => {
    used.add(operationName(document));
    return data(app.url, document, variables, token);
  };
  const follow = <TResult, TVariables extends Variables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
  ) => {
    used.add(operationName(document));
    return watch(ws, document, variables);
  };
  const statuses = (execution: ExecutionFieldsFragment): CommandStatus[] => execution.history.map((h) => h.status);

  beforeAll(async () => {
    app = await startTestApp({ kind: 'memory' }, { ...FAST_ENGINE, CONFIRMATION_TTL_MS: '60000' });
    // Long enough for a subscriber to attach before the outcome lands.
    simulated(app).mobway.configure({ completionDelayMs: 1_000 });
    admin = await app.token({ sub: 'ops', roles: ['admin'] });
    alice = await app.token({ sub: 'alice' });
    ws = wsClient(app.wsUrl, alice);
  });
  afterAll(async () => {
    await ws?.dispose();
    await app?.dispose();
  });

  it('registers and grants targets (admin operations)', async () => {
    smartcarId = (
      await op(
        RegisterVehicleDocument,
        { input: { provider: 'SMARTCAR', externalId: 'v_ops0001', providerUserId: 'user_ops', name: 'EV' } },
        admin,
      )
    ).registerVehicle.id;
    const mobway = await op(
      RegisterVehicleDocument,
      { input: { provider: 'MOBWAY', externalId: '6AHFT68CKAF501652' } },
      admin,
    );
    expect(mobway.registerVehicle).toMatchObject({
      provider: 'MOBWAY',
      vin: '6AHFT68CKAF501652',
      supportedCommands: expect.arrayContaining(['ENABLE_IGNITION']),
    });
    mobwayId = mobway.registerVehicle.id;
    lockId = (await op(RegisterLockDocument, { input: { provider: 'SPKEY', externalId: '123', name: 'Door' } }, admin))
      .registerLock.id;
    for (const targetId of [smartcarId, mobwayId, lockId]) {
      expect((await op(GrantAccessDocument, { input: { userId: 'alice', targetId } }, admin)).grantAccess).toBe(true);
    }
  });

  it('reads targets', async () => {
    const vehicles = await op(VehiclesDocument, { first: 10 });
    expect(vehicles.vehicles.edges.map((e) => e.node.id).sort()).toEqual([smartcarId, mobwayId].sort());
    expect((await op(VehicleDocument, { id: smartcarId })).vehicle).toMatchObject({
      id: smartcarId,
      name: 'EV',
      provider: 'SMARTCAR',
    });
    expect((await op(LocksDocument, {})).locks.edges.map((e) => e.node.id)).toEqual([lockId]);
    expect((await op(LockDocument, { id: lockId })).lock).toMatchObject({
      id: lockId,
      supportedCommands: ['OPEN_LOCK'],
    });
  });

  it('runs every Smartcar command and opens the lock', async () => {
    const vehicleId = smartcarId;
    const answers = [
      (await op(LockVehicleDocument, { input: { vehicleId } })).lockVehicle,
      (await op(UnlockVehicleDocument, { input: { vehicleId } })).unlockVehicle,
      (await op(StartChargingDocument, { input: { vehicleId } })).startCharging,
      (await op(StopChargingDocument, { input: { vehicleId } })).stopCharging,
      (await op(SetChargeLimitDocument, { input: { vehicleId, percent: 80 } })).setChargeLimit,
      (await op(SetNavigationDestinationDocument, { input: { vehicleId, latitude: 52.52, longitude: 13.405 } }))
        .setNavigationDestination,
      (await op(OpenLockDocument, { input: { lockId, reason: 'operations test' } })).openLock,
    ];
    expect(answers.map((e) => [e.commandType, e.status])).toEqual([
      ['LOCK', 'SUCCESS'],
      ['UNLOCK', 'SUCCESS'],
      ['START_CHARGE', 'SUCCESS'],
      ['STOP_CHARGE', 'SUCCESS'],
      ['SET_CHARGE_LIMIT', 'SUCCESS'],
      ['SET_NAVIGATION_DESTINATION', 'SUCCESS'],
      ['OPEN_LOCK', 'SUCCESS'],
    ]);
  });

  it('follows a Mobway lock live: PENDING, then SUCCESS, then completes', async () => {
    const targetFeed = follow(CommandExecutionsUpdatedDocument, { targetId: mobwayId });
    const changes = follow(CommandExecutionChangesDocument, { targetId: mobwayId });
    const { lockVehicle } = await op(LockVehicleDocument, {
      input: { vehicleId: mobwayId, idempotencyKey: 'ops-mobway-lock' },
    });
    expect(lockVehicle.status).toBe('PENDING');
    const probe = follow(CommandExecutionUpdatedDocument, { id: lockVehicle.id });
    const seen: CommandStatus[] = [];
    for (;;) {
      const message = await probe.next();
      seen.push(message.data!.commandExecutionUpdated.status);
      if (seen.at(-1) !== 'PENDING') break;
    }
    await probe.completed();
    expect(seen).toEqual(['PENDING', 'SUCCESS']);
    const fromFeed = (await targetFeed.next()).data!.commandExecutionsUpdated;
    expect(fromFeed).toMatchObject({ id: lockVehicle.id, target: { id: mobwayId } });
    await targetFeed.dispose();
    const change = (await changes.next()).data!.commandExecutionChanges;
    expect(change.execution).toMatchObject({ id: lockVehicle.id, version: 1, target: { id: mobwayId } });
    expect(change.cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    await changes.dispose();
  });

  it('requests and confirms an ignition change', async () => {
    const { requestIgnition } = await op(RequestIgnitionDocument, { input: { vehicleId: mobwayId, enable: true } });
    expect(requestIgnition.status).toBe('AWAITING_CONFIRMATION');
    const code = requestIgnition.confirmation?.code;
    expect(code).toMatch(/^\d{6}$/);
    const { confirmIgnition } = await op(ConfirmIgnitionDocument, {
      input: { executionId: requestIgnition.id, code: code! },
    });
    expect(confirmIgnition).toMatchObject({
      id: requestIgnition.id,
      commandType: 'ENABLE_IGNITION',
      status: 'PENDING',
    });
  });

  it('queues a command behind the one in flight, and takes it back before it is sent', async () => {
    const { unlockVehicle } = await op(UnlockVehicleDocument, { input: { vehicleId: mobwayId } });
    expect(unlockVehicle).toMatchObject({ status: 'QUEUED', isFinal: false, cancelable: true });
    const { cancelCommandExecution } = await op(CancelCommandExecutionDocument, {
      input: { executionId: unlockVehicle.id, reason: 'operations test' },
    });
    expect(cancelCommandExecution).toMatchObject({
      status: 'CANCELED',
      isFinal: true,
      cancelable: false,
      error: { code: 'CANCELED_BY_USER' },
    });
    expect(statuses(cancelCommandExecution)).toEqual(['QUEUED', 'CANCELED']);
  });

  it('reads executions back', async () => {
    const list = await op(CommandExecutionsDocument, { filter: { targetId: mobwayId, commandType: 'LOCK' }, first: 5 });
    expect(list.commandExecutions.edges).toHaveLength(1);
    const id = list.commandExecutions.edges[0]!.node.id;
    const { commandExecution } = await op(CommandExecutionDocument, { id });
    expect(statuses(commandExecution!)).toEqual(['PENDING', 'SUCCESS']);
  });

  it("plays a provider behavior in the sandbox: the lock's next opening fails as its module says", async () => {
    const input = { targetId: lockId, behavior: 'OFFLINE' as const };
    expect((await op(SimulateProviderDocument, { input }, admin)).simulateProvider).toBe(true);
    const { openLock } = await op(OpenLockDocument, { input: { lockId } });
    expect(openLock).toMatchObject({ status: 'FAILURE', error: { code: 'SHADOW_UPDATE_FAILED' } });
  });

  it('revokes access', async () => {
    expect((await op(RevokeAccessDocument, { input: { userId: 'alice', targetId: lockId } }, admin)).revokeAccess).toBe(
      true,
    );
    expect((await op(LocksDocument, {})).locks.edges).toEqual([]);
  });

  it('manages fleets and grants, reads the audit trail (admin operations), and refuses a decision on nothing', async () => {
    const { createFleet } = await op(generated.CreateFleetDocument, { input: { name: 'Depot' } }, admin);
    const fleetId = createFleet.id;
    const added = await op(generated.AddToFleetDocument, { input: { fleetId, targetIds: [smartcarId] } }, admin);
    expect(added.addToFleet.targets.edges.map((e) => e.node.id)).toEqual([smartcarId]);
    const renamed = await op(generated.RenameFleetDocument, { input: { fleetId, name: 'Depot North' } }, admin);
    expect(renamed.renameFleet.name).toBe('Depot North');
    const given = await op(GrantAccessDocument, { input: { userId: 'bob', fleetId, role: 'VIEWER' } }, admin);
    expect(given.grantAccess).toBe(true);
    const bob = await app.token({ sub: 'bob' });
    expect((await op(generated.FleetsDocument, {}, bob)).fleets.edges.map((e) => e.node.id)).toEqual([fleetId]);
    expect((await op(generated.FleetDocument, { id: fleetId }, bob)).fleet?.name).toBe('Depot North');
    const { grants } = await op(generated.GrantsDocument, { fleetId }, admin);
    expect(grants.edges.map((e) => [e.node.userId, e.node.role, e.node.fleet?.id])).toEqual([
      ['bob', 'VIEWER', fleetId],
    ]);
    const revoked = await op(generated.RevokeGrantDocument, { input: { grantId: grants.edges[0]!.node.id } }, admin);
    expect(revoked.revokeGrant).toBe(true);
    const removed = await op(generated.RemoveFromFleetDocument, { input: { fleetId, targetIds: [smartcarId] } }, admin);
    expect(removed.removeFromFleet.targets.edges).toEqual([]);
    const { auditEvents } = await op(generated.AuditEventsDocument, { fleetId, first: 20 }, admin);
    expect(auditEvents.edges.map((e) => e.node.action).reverse()).toEqual([
      'FLEET_CREATED',
      'FLEET_CHANGED',
      'FLEET_CHANGED',
      'ACCESS_GRANTED',
      'ACCESS_REVOKED',
      'FLEET_CHANGED',
    ]);
    expect((await op(generated.DeleteFleetDocument, { input: { fleetId } }, admin)).deleteFleet).toBe(true);

    // Nothing awaits approval here (the policy is `none`): a decision on an execution is refused, coded.
    const [anyExecution] = (await op(CommandExecutionsDocument, { first: 1 })).commandExecutions.edges;
    const input = { input: { executionId: anyExecution!.node.id } };
    used.add(operationName(generated.ApproveCommandDocument)).add(operationName(generated.RejectCommandDocument));
    const approved = await run(app.url, generated.ApproveCommandDocument, input, admin);
    const rejected = await run(app.url, generated.RejectCommandDocument, input, admin);
    for (const answer of [approved, rejected]) {
      expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(['APPROVAL_NOT_PENDING']);
    }
  });

  it('ran every generated operation', () => {
    expect(GENERATED_OPERATIONS.length).toBeGreaterThan(0);
    expect([...used].sort()).toEqual(GENERATED_OPERATIONS);
  });
});
