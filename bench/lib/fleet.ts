import { signToken } from '../../src/auth/token-signer.js';
import { grantAccess, registerTarget } from './operations.js';
import type { AppProc } from './processes.js';

/** The one user every command and subscription of the bench is sent as. */
const USER = 'bench-user';
/** The SmartphoneKey simulator's lock and the Mobway simulator's vehicle. */
export const LOCK_EXTERNAL_ID = '123';
const VIN = '6AHFT68CKAF501652';

/** The targets registered on one database, and the user's token. */
export interface Fleet {
  lockId: string;
  mobwayId: string;
  /** The bench user's token. */
  user: string;
}

/** Registers the lock and the vehicle with an admin token and grants both to the bench user. */
export async function registerFleet(app: AppProc, secret: string): Promise<Fleet> {
  const key = new TextEncoder().encode(secret);
  const admin = await signToken(key, { sub: 'bench-admin', roles: ['admin'], expiresIn: '2h' });
  const user = await signToken(key, { sub: USER, expiresIn: '2h' });
  const lockId = await registerTarget(app, admin, 'lock', {
    provider: 'SPKEY',
    externalId: LOCK_EXTERNAL_ID,
    name: 'bench lock',
  });
  const mobwayId = await registerTarget(app, admin, 'vehicle', {
    provider: 'MOBWAY',
    externalId: VIN,
    name: 'bench vehicle',
  });
  for (const targetId of [lockId, mobwayId]) await grantAccess(app, admin, USER, targetId);
  return { lockId, mobwayId, user };
}
