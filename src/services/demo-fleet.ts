import type { ProviderRegistry } from '../providers/registry.js';
import { viewerFrom } from '../domain/viewer.js';
import type { TargetRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import { RegistryService } from './registry-service.js';

export const DEMO_USER = 'demo-user';
export const DEMO_ADMIN = 'demo-admin';

const SEEDED_KEY = 'demo_fleet_seeded_at';

/**
 * Registers the demo fleet (each provider module's demo target) and grants it to the demo user, once per database:
 * a fresh `npm start` is queryable at once, and an operator who deletes the
 * demo targets does not get them back on the next start.
 */
export async function seedDemoFleet(
  store: Pick<Store, 'targets' | 'meta'>,
  registry: RegistryService,
  providers: ProviderRegistry,
): Promise<TargetRecord[] | undefined> {
  if ((await store.meta.get(SEEDED_KEY)) !== undefined) return undefined;
  const admin = viewerFrom(DEMO_ADMIN, ['admin']);
  // Each step tolerates a previous, interrupted seeding: a target already
  // registered is reused, and granting twice is harmless.
  const targets: TargetRecord[] = [];
  for (const { name, targetKind, demoTarget } of providers.modules) {
    const existing = await store.targets.findByReference(name, demoTarget.externalId);
    targets.push(existing ?? (await registry.register(admin, targetKind, { provider: name, ...demoTarget })));
  }
  for (const target of targets) await registry.grant(admin, { userId: DEMO_USER, targetId: target.id });
  await store.meta.setOnce(SEEDED_KEY, new Date().toISOString());
  return targets;
}
