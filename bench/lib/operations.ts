import type { Pool } from 'undici';
import { gqlData } from './gql.js';
import type { AppProc } from './processes.js';

/** The app's operations the bench sends itself (openLock is sent by the commands load generator). */
const OPERATIONS = {
  registerVehicle: 'mutation($input: RegisterVehicleInput!) { registerVehicle(input: $input) { id } }',
  registerLock: 'mutation($input: RegisterLockInput!) { registerLock(input: $input) { id } }',
  grant: 'mutation($input: GrantAccessInput!) { grantAccess(input: $input) }',
  lockVehicle: 'mutation($input: VehicleCommandInput!) { lockVehicle(input: $input) { id status version executedAt } }',
  requestIgnition:
    'mutation($input: RequestIgnitionInput!) ' +
    '{ requestIgnition(input: $input) { id status version confirmation { code } } }',
  confirmIgnition: 'mutation($input: ConfirmIgnitionInput!) { confirmIgnition(input: $input) { id status version } }',
  history: 'query($id: ID!) { commandExecution(id: $id) { id status version history { version status at } } }',
};

/** One execution watched: its initial state, then every change until it is final. */
export const WATCH_EXECUTION = {
  query: 'subscription($id: ID!) { commandExecutionUpdated(id: $id) { id status version } }',
  field: 'commandExecutionUpdated',
};
/** Every execution of one target. */
export const WATCH_TARGET = {
  query: 'subscription($targetId: ID) { commandExecutionsUpdated(targetId: $targetId) { id status version } }',
  field: 'commandExecutionsUpdated',
};

export async function registerTarget(
  app: AppProc,
  adminToken: string,
  kind: 'lock' | 'vehicle',
  input: { provider: string; externalId: string; name: string },
): Promise<string> {
  const field = kind === 'lock' ? 'registerLock' : 'registerVehicle';
  const data = await gqlData<Record<typeof field, { id: string }>>(app.url, OPERATIONS[field], { input }, adminToken);
  return data[field].id;
}

export async function grantAccess(app: AppProc, adminToken: string, userId: string, targetId: string): Promise<void> {
  await gqlData(app.url, OPERATIONS.grant, { input: { userId, targetId } }, adminToken);
}

export interface LockVehicleAnswer {
  id: string;
  status: string;
  version: number;
  executedAt: string;
}

export async function lockVehicle(
  app: AppProc,
  token: string,
  vehicleId: string,
  pool?: Pool,
): Promise<LockVehicleAnswer> {
  const options = pool ? { dispatcher: pool } : {};
  const data = await gqlData<{ lockVehicle: LockVehicleAnswer }>(
    app.url,
    OPERATIONS.lockVehicle,
    { input: { vehicleId } },
    token,
    options,
  );
  return data.lockVehicle;
}

/** An ignition request, waiting for its confirmation code. */
export async function requestIgnition(
  app: AppProc,
  token: string,
  vehicleId: string,
): Promise<{ id: string; code: string }> {
  const data = await gqlData<{ requestIgnition: { id: string; confirmation: { code: string } } }>(
    app.url,
    OPERATIONS.requestIgnition,
    { input: { vehicleId, enable: true } },
    token,
  );
  return { id: data.requestIgnition.id, code: data.requestIgnition.confirmation.code };
}

export async function confirmIgnition(
  app: AppProc,
  token: string,
  pending: { id: string; code: string },
): Promise<void> {
  await gqlData(app.url, OPERATIONS.confirmIgnition, { input: { executionId: pending.id, code: pending.code } }, token);
}

export async function executionHistory(
  app: AppProc,
  token: string,
  id: string,
  pool: Pool,
): Promise<{ version: number; at: string }[]> {
  const data = await gqlData<{ commandExecution: { history: { version: number; at: string }[] } }>(
    app.url,
    OPERATIONS.history,
    { id },
    token,
    { dispatcher: pool },
  );
  return data.commandExecution.history;
}
