import { Provider, TargetKind } from '../domain/enums.js';
import { viewerFrom } from '../domain/viewer.js';
import type { TargetRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import { RegistryService } from './registry-service.js';

export const DEMO_USER = 'demo-user';
export const DEMO_ADMIN = 'demo-admin';

/** One target per provider; the app introduces registered targets to the built-in simulators. */
export const DEMO_FLEET = {
  smartcarVehicle: {
    provider: Provider.SMARTCAR,
    externalId: 'v_demo0smartcar01',
    providerUserId: 'user_demo0001',
    name: 'Demo Smartcar EV',
  },
  mobwayVehicle: {
    provider: Provider.MOBWAY,
    externalId: '6AHFT68CKAF501652',
    name: 'Demo Mobway pickup',
  },
  spkeyLock: {
    provider: Provider.SPKEY,
    externalId: '123',
    name: 'Demo front door',
  },
} as const;

const SEEDED_KEY = 'demo_fleet_seeded_at';

/**
 * Registers the demo fleet and grants it to the demo user, once per database:
 * a fresh `npm start` is queryable at once, and an operator who deletes the
 * demo targets does not get them back on the next start.
 */
export async function seedDemoFleet(store: Store, registry: RegistryService): Promise<TargetRecord[] | undefined> {
  if ((await store.meta.get(SEEDED_KEY)) !== undefined) return undefined;
  const admin = viewerFrom(DEMO_ADMIN, ['admin']);
  // Each step tolerates a previous, interrupted seeding: a target already
  // registered is reused, and granting twice is harmless.
  const registerOrReuse = async (kind: TargetKind, input: (typeof DEMO_FLEET)[keyof typeof DEMO_FLEET]) => {
    const existing = await store.targets.findByReference(input.provider, input.externalId);
    return existing ?? registry.register(admin, kind, input);
  };
  const targets = [
    await registerOrReuse(TargetKind.VEHICLE, DEMO_FLEET.smartcarVehicle),
    await registerOrReuse(TargetKind.VEHICLE, DEMO_FLEET.mobwayVehicle),
    await registerOrReuse(TargetKind.LOCK, DEMO_FLEET.spkeyLock),
  ];
  for (const target of targets) await registry.grant(admin, DEMO_USER, target.id);
  await store.meta.setOnce(SEEDED_KEY, new Date().toISOString());
  return targets;
}
