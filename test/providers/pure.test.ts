import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseRetryAfter, pathSegment } from '../../src/providers/http.js';
import { mobwayError, MOBWAY_DETAILS } from '../../src/providers/mobway/errors.js';
import { canonicalMobwayJson, mobwaySignature } from '../../src/providers/mobway/signature.js';
import { InvalidMobwayTimeError, mobwayTimeToUtc, utcToMobwayTime } from '../../src/providers/mobway/time.js';
import { REDACTED, redactSecrets } from '../../src/providers/outcome.js';

describe('Mobway X-Signature', () => {
  const secret = 'YOUR_SIGN_SECRET_PROVIDED_BY_MOBWAY';
  const handWritten = '{"command":"lock_door","vin":"6AHFT68CKAF501652"}';

  it('is the hex HMAC-SHA256 of the compact key-sorted {command, vin}', () => {
    const independent = createHmac('sha256', secret).update(handWritten).digest('hex');
    expect(mobwaySignature(secret, { vin: '6AHFT68CKAF501652', command: 'lock_door' })).toBe(independent);
    // Computed once with the document's own Python snippet.
    expect(independent).toBe('9562f896f35c49c9f1bc1f2c39c9511d4db585f03381662b5a14bb93c34d29ea');
  });

  it('never signs the confirmation code', () => {
    const withCode = { vin: '6AHFT68CKAF501652', command: 'lock_door', code: '123456' };
    expect(mobwaySignature(secret, withCode)).toBe(createHmac('sha256', secret).update(handWritten).digest('hex'));
  });

  it('serialises like Python json.dumps(sort_keys=True, separators=(",", ":"))', () => {
    expect(canonicalMobwayJson({ vin: 'V', command: 'c' })).toBe('{"command":"c","vin":"V"}');
    expect(canonicalMobwayJson({ vin: 'Ç', command: 'x' })).toBe('{"command":"x","vin":"\\u00c7"}');
    expect(canonicalMobwayJson({ vin: 'a"b', command: 'x' })).toBe('{"command":"x","vin":"a\\"b"}');
  });
});

describe('Mobway times (UTC-3, no zone marker)', () => {
  it('converts the document example to UTC', () => {
    expect(mobwayTimeToUtc('2023-02-14 09:51:48').toISOString()).toBe('2023-02-14T12:51:48.000Z');
  });

  it('crosses midnight and year ends', () => {
    expect(mobwayTimeToUtc('2023-12-31 22:30:00').toISOString()).toBe('2024-01-01T01:30:00.000Z');
  });

  it('round-trips with the formatter the simulator uses', () => {
    const instant = new Date('2024-03-01T02:03:04.000Z');
    expect(utcToMobwayTime(instant)).toBe('2024-02-29 23:03:04');
    expect(mobwayTimeToUtc(utcToMobwayTime(instant))).toEqual(instant);
  });

  it.each([
    '2023-02-14T09:51:48',
    '2023-02-14 09:51',
    '2023-02-30 10:00:00',
    '2023-13-01 10:00:00',
    '2023-02-14 24:00:00',
    '2023-02-14 09:51:48Z',
    ' 2023-02-14 09:51:48',
    '',
  ])('rejects %j', (text) => {
    expect(() => mobwayTimeToUtc(text)).toThrow(InvalidMobwayTimeError);
  });
});

describe('Mobway detail texts', () => {
  it.each([
    [MOBWAY_DETAILS.SIGNATURE_INVALID, 'SIGNATURE_INVALID'],
    [MOBWAY_DETAILS.SIGN_SECRET_NOT_FOUND, 'SIGN_SECRET_NOT_FOUND'],
    [MOBWAY_DETAILS.VIN_NOT_FOUND, 'VIN_NOT_FOUND'],
    [MOBWAY_DETAILS.COMMAND_NOT_AVAILABLE, 'COMMAND_NOT_AVAILABLE'],
    [MOBWAY_DETAILS.OEM_SEND_FAILED, 'OEM_SEND_FAILED'],
    [MOBWAY_DETAILS.OEM_INITIATE_FAILED, 'OEM_INITIATE_FAILED'],
    [MOBWAY_DETAILS.CONFIRMATION_INVALID, 'CONFIRMATION_INVALID'],
    [MOBWAY_DETAILS.CONFIRMATION_ALREADY_USED, 'CONFIRMATION_ALREADY_USED'],
    [MOBWAY_DETAILS.INVALID_VIN, 'INVALID_VIN'],
    [MOBWAY_DETAILS.INVALID_COMMAND, 'INVALID_COMMAND'],
    ['x-signature invalid', 'SIGNATURE_INVALID'],
    ['Confirmation already used.', 'CONFIRMATION_ALREADY_USED'],
  ])('%j → %s', (detail, code) => {
    expect(mobwayError(detail, 400)).toMatchObject({ code, detail });
  });

  it('keeps an undocumented text under PROVIDER_ERROR', () => {
    expect(mobwayError('Vehicle offline', 400)).toMatchObject({ code: 'PROVIDER_ERROR', detail: 'Vehicle offline', retryable: false });
  });

  it('falls back to the HTTP status without a detail, and for 401/403/429 texts', () => {
    expect(mobwayError(undefined, 401)).toMatchObject({ code: 'UNAUTHORIZED', type: 'AUTHENTICATION' });
    expect(mobwayError('Invalid token', 401)).toMatchObject({ code: 'UNAUTHORIZED', detail: 'Invalid token' });
    expect(mobwayError(undefined, 503)).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    expect(mobwayError(undefined, 429, 7)).toMatchObject({ code: 'RATE_LIMITED', retryable: true, retryAfterSeconds: 7 });
  });

  it('retries only a send that never reached the OEM', () => {
    expect(mobwayError(MOBWAY_DETAILS.OEM_SEND_FAILED, 502).retryable).toBe(true);
    expect(mobwayError(MOBWAY_DETAILS.OEM_INITIATE_FAILED, 200).retryable).toBe(false);
  });
});

describe('retry-after', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('60')).toBe(60);
    expect(parseRetryAfter(['5'])).toBe(5);
    const now = Date.parse('2024-01-01T12:00:00Z');
    expect(parseRetryAfter('Mon, 01 Jan 2024 12:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter('Mon, 01 Jan 2024 11:00:00 GMT', now)).toBe(0);
  });

  it('is null when absent or unreadable', () => {
    expect(parseRetryAfter(undefined)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
  });
});

describe('redactSecrets', () => {
  it('scrubs nested strings and leaves dates and numbers alone', () => {
    const when = new Date();
    const value = { a: 'token=abc123 and abc123', list: ['abc123'], when, n: 1, none: null };
    expect(redactSecrets(value, ['abc123', ''])).toEqual({
      a: `token=${REDACTED} and ${REDACTED}`,
      list: [REDACTED],
      when,
      n: 1,
      none: null,
    });
  });
});

describe('pathSegment', () => {
  it('keeps a stored id from changing the path it goes into', () => {
    expect(pathSegment('v_123abc456def')).toBe('v_123abc456def');
    expect(pathSegment('a/../b')).toBe('a%2F..%2Fb');
    expect(pathSegment('a?b#c')).toBe('a%3Fb%23c');
    for (const moving of ['', '.', '..', '...']) {
      expect(() => pathSegment(moving)).toThrow(expect.objectContaining({ code: 'PROVIDER_INVALID_REFERENCE', requestSent: false }));
    }
  });
});
