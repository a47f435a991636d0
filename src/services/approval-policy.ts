import { ConfigError, type ImmobilizationApproval } from '../config.js';
import type { MetaRepository } from '../store/meta-repository.js';

const POLICY_KEY = 'immobilization_approval';

/**
 * Records the immobilization policy in the database the first time, and
 * refuses to start a replica whose setting differs: two replicas with two
 * policies would let an engine be cut without the second person through
 * whichever one is asked.
 */
export async function recordApprovalPolicy(meta: MetaRepository, policy: ImmobilizationApproval): Promise<void> {
  await meta.setOnce(POLICY_KEY, policy);
  const recorded = await meta.get(POLICY_KEY);
  if (recorded !== policy) {
    throw new ConfigError(
      'IMMOBILIZATION_APPROVAL',
      `is "${policy}" here but "${recorded}" in the database: every replica must have the same policy ` +
        `(change it in app_meta, key ${POLICY_KEY}, with every replica stopped)`,
    );
  }
}
