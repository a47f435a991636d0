import { LockVehicleDocument, OpenLockDocument } from '../../generated/graphql/graphql.js';
import { data } from './typed-client.js';

/** The two commands most suites send only to have an execution: sent as `token`'s user; answers the execution. */
export async function lockVehicle(url: string, vehicleId: string, token: string) {
  return (await data(url, LockVehicleDocument, { input: { vehicleId } }, token)).lockVehicle;
}

export async function openLock(url: string, lockId: string, token: string) {
  return (await data(url, OpenLockDocument, { input: { lockId } }, token)).openLock;
}
