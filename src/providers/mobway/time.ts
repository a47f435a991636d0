/**
 * Mobway writes times as `YYYY-MM-DD HH:MM:SS` in UTC-3 with no zone marker,
 * while our GraphQL API speaks UTC ISO-8601 only. These convert both ways; Brazil has had no daylight saving
 * since 2019, so the offset is fixed.
 */

const MOBWAY_OFFSET_HOURS = -3;
const MOBWAY_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

export class InvalidMobwayTimeError extends Error {
  override readonly name = 'InvalidMobwayTimeError';
  readonly code = 'INVALID_MOBWAY_TIME';
  constructor(readonly text: string) {
    super(`not a Mobway time (YYYY-MM-DD HH:MM:SS): ${JSON.stringify(text.slice(0, 40))}`);
  }
}

/** "2023-02-14 09:51:48" (UTC-3) → 2023-02-14T12:51:48Z. Throws `InvalidMobwayTimeError` on anything else. */
export function mobwayTimeToUtc(text: string): Date {
  const match = MOBWAY_TIME.exec(text);
  if (match === null) throw new InvalidMobwayTimeError(text);
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const wallClock = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wallClock);
  // Date.UTC rolls over (Feb 30 → Mar 2); a real calendar time reads back unchanged.
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    check.getUTCHours() !== hour ||
    check.getUTCMinutes() !== minute ||
    check.getUTCSeconds() !== second
  ) {
    throw new InvalidMobwayTimeError(text);
  }
  return new Date(wallClock - MOBWAY_OFFSET_HOURS * 3_600_000);
}

export function mobwayTimeToUtcOrNull(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  try {
    return mobwayTimeToUtc(value);
  } catch {
    return null;
  }
}

/** A UTC instant as Mobway writes it (the simulator's side). */
export function utcToMobwayTime(date: Date): string {
  return new Date(date.getTime() + MOBWAY_OFFSET_HOURS * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}
