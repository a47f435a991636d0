import { AccessRole } from './enums.js';
import { isIdOf } from './ids.js';
import { LIMITS, optionalText, requireText, requireUserId, ValidationError } from './validation.js';

/** A grant as asked for (`GrantAccessInput`), before it is checked. */
export interface GrantRequest {
  userId: string;
  targetId?: string | null;
  fleetId?: string | null;
  role?: AccessRole | null;
  validFrom?: Date | null;
  validUntil?: Date | null;
  reason?: string | null;
}

/** What a grant is on: a target or a fleet, exactly one. */
export type GrantSubject = { targetId: string; fleetId: null } | { targetId: null; fleetId: string };

export interface ValidGrant {
  userId: string;
  subject: GrantSubject;
  role: AccessRole;
  validFrom: Date | null;
  validUntil: Date | null;
  reason: string | null;
}

/** Exactly one of `targetId` / `fleetId`. */
export function requireSubject(input: { targetId?: string | null; fleetId?: string | null }): GrantSubject {
  const targetId = input.targetId ?? null;
  const fleetId = input.fleetId ?? null;
  if ((targetId === null) === (fleetId === null)) {
    throw new ValidationError('targetId', 'give exactly one of targetId and fleetId');
  }
  return targetId !== null ? { targetId, fleetId: null } : { targetId: null, fleetId: fleetId! };
}

/**
 * The rules of a grant: a user id a token could carry, one subject, a role
 * (OPERATOR unless said: today's grant), a window that is not empty and not
 * over already (a grant that can never give anything is a mistake), and a
 * reason within the limits every reason has.
 */
export function validateGrant(input: GrantRequest, now = new Date()): ValidGrant {
  const userId = requireUserId('userId', input.userId);
  const subject = requireSubject(input);
  const validFrom = input.validFrom ?? null;
  const validUntil = input.validUntil ?? null;
  if (validFrom !== null && validUntil !== null && validFrom >= validUntil) {
    throw new ValidationError('validUntil', 'validUntil must be after validFrom');
  }
  if (validUntil !== null && validUntil <= now) {
    throw new ValidationError('validUntil', 'validUntil must be in the future');
  }
  return {
    userId,
    subject,
    role: input.role ?? AccessRole.OPERATOR,
    validFrom,
    validUntil,
    reason: optionalText('reason', input.reason, LIMITS.reasonMaxLength),
  };
}

/**
 * `revokeAccess` keeps its meaning, every grant of that user on that target
 * or fleet, so it takes no role or window: those name one grant, which
 * `revokeGrant` removes.
 */
export function validateRevoke(input: GrantRequest): { userId: string; subject: GrantSubject } {
  for (const field of ['role', 'validFrom', 'validUntil'] as const) {
    if (input[field] !== null && input[field] !== undefined) {
      throw new ValidationError(
        field,
        `revokeAccess removes every grant of the user there: ${field} is not taken (use revokeGrant for one grant)`,
      );
    }
  }
  return { userId: requireUserId('userId', input.userId), subject: requireSubject(input) };
}

export function requireFleetName(name: string): string {
  return requireText('name', name, LIMITS.nameMaxLength);
}

/**
 * The target ids of a fleet change: 1 to 1,000, each once. An id that is not
 * a target id is refused like an unknown one, naming none of them.
 */
export function requireFleetTargetIds(targetIds: readonly string[]): string[] {
  const unique = [...new Set(targetIds)];
  if (unique.length === 0 || unique.length > LIMITS.fleetTargetsPerCall) {
    throw new ValidationError('targetIds', `targetIds must hold 1 to ${LIMITS.fleetTargetsPerCall} ids`);
  }
  if (!unique.every((id) => isIdOf('vehicle', id) || isIdOf('lock', id))) throw unknownTargets();
  return unique;
}

/** Unknown target ids, named by none (a caller learns nothing about which ids exist). */
export function unknownTargets(): ValidationError {
  return new ValidationError('targetIds', 'targetIds holds ids that are not registered targets');
}
