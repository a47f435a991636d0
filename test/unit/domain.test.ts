import { describe, expect, it } from 'vitest';
import { CommandStatus, CommandType, TargetKind } from '../../src/domain/enums.js';
import { PROVIDERS } from '../../src/providers/registry.js';
import { idKindOf, isIdOf, newId } from '../../src/domain/ids.js';
import { validateRegistration } from '../../src/domain/registration.js';
import { canTransition, isCancelable, isFinal, supersededBy } from '../../src/domain/status.js';
import {
  ValidationError,
  requireOpaqueId,
  requirePageSize,
  requireText,
  requireVin,
} from '../../src/domain/validation.js';

describe('status machine', () => {
  const allowed: [CommandStatus, CommandStatus][] = [
    [CommandStatus.AWAITING_APPROVAL, CommandStatus.AWAITING_CONFIRMATION],
    [CommandStatus.AWAITING_APPROVAL, CommandStatus.CANCELED],
    [CommandStatus.AWAITING_CONFIRMATION, CommandStatus.PENDING],
    [CommandStatus.AWAITING_CONFIRMATION, CommandStatus.QUEUED],
    [CommandStatus.AWAITING_CONFIRMATION, CommandStatus.FAILURE],
    [CommandStatus.AWAITING_CONFIRMATION, CommandStatus.CANCELED],
    [CommandStatus.QUEUED, CommandStatus.PENDING],
    [CommandStatus.QUEUED, CommandStatus.CANCELED],
    [CommandStatus.PENDING, CommandStatus.SUCCESS],
    [CommandStatus.PENDING, CommandStatus.FAILURE],
  ];
  const statuses = Object.values(CommandStatus);

  it.each(statuses.flatMap((from) => statuses.map((to) => [from, to] as const)))('%s → %s', (from, to) => {
    const expected = allowed.some(([a, b]) => a === from && b === to);
    expect(canTransition(from, to)).toBe(expected);
  });

  it('knows the final statuses', () => {
    expect(statuses.filter(isFinal)).toEqual([CommandStatus.SUCCESS, CommandStatus.FAILURE, CommandStatus.CANCELED]);
  });

  it('lets only what has not been sent be canceled', () => {
    expect(statuses.filter(isCancelable)).toEqual([
      CommandStatus.AWAITING_APPROVAL,
      CommandStatus.AWAITING_CONFIRMATION,
      CommandStatus.QUEUED,
    ]);
  });

  it('supersedes only the other half of a pair', () => {
    expect(supersededBy(CommandType.LOCK)).toBe(CommandType.UNLOCK);
    expect(supersededBy(CommandType.UNLOCK)).toBe(CommandType.LOCK);
    expect(supersededBy(CommandType.START_CHARGE)).toBe(CommandType.STOP_CHARGE);
    expect(supersededBy(CommandType.STOP_CHARGE)).toBe(CommandType.START_CHARGE);
    for (const other of [
      CommandType.OPEN_LOCK,
      CommandType.SET_CHARGE_LIMIT,
      CommandType.SET_NAVIGATION_DESTINATION,
      CommandType.ENABLE_IGNITION,
      CommandType.DISABLE_IGNITION,
    ]) {
      expect(supersededBy(other)).toBeUndefined();
    }
  });
});

describe('capabilities', () => {
  it('maps each provider to its target kind and commands', () => {
    expect(PROVIDERS.find('SPKEY')?.targetKind).toBe(TargetKind.LOCK);
    expect(PROVIDERS.find('MOBWAY')?.targetKind).toBe(TargetKind.VEHICLE);
    expect(PROVIDERS.supportedCommands('SPKEY')).toEqual([CommandType.OPEN_LOCK]);
    expect(PROVIDERS.supportsCommand('MOBWAY', CommandType.ENABLE_IGNITION)).toBe(true);
    expect(PROVIDERS.supportsCommand('SMARTCAR', CommandType.ENABLE_IGNITION)).toBe(false);
    expect(PROVIDERS.supportsCommand('SMARTCAR', CommandType.SET_CHARGE_LIMIT)).toBe(true);
    expect(PROVIDERS.supportedCommands('NO_LONGER_REGISTERED')).toEqual([]);
    expect(PROVIDERS.providersFor(TargetKind.VEHICLE)).toEqual(['SMARTCAR', 'MOBWAY']);
  });
});

describe('ids', () => {
  it('carry their kind and reject anything else', () => {
    const id = newId('vehicle');
    expect(id).toMatch(/^veh_[0-9a-f-]{36}$/);
    expect(isIdOf('vehicle', id)).toBe(true);
    expect(isIdOf('lock', id)).toBe(false);
    expect(idKindOf(id)).toBe('vehicle');
    expect(idKindOf('veh_not-a-uuid')).toBeUndefined();
    expect(idKindOf("cex_' OR 1=1 --")).toBeUndefined();
  });
});

describe('input rules', () => {
  it('checks VINs (17 chars, no I/O/Q)', () => {
    expect(requireVin('vin', '6AHFT68CKAF501652')).toBe('6AHFT68CKAF501652');
    for (const bad of ['6AHFT68CKAF50165', '6AHFT68CKAF5016520', '6AHFT68CKAF50165I', '6ahft68ckaf501652']) {
      expect(() => requireVin('vin', bad)).toThrow(ValidationError);
    }
  });

  it('bounds text and refuses blanks and control characters', () => {
    expect(() => requireText('name', '   ', 10)).toThrow(/must not be empty/);
    expect(() => requireText('name', 'x'.repeat(11), 10)).toThrow(/at most 10/);
    expect(() => requireText('name', 'a\u0000b', 10)).toThrow(/control characters/);
    // Length counts code points, not UTF-16 units: ten emoji fit in ten.
    expect(requireText('name', '🚗'.repeat(10), 10)).toHaveLength(20);
  });

  it('takes Smartcar ids as opaque tokens a URL path and a header carry as they are', () => {
    for (const good of ['v_123abc456def', '36ab27d0-fd9d-4455-823a-ce30af709ffc', 'a.b', '..a', '~x']) {
      expect(requireOpaqueId('externalId', good, 128)).toBe(good);
    }
    for (const bad of [
      '',
      '.',
      '..',
      '...',
      'a/b',
      'a\\b',
      '%2e%2e',
      'a?b',
      'a#b',
      'a b',
      'a\u0000',
      'a\r\nb',
      'é',
      'x'.repeat(129),
    ]) {
      expect(() => requireOpaqueId('externalId', bad, 128)).toThrow(ValidationError);
    }
  });

  it('takes SmartphoneKey lock ids as canonical integers', () => {
    const lockId = (externalId: string) =>
      PROVIDERS.require('SPKEY').references({ externalId, providerUserId: null, vin: null }).externalId;
    for (const good of ['0', '7', '123', '999999999999999999']) expect(lockId(good)).toBe(good);
    for (const bad of ['', '01', '-1', '+1', '1.0', '1e3', ' 1', '1234567890123456789', '١٢']) {
      expect(() => lockId(bad)).toThrow(ValidationError);
    }
  });

  it('bounds page sizes', () => {
    expect(requirePageSize(undefined)).toBe(20);
    expect(requirePageSize(100)).toBe(100);
    expect(() => requirePageSize(0)).toThrow(ValidationError);
    expect(() => requirePageSize(101)).toThrow(ValidationError);
  });
});

describe('target registration', () => {
  it('requires sc-user-id for Smartcar', () => {
    expect(() =>
      validateRegistration(PROVIDERS, TargetKind.VEHICLE, { provider: 'SMARTCAR', externalId: 'v_1' }),
    ).toThrow(/providerUserId/);
    expect(
      validateRegistration(PROVIDERS, TargetKind.VEHICLE, {
        provider: 'SMARTCAR',
        externalId: 'v_1',
        providerUserId: 'u_1',
      }),
    ).toMatchObject({ providerUserId: 'u_1', vin: null });
  });

  it('refuses Smartcar ids that could change the provider path or header', () => {
    const smartcar = (externalId: string, providerUserId: string) =>
      validateRegistration(PROVIDERS, TargetKind.VEHICLE, { provider: 'SMARTCAR', externalId, providerUserId });
    expect(() => smartcar('..', 'u_1')).toThrow(/^externalId must be/);
    expect(() => smartcar('v_1', 'u_1\r\nx: y')).toThrow(/^providerUserId must/);
    expect(() => smartcar('v_1', 'u/1')).toThrow(/^providerUserId must be/);
  });

  it('addresses Mobway vehicles by VIN', () => {
    expect(
      validateRegistration(PROVIDERS, TargetKind.VEHICLE, { provider: 'MOBWAY', externalId: '6AHFT68CKAF501652' }),
    ).toMatchObject({ vin: '6AHFT68CKAF501652' });
    expect(() =>
      validateRegistration(PROVIDERS, TargetKind.VEHICLE, { provider: 'MOBWAY', externalId: 'ABC' }),
    ).toThrow(/VIN/);
    expect(() =>
      validateRegistration(PROVIDERS, TargetKind.VEHICLE, {
        provider: 'MOBWAY',
        externalId: '6AHFT68CKAF501652',
        vin: '1HGCM82633A004352',
      }),
    ).toThrow(/must equal externalId/);
  });

  it('keeps locks and vehicles apart', () => {
    expect(() => validateRegistration(PROVIDERS, TargetKind.VEHICLE, { provider: 'SPKEY', externalId: '1' })).toThrow(
      /cannot register a vehicle/,
    );
    expect(() => validateRegistration(PROVIDERS, TargetKind.LOCK, { provider: 'SMARTCAR', externalId: 'v' })).toThrow(
      /cannot register a lock/,
    );
    expect(() => validateRegistration(PROVIDERS, TargetKind.LOCK, { provider: 'SPKEY', externalId: 'front' })).toThrow(
      /numeric/,
    );
  });
});
