import { targetKindOf } from './capabilities.js';
import { Provider, TargetKind } from './enums.js';
import {
  LIMITS,
  ValidationError,
  optionalText,
  requireNumericId,
  requireOpaqueId,
  requireText,
  requireVin,
} from './validation.js';

export interface TargetRegistration {
  provider: Provider;
  externalId: string;
  providerUserId?: string | null;
  vin?: string | null;
  name?: string | null;
}

export interface ValidTargetRegistration {
  kind: TargetKind;
  provider: Provider;
  externalId: string;
  providerUserId: string | null;
  vin: string | null;
  name: string | null;
}

/**
 * The provider references each target needs: Smartcar needs its
 * vehicle id and the `sc-user-id`; Mobway addresses vehicles by VIN; spkey by
 * a numeric lock id.
 */
export function validateRegistration(kind: TargetKind, input: TargetRegistration): ValidTargetRegistration {
  if (targetKindOf(input.provider) !== kind) {
    const what = kind === TargetKind.VEHICLE ? 'a vehicle' : 'a lock';
    throw new ValidationError('provider', `${input.provider} cannot register ${what}`);
  }
  const externalId = requireText('externalId', input.externalId, LIMITS.externalIdMaxLength);
  const name = optionalText('name', input.name, LIMITS.nameMaxLength);
  const providerUserId = optionalText('providerUserId', input.providerUserId, LIMITS.externalIdMaxLength);
  let vin = input.vin === null || input.vin === undefined ? null : requireVin('vin', input.vin);

  switch (input.provider) {
    case Provider.SMARTCAR:
      if (providerUserId === null) {
        throw new ValidationError(
          'providerUserId',
          'providerUserId (the Smartcar sc-user-id) is required for SMARTCAR',
        );
      }
      requireOpaqueId('externalId', externalId, LIMITS.externalIdMaxLength);
      requireOpaqueId('providerUserId', providerUserId, LIMITS.externalIdMaxLength);
      break;
    case Provider.MOBWAY:
      requireVin('externalId', externalId);
      if (vin !== null && vin !== externalId) {
        throw new ValidationError('vin', 'vin must equal externalId for MOBWAY (Mobway addresses vehicles by VIN)');
      }
      vin = externalId;
      if (providerUserId !== null) {
        throw new ValidationError('providerUserId', 'providerUserId applies to SMARTCAR only');
      }
      break;
    case Provider.SPKEY:
      requireNumericId('externalId', externalId);
      if (vin !== null) throw new ValidationError('vin', 'a lock has no VIN');
      break;
  }
  return { kind, provider: input.provider, externalId, providerUserId, vin, name };
}
