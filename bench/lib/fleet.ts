import { signToken } from '../../src/auth/token-signer.js';
import { getJson } from './gql.js';
import type { Harness } from './harness.js';
import { grantAccess, registerTarget } from './operations.js';
import type { AppProc } from './processes.js';

/** The one user every command and subscription of the bench is sent as. */
const USER = 'bench-user';
/** The SmartphoneKey simulator's lock and the Mobway simulator's vehicle: the first of each. */
export const LOCK_EXTERNAL_ID = '123';
const VIN = '6AHFT68CKAF501652';

/** How many targets of each kind a scenario needs (default one each). */
export interface FleetSize {
  /**
   * Commands to one target are sent one at a time (the queue): a scenario that
   * measures commands in parallel sends each of its concurrent clients to a
   * target of its own, as a fleet's users do.
   */
  locks?: number;
  vehicles?: number;
}

/** The targets registered on one database, and the user's token. */
export interface Fleet {
  /** The first lock and vehicle. */
  lockId: string;
  mobwayId: string;
  lockIds: string[];
  mobwayIds: string[];
  /** The bench user's token. */
  user: string;
}

/** The `i`-th lock's SmartphoneKey id and vehicle's VIN (no I, O or Q). */
const lockExternalId = (i: number) => (i === 0 ? LOCK_EXTERNAL_ID : String(900_000 + i));
const vin = (i: number) => (i === 0 ? VIN : `BENCHCAR${String(i).padStart(9, '0')}`);

/**
 * Registers the locks and vehicles with an admin token, grants them to the
 * bench user, and introduces them to the standalone simulators (as the
 * providers know their own targets).
 */
export async function registerFleet(
  app: AppProc,
  harness: Pick<Harness, 'secret' | 'simulators'>,
  size: FleetSize = {},
): Promise<Fleet> {
  const key = new TextEncoder().encode(harness.secret);
  const admin = await signToken(key, { sub: 'bench-admin', roles: ['admin'], expiresIn: '2h' });
  const user = await signToken(key, { sub: USER, expiresIn: '2h' });
  const locks = Array.from({ length: Math.max(1, size.locks ?? 1) }, (_, i) => lockExternalId(i));
  const vins = Array.from({ length: Math.max(1, size.vehicles ?? 1) }, (_, i) => vin(i));
  await introduce(harness.simulators.SPKEY_BASE_URL, locks);
  await introduce(harness.simulators.MOBWAY_BASE_URL, vins);
  const register = async (kind: 'lock' | 'vehicle', provider: string, externalId: string) => {
    const id = await registerTarget(app, admin, kind, { provider, externalId, name: `bench ${kind} ${externalId}` });
    await grantAccess(app, admin, USER, id);
    return id;
  };
  const lockIds = await inBatches(locks, (externalId) => register('lock', 'SPKEY', externalId));
  const mobwayIds = await inBatches(vins, (externalId) => register('vehicle', 'MOBWAY', externalId));
  return { lockId: lockIds[0]!, mobwayId: mobwayIds[0]!, lockIds, mobwayIds, user };
}

async function introduce(simulatorUrl: string, externalIds: string[]): Promise<void> {
  await getJson(`${simulatorUrl}/__sim/introduce`, 'POST', {
    targets: externalIds.map((externalId) => ({ externalId })),
  });
}

/** `work` over `items`, 16 at a time, answers in order. */
async function inBatches<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += 16) results.push(...(await Promise.all(items.slice(i, i + 16).map(work))));
  return results;
}
