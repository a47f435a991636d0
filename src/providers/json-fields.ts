import { unexpectedResponse } from './http.js';

/**
 * Readers for untrusted provider JSON. The `require*` readers throw a
 * `PROVIDER_UNEXPECTED_RESPONSE` error naming the field, which the clients turn
 * into an `unknown` outcome; the plain readers return `undefined` instead.
 */

export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

export function stringField(object: JsonObject | undefined, key: string): string | undefined {
  const value = object?.[key];
  return typeof value === 'string' ? value : undefined;
}

export function requireObject(value: unknown, field: string): JsonObject {
  const object = asObject(value);
  if (object === undefined) throw unexpectedResponse(`response field "${field}" is missing or not an object`);
  return object;
}

export function requireString(object: JsonObject, key: string, field: string = key): string {
  const value = object[key];
  if (typeof value !== 'string' || value === '') {
    throw unexpectedResponse(`response field "${field}" is missing or not a non-empty string`);
  }
  return value;
}

export function requireBoolean(object: JsonObject, key: string, field: string = key): boolean {
  const value = object[key];
  if (typeof value !== 'boolean') throw unexpectedResponse(`response field "${field}" is missing or not a boolean`);
  return value;
}

export function requireOneOf<T extends string>(
  object: JsonObject,
  key: string,
  allowed: readonly T[],
  field: string = key,
): T {
  const value = object[key];
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw unexpectedResponse(`response field "${field}" is not one of ${allowed.join(', ')}`);
  }
  return value as T;
}

/** An ISO-8601 timestamp, or null when absent or unreadable (times are informative, never decisive). */
export function isoDateOrNull(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function integerOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : null;
}
