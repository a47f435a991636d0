import type { ProviderRegistry } from '../providers/registry.js';
import { CommandType, type Provider } from './enums.js';
import { LIMITS, ValidationError, optionalText } from './validation.js';

/** The parameters a command carries, already validated (what `CommandExecution.parameters` shows). */
export type CommandParameters =
  Record<string, never> | { percent: number } | { latitude: number; longitude: number } | { reason: string | null };

/**
 * The target's provider must run the command; otherwise say what it can do.
 * A provider no longer registered is not judged here: its client refuses the
 * command with PROVIDER_NOT_CONFIGURED, as a disabled provider's does.
 */
export function requireSupported(providers: ProviderRegistry, provider: Provider, command: CommandType): void {
  if (providers.find(provider) === undefined) return;
  if (!providers.supportsCommand(provider, command)) {
    const supported = providers.supportedCommands(provider);
    throw new ValidationError(
      'commandType',
      `${provider} targets do not support ${command}; supported: ${supported.length ? supported.join(', ') : 'none'}`,
    );
  }
}

/** The documented range for a charge limit (50-100 %, the only range its providers accept). */
export function requirePercent(percent: number): { percent: number } {
  if (!Number.isInteger(percent) || percent < 50 || percent > 100) {
    throw new ValidationError('percent', 'percent must be an integer from 50 to 100');
  }
  return { percent };
}

export function requireCoordinates(latitude: number, longitude: number): { latitude: number; longitude: number } {
  if (!Number.isFinite(latitude) || latitude < -90 || latitude > 90) {
    throw new ValidationError('latitude', 'latitude must be between -90 and 90');
  }
  if (!Number.isFinite(longitude) || longitude < -180 || longitude > 180) {
    throw new ValidationError('longitude', 'longitude must be between -180 and 180');
  }
  return { latitude, longitude };
}

export function requireReason(reason: string | null | undefined): { reason: string | null } {
  return { reason: optionalText('reason', reason, LIMITS.reasonMaxLength) };
}

export function optionalIdempotencyKey(key: string | null | undefined): string | null {
  if (key === null || key === undefined) return null;
  if (!/^[\x21-\x7e]{1,128}$/.test(key)) {
    throw new ValidationError(
      'idempotencyKey',
      `idempotencyKey must be 1 to ${LIMITS.idempotencyKeyMaxLength} visible ASCII characters ` +
        '(a UUID is a good choice)',
    );
  }
  return key;
}

/** Confirmation codes of two-step commands are six digits, as the providers that ask for them send them. */
export function requireConfirmationCode(code: string): string {
  if (!/^\d{6}$/.test(code)) throw new ValidationError('code', 'code must be the 6-digit confirmation code');
  return code;
}

export function ignitionCommand(enable: boolean): CommandType {
  return enable ? CommandType.ENABLE_IGNITION : CommandType.DISABLE_IGNITION;
}

export function isIgnition(command: CommandType): boolean {
  return command === CommandType.ENABLE_IGNITION || command === CommandType.DISABLE_IGNITION;
}

/** Wrong confirmation codes allowed before the execution is locked. */
export const MAX_CONFIRMATION_ATTEMPTS = 5;
