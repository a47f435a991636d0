import { TargetKind } from '../domain/enums.js';
import { ConflictError, NotFoundError, PermissionDeniedError } from '../domain/errors.js';
import { idKindOf } from '../domain/ids.js';
import { validateRegistration, type TargetRegistration } from '../domain/registration.js';
import { requireUserId } from '../domain/validation.js';
import type { Viewer } from '../domain/viewer.js';
import type { ProviderRegistry } from '../providers/registry.js';
import type { TargetRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import { TargetAlreadyRegisteredError, type TargetRepository } from '../store/target-repository.js';

/**
 * The registry of targets and who may command them: the admin mutations.
 * Every method checks the admin role itself, so no caller can forget it.
 */
export type RegisteredListener = (target: TargetRecord) => void;

export class RegistryService {
  /**
   * @param onRegistered told of every newly registered target (the app uses it
   * to introduce targets to the in-process provider simulators).
   */
  constructor(
    private readonly store: Pick<Store, 'targets' | 'grants'>,
    private readonly providers: ProviderRegistry,
    private readonly onRegistered: RegisteredListener = () => {},
  ) {}

  async register(viewer: Viewer, kind: TargetKind, input: TargetRegistration): Promise<TargetRecord> {
    requireAdmin(viewer);
    const registration = validateRegistration(this.providers, kind, input);
    try {
      const target = await this.store.targets.register(registration, viewer.userId);
      this.onRegistered(target);
      return target;
    } catch (error) {
      if (error instanceof TargetAlreadyRegisteredError) {
        throw new ConflictError(
          error.code,
          `${registration.provider} ${registration.externalId} is already registered as ${error.existingId}`,
        );
      }
      throw error;
    }
  }

  async grant(viewer: Viewer, userId: string, targetId: string): Promise<void> {
    requireAdmin(viewer);
    const target = await this.existingTarget(targetId);
    await this.store.grants.grant(target.id, requireUserId('userId', userId), viewer.userId);
  }

  async revoke(viewer: Viewer, userId: string, targetId: string): Promise<boolean> {
    requireAdmin(viewer);
    const target = await this.existingTarget(targetId);
    return this.store.grants.revoke(target.id, requireUserId('userId', userId));
  }

  private existingTarget(targetId: string): Promise<TargetRecord> {
    return existingTarget(this.store.targets, targetId);
  }
}

/** A registered target by id, whoever may see it (for admins): NOT_FOUND otherwise. */
export async function existingTarget(targets: TargetRepository, targetId: string): Promise<TargetRecord> {
  const kind = idKindOf(targetId);
  const target = kind === 'vehicle' || kind === 'lock' ? await targets.findById(targetId) : undefined;
  if (!target) throw new NotFoundError('target');
  return target;
}

export function requireAdmin(viewer: Viewer): void {
  if (!viewer.isAdmin) throw new PermissionDeniedError('this operation requires the admin role');
}
