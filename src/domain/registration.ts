import { TargetKind, type Provider } from './enums.js';
import { LIMITS, ValidationError, optionalText, requireText, requireVin } from './validation.js';
import type { ProviderRegistry } from '../providers/registry.js';

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
 * The text rules every registration follows, then the provider's own: which
 * references its targets need and their shape (its module's `references`).
 */
export function validateRegistration(
  providers: ProviderRegistry,
  kind: TargetKind,
  input: TargetRegistration,
): ValidTargetRegistration {
  const module = providers.require(input.provider);
  if (module.targetKind !== kind) {
    const what = kind === TargetKind.VEHICLE ? 'a vehicle' : 'a lock';
    throw new ValidationError('provider', `${input.provider} cannot register ${what}`);
  }
  const externalId = requireText('externalId', input.externalId, LIMITS.externalIdMaxLength);
  const name = optionalText('name', input.name, LIMITS.nameMaxLength);
  const providerUserId = optionalText('providerUserId', input.providerUserId, LIMITS.externalIdMaxLength);
  const vin = input.vin === null || input.vin === undefined ? null : requireVin('vin', input.vin);
  const references = module.references({ externalId, providerUserId, vin });
  return { kind, provider: module.name, ...references, name };
}
