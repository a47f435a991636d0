import { requireFleetName, requireFleetTargetIds, unknownTargets } from '../domain/access-rules.js';
import { NotFoundError } from '../domain/errors.js';
import { isIdOf, newId } from '../domain/ids.js';
import type { Viewer } from '../domain/viewer.js';
import type { FleetRecord } from '../store/fleet-repository.js';
import type { Page } from '../store/records.js';
import type { Store } from '../store/store.js';
import { existingFleet, requireAdmin } from './registry-service.js';

/**
 * Fleets: named groups of targets that access is granted on. Changing them
 * is for admins; a user sees the fleets they hold a grant on now.
 */
export class FleetService {
  constructor(private readonly store: Pick<Store, 'fleets'>) {}

  async create(viewer: Viewer, name: string): Promise<FleetRecord> {
    requireAdmin(viewer);
    return this.store.fleets.create(newId('fleet'), requireFleetName(name), viewer.userId);
  }

  async rename(viewer: Viewer, fleetId: string, name: string): Promise<FleetRecord> {
    requireAdmin(viewer);
    const valid = requireFleetName(name);
    // The write itself tells whether the fleet exists: no read before it.
    const renamed = isIdOf('fleet', fleetId)
      ? await this.store.fleets.rename(fleetId, valid, viewer.userId)
      : undefined;
    if (!renamed) throw new NotFoundError('fleet');
    return renamed;
  }

  /** Deletes a fleet: the access given through it ends, everywhere. */
  async delete(viewer: Viewer, fleetId: string): Promise<boolean> {
    requireAdmin(viewer);
    if (!isIdOf('fleet', fleetId) || !(await this.store.fleets.delete(fleetId, viewer.userId))) {
      throw new NotFoundError('fleet');
    }
    return true;
  }

  /** Adds targets (1 to 1,000 ids; adding twice is harmless); an unknown id adds none and names none. */
  async add(viewer: Viewer, fleetId: string, targetIds: readonly string[]): Promise<FleetRecord> {
    requireAdmin(viewer);
    const ids = requireFleetTargetIds(targetIds);
    const fleet = await existingFleet(this.store.fleets, fleetId);
    const { unknown, fleetGone } = await this.store.fleets.addTargets(fleet.id, ids, viewer.userId);
    if (unknown.length > 0) throw unknownTargets();
    if (fleetGone) throw new NotFoundError('fleet');
    return fleet;
  }

  /** Removes targets: the access given through the fleet to them ends, everywhere. */
  async remove(viewer: Viewer, fleetId: string, targetIds: readonly string[]): Promise<FleetRecord> {
    requireAdmin(viewer);
    const ids = requireFleetTargetIds(targetIds);
    const fleet = await existingFleet(this.store.fleets, fleetId);
    await this.store.fleets.removeTargets(fleet.id, ids, viewer.userId);
    return fleet;
  }

  list(viewer: Viewer, first: number, afterSeq: string | null): Promise<Page<FleetRecord>> {
    return this.store.fleets.listVisible(viewer, first, afterSeq);
  }
}
