import {
  GrantAccessDocument,
  RegisterLockDocument,
  RegisterVehicleDocument,
  RevokeAccessDocument,
  type RegisterLockInput,
  type RegisterVehicleInput,
} from '../../generated/graphql/graphql.js';
import { data } from './typed-client.js';

/**
 * An admin at the registry, through the public operations: registers targets,
 * grants and revokes them. Any error fails the test at once.
 */
export function registry(url: string, adminToken: string) {
  const grant = async (userId: string, targetId: string) =>
    (await data(url, GrantAccessDocument, { input: { userId, targetId } }, adminToken)).grantAccess;
  const revoke = async (userId: string, targetId: string) =>
    (await data(url, RevokeAccessDocument, { input: { userId, targetId } }, adminToken)).revokeAccess;
  return {
    grant,
    revoke,
    /** Registers a vehicle, grants it to `grantees`; answers its id. */
    async vehicle(input: RegisterVehicleInput, ...grantees: string[]): Promise<string> {
      const { id } = (await data(url, RegisterVehicleDocument, { input }, adminToken)).registerVehicle;
      for (const userId of grantees) await grant(userId, id);
      return id;
    },
    /** Registers a lock, grants it to `grantees`; answers its id. */
    async lock(input: RegisterLockInput, ...grantees: string[]): Promise<string> {
      const { id } = (await data(url, RegisterLockDocument, { input }, adminToken)).registerLock;
      for (const userId of grantees) await grant(userId, id);
      return id;
    },
  };
}

/** The registry of a test app, as its admin `ops`. */
export async function appRegistry(app: {
  url: string;
  token(claims: { sub: string; roles?: string[] }): Promise<string>;
}) {
  return registry(app.url, await app.token({ sub: 'ops', roles: ['admin'] }));
}
