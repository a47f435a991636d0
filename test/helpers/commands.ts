import { LockVehicleDocument, OpenLockDocument } from '../../generated/graphql/graphql.js';
import type { App } from '../../src/app.js';
import { isFinal } from '../../src/domain/status.js';
import type { RunningSimulator } from '../../src/providers/module.js';
import type { ExecutionRecord } from '../../src/store/records.js';
import { data } from './typed-client.js';
import { eventually } from './ws-client.js';

/** The two commands most suites send only to have an execution: sent as `token`'s user; answers the execution. */
export async function lockVehicle(url: string, vehicleId: string, token: string) {
  return (await data(url, LockVehicleDocument, { input: { vehicleId } }, token)).lockVehicle;
}

export async function openLock(url: string, lockId: string, token: string) {
  return (await data(url, OpenLockDocument, { input: { lockId } }, token)).openLock;
}

/** An execution's last stored state, once it is final. */
export async function finalState(app: Pick<App, 'store'>, id: string, timeoutMs = 15_000): Promise<ExecutionRecord> {
  let last: ExecutionRecord | undefined;
  await eventually(
    async () => {
      last = (await app.store.executions.snapshotsSince(id, 0)).at(-1);
      return last !== undefined && isFinal(last.status);
    },
    timeoutMs,
    `execution ${id} to end`,
  );
  return last!;
}

/** An execution's final status and error code (null: none), once it has them. */
export async function finalOutcome(
  app: Pick<App, 'store'>,
  id: string,
): Promise<{ status: string; code: string | null }> {
  const { status, error } = await finalState(app, id);
  return { status, code: error?.code ?? null };
}

/** The command requests (POSTs) a provider's simulator has received: a poll is a GET of its own. */
export function commandRequests(simulator: Pick<RunningSimulator, 'counts'>): number {
  return Object.entries(simulator.counts())
    .filter(([route]) => route.startsWith('POST '))
    .reduce((sum, [, count]) => sum + count, 0);
}
