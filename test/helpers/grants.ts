import { AccessRole } from '../../src/domain/enums.js';
import { newId } from '../../src/domain/ids.js';
import type { Store } from '../../src/store/store.js';

/** An OPERATOR grant of a target, stored directly (for tests below the GraphQL layer). */
export async function grantTo(store: Pick<Store, 'grants'>, targetId: string, userId: string): Promise<void> {
  await store.grants.grant({
    id: newId('grant'),
    userId,
    targetId,
    fleetId: null,
    role: AccessRole.OPERATOR,
    validFrom: null,
    validUntil: null,
    reason: null,
    createdBy: 'ops',
  });
}
