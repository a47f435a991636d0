import { TargetKind } from '../domain/enums.js';
import { ConflictError, NotFoundError, PermissionDeniedError } from '../domain/errors.js';
import { validateGrant, validateRevoke, type GrantRequest, type GrantSubject } from '../domain/access-rules.js';
import { idKindOf, isIdOf, newId } from '../domain/ids.js';
import { validateRegistration, type TargetRegistration } from '../domain/registration.js';
import type { Viewer } from '../domain/viewer.js';
import type { ProviderRegistry } from '../providers/registry.js';
import type { AuditEventRecord, AuditFilter, AuditPosition } from '../store/audit-repository.js';
import type { FleetRecord, FleetRepository } from '../store/fleet-repository.js';
import type { GrantFilter, GrantRecord } from '../store/grant-repository.js';
import type { Page, TargetRecord } from '../store/records.js';
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
    private readonly store: Pick<Store, 'targets' | 'grants' | 'fleets' | 'audit'>,
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

  /** Gives a user a role on a target or a fleet, for a window; the identical grant twice is one grant. */
  async grant(viewer: Viewer, input: GrantRequest): Promise<GrantRecord> {
    requireAdmin(viewer);
    const grant = validateGrant(input);
    await this.existingSubject(grant.subject);
    const stored = await this.store.grants.grant({
      id: newId('grant'),
      userId: grant.userId,
      ...grant.subject,
      role: grant.role,
      validFrom: grant.validFrom,
      validUntil: grant.validUntil,
      reason: grant.reason,
      createdBy: viewer.userId,
    });
    return stored.grant;
  }

  /** Takes every grant of a user on a target or a fleet; false when there was none. */
  async revoke(viewer: Viewer, input: GrantRequest): Promise<boolean> {
    requireAdmin(viewer);
    const { userId, subject } = validateRevoke(input);
    await this.existingSubject(subject);
    return (await this.store.grants.revokeMatching({ userId, ...subject }, viewer.userId)).length > 0;
  }

  /** Takes one grant; false when there was no such grant. */
  async revokeGrant(viewer: Viewer, grantId: string): Promise<boolean> {
    requireAdmin(viewer);
    if (!isIdOf('grant', grantId)) return false;
    return (await this.store.grants.revoke(grantId, viewer.userId)) !== undefined;
  }

  /** The grants matching a filter, newest first. Admin only. */
  async grants(
    viewer: Viewer,
    filter: GrantFilter,
    first: number,
    afterSeq: string | null,
  ): Promise<Page<GrantRecord>> {
    requireAdmin(viewer);
    return this.store.grants.list(filter, first, afterSeq);
  }

  /** The audit trail, newest first. Admin only. */
  async auditEvents(
    viewer: Viewer,
    filter: AuditFilter,
    first: number,
    after: AuditPosition | null,
  ): Promise<Page<AuditEventRecord>> {
    requireAdmin(viewer);
    return this.store.audit.list(filter, first, after);
  }

  private async existingSubject(subject: GrantSubject): Promise<void> {
    if (subject.targetId !== null) await existingTarget(this.store.targets, subject.targetId);
    else await existingFleet(this.store.fleets, subject.fleetId);
  }
}

/** A fleet by id, for admins: NOT_FOUND when there is none. */
export async function existingFleet(fleets: FleetRepository, fleetId: string): Promise<FleetRecord> {
  const fleet = isIdOf('fleet', fleetId) ? await fleets.findById(fleetId) : undefined;
  if (!fleet) throw new NotFoundError('fleet');
  return fleet;
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
