import { randomUUID } from 'node:crypto';
import {
  CancelCommandExecutionDocument,
  CommandExecutionUpdatedDocument,
  ConfirmIgnitionDocument,
  LocksDocument,
  LockVehicleDocument,
  OpenLockDocument,
  RequestIgnitionDocument,
  UnlockVehicleDocument,
  VehiclesDocument,
  type CommandStatus,
  type ExecutionFieldsFragment,
  type LocksQuery,
  type VehiclesQuery,
} from '../../generated/graphql/graphql.js';
import type { ApiClient } from './api.js';

export type Print = (line: string) => void;
export type Vehicle = VehiclesQuery['vehicles']['edges'][number]['node'];
export type Lock = LocksQuery['locks']['edges'][number]['node'];

const describe = (e: Pick<ExecutionFieldsFragment, 'status' | 'version' | 'providerStatus' | 'error'>): string =>
  `status ${e.status} (version ${e.version}${e.providerStatus ? `, provider says ${e.providerStatus}` : ''})${e.error ? ` error ${e.error.code}: ${e.error.title ?? e.error.detail ?? ''}` : ''}`;

/** The caller's vehicles and locks, printed as a list. */
export async function listTargets(api: ApiClient, print: Print): Promise<{ vehicles: Vehicle[]; locks: Lock[] }> {
  const [{ vehicles }, { locks }] = await Promise.all([api.request(VehiclesDocument, { first: 50 }), api.request(LocksDocument, { first: 50 })]);
  const vehicleNodes = vehicles.edges.map((e) => e.node);
  const lockNodes = locks.edges.map((e) => e.node);
  print(`Your vehicles (${vehicleNodes.length}):`);
  for (const v of vehicleNodes) print(`  - ${v.name ?? v.id} [${v.provider}] ${v.id} — ${v.supportedCommands.join(', ')}`);
  print(`Your locks (${lockNodes.length}):`);
  for (const l of lockNodes) print(`  - ${l.name ?? l.id} [${l.provider}] ${l.id} — ${l.supportedCommands.join(', ')}`);
  return { vehicles: vehicleNodes, locks: lockNodes };
}

/**
 * Follows one execution over graphql-ws and prints each status as it arrives;
 * `onUpdate` may act on an update (e.g. confirm an ignition). Ends when the
 * server completes the subscription, after a final status.
 */
export async function follow(
  api: ApiClient,
  id: string,
  print: Print,
  onUpdate: (execution: ExecutionFieldsFragment) => Promise<void> = async () => {},
): Promise<CommandStatus> {
  let last: CommandStatus | undefined;
  for await (const { commandExecutionUpdated: execution } of api.watch(CommandExecutionUpdatedDocument, { id })) {
    print(`  live: ${describe(execution)}`);
    last = execution.status;
    await onUpdate(execution);
  }
  if (!last) throw new Error(`the subscription for ${id} ended without a status`);
  print(`  final: ${last}`);
  return last;
}

/** Locks a vehicle the way a phone app does: send, show the first answer, then watch it live. */
export async function lockVehicle(api: ApiClient, vehicle: Vehicle, print: Print): Promise<CommandStatus> {
  print(`\n▶ Lock ${vehicle.name ?? vehicle.id} (${vehicle.provider})`);
  const { lockVehicle: execution } = await api.request(LockVehicleDocument, { input: { vehicleId: vehicle.id, idempotencyKey: `example-${randomUUID()}` } });
  print(`  lockVehicle answered ${execution.status} — execution ${execution.id}`);
  return follow(api, execution.id, print);
}

/**
 * Commands to one vehicle are sent one at a time, in order: an unlock sent
 * while the lock is still in flight waits QUEUED, and — not sent yet — can
 * still be taken back. Answers the lock's final status.
 */
export async function changeOfMind(api: ApiClient, vehicle: Vehicle, print: Print): Promise<CommandStatus> {
  print(`\n▶ Lock ${vehicle.name ?? vehicle.id}, unlock at once, then think better of the unlock`);
  const { lockVehicle: lock } = await api.request(LockVehicleDocument, { input: { vehicleId: vehicle.id } });
  print(`  lockVehicle answered ${lock.status} — execution ${lock.id}`);
  const { unlockVehicle: unlock } = await api.request(UnlockVehicleDocument, { input: { vehicleId: vehicle.id } });
  print(`  unlockVehicle answered ${unlock.status} (cancelable: ${unlock.cancelable}) — execution ${unlock.id}`);
  if (unlock.cancelable) {
    const { cancelCommandExecution: canceled } = await api.request(CancelCommandExecutionDocument, {
      input: { executionId: unlock.id, reason: 'changed my mind' },
    });
    print(`  cancelCommandExecution answered ${canceled.status} (isFinal: ${canceled.isFinal}) error ${canceled.error?.code}`);
  } else {
    print('  the unlock was sent already: it cannot be taken back');
  }
  return follow(api, lock.id, print);
}

/** Opens a smart lock and watches the outcome. */
export async function openLock(api: ApiClient, lock: Lock, print: Print): Promise<CommandStatus> {
  print(`\n▶ Open ${lock.name ?? lock.id} (${lock.provider})`);
  const { openLock: execution } = await api.request(OpenLockDocument, {
    input: { lockId: lock.id, reason: 'example client', idempotencyKey: `example-${randomUUID()}` },
  });
  print(`  openLock answered ${execution.status} — execution ${execution.id}`);
  return follow(api, execution.id, print);
}

/**
 * Ignition in two steps: request → the provider's warning and code arrive (on
 * the answer, or live on the subscription) → the user confirms → watched to the end.
 */
export async function changeIgnition(api: ApiClient, vehicle: Vehicle, enable: boolean, print: Print): Promise<CommandStatus> {
  print(`\n▶ ${enable ? 'Enable' : 'Disable'} ignition of ${vehicle.name ?? vehicle.id}`);
  print('  step 1: requestIgnition');
  const { requestIgnition: requested } = await api.request(RequestIgnitionDocument, {
    // A reason is kept with the execution and in the audit trail (and required to cut an engine
    // when IMMOBILIZATION_APPROVAL=second-person: it then waits AWAITING_APPROVAL for another user).
    input: { vehicleId: vehicle.id, enable, idempotencyKey: `example-${randomUUID()}`, reason: 'example client' },
  });
  print(`  requestIgnition answered ${requested.status} — execution ${requested.id}`);
  if (requested.status === 'AWAITING_APPROVAL') {
    print(`  it waits for a second person's approveCommand until ${requested.approvalExpiresAt}`);
    return requested.status;
  }
  let confirmed = false;
  return follow(api, requested.id, print, async (execution) => {
    if (confirmed || execution.status !== 'AWAITING_CONFIRMATION' || !execution.confirmation) return;
    confirmed = true;
    const { code, message, expiresAt } = execution.confirmation;
    // Shown to the requester only: anyone else who sees the execution gets null.
    if (code === null || code === undefined) throw new Error('the confirmation code is shown to its requester only');
    print(`  step 2: the provider asks the user to confirm, valid until ${expiresAt}:`);
    print(`    “${message}”`);
    print(`  step 3: the user confirms with code ${code}: confirmIgnition`);
    const { confirmIgnition } = await api.request(ConfirmIgnitionDocument, { input: { executionId: execution.id, code } });
    print(`  confirmIgnition answered ${confirmIgnition.status}`);
  });
}
