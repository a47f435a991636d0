import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, laterPosition, replayOrder } from '../../src/live/change-cursor.js';
import { ValidationError } from '../../src/domain/validation.js';

const change = (xid: bigint, executionId: string, version: number) => ({ xid, executionId, version, value: null });

describe('feed cursors', () => {
  it('round-trip a position, and are opaque URL-safe text', () => {
    const position = { watermark: 18_446_744_073_709_551_615n, at: 1_765_000_000_000 };
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, position.at)).toEqual(position);
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'a+b/c='],
    ['another shape', Buffer.from('c2.1.2').toString('base64url')],
    ['a watermark beyond 64 bits', Buffer.from(`c1.${2n ** 64n}.1`).toString('base64url')],
    ['issued in the future', encodeCursor({ watermark: 5n, at: Date.now() + 3_600_000 })],
    ['too long', 'A'.repeat(65)],
  ])('refuses a cursor that is %s with a ValidationError on `after`', (_name, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(ValidationError);
  });

  it('the later position is the one with the higher watermark', () => {
    const a = { watermark: 10n, at: 1 };
    const b = { watermark: 12n, at: 0 };
    expect(laterPosition(a, b)).toBe(b);
    expect(laterPosition(b, a)).toBe(b);
    expect(laterPosition(a, undefined)).toBe(a);
  });

  it('at the same watermark, the later position is the one established later (its cursor is younger)', () => {
    const older = { watermark: 10n, at: 1_000 };
    const younger = { watermark: 10n, at: 2_000 };
    expect(laterPosition(older, younger)).toBe(younger);
    expect(laterPosition(younger, older)).toBe(younger);
  });
});

describe('the order of a replay', () => {
  it('gives each change the lowest transaction id still to come, capped by the horizon', () => {
    const ordered = replayOrder(
      [change(5n, 'a', 1), change(7n, 'b', 1), change(7n, 'a', 2), change(9n, 'b', 2)],
      8n,
      42,
    );
    expect(ordered.map(({ change: c }) => `${c.executionId}${c.version}`)).toEqual(['a1', 'b1', 'a2', 'b2']);
    expect(ordered.map(({ position }) => position.watermark)).toEqual([7n, 7n, 8n, 8n]);
    expect(ordered.every(({ position }) => position.at === 42)).toBe(true);
  });

  it("delivers one execution's versions in version order even when a later version has the smaller id", () => {
    // Version 3 took its transaction id before it waited for version 2 to commit.
    const ordered = replayOrder([change(4n, 'a', 3), change(5n, 'b', 1), change(6n, 'a', 2)], 10n, 0);
    expect(ordered.map(({ change: c }) => `${c.executionId}${c.version}`)).toEqual(['a2', 'b1', 'a3']);
    // Positions never go back, and never pass a change still to come.
    expect(ordered.map(({ position }) => position.watermark)).toEqual([4n, 4n, 10n]);
  });

  it('an empty replay has nothing to order', () => {
    expect(replayOrder([], 3n, 0)).toEqual([]);
  });
});
