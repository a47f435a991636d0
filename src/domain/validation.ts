/**
 * A rule broken by caller input. The GraphQL layer turns it into a
 * `BAD_USER_INPUT` error naming the field; nothing is written before all
 * rules pass.
 */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export const LIMITS = {
  nameMaxLength: 120,
  externalIdMaxLength: 128,
  userIdMaxLength: 256,
  idempotencyKeyMaxLength: 128,
  reasonMaxLength: 500,
  pageSizeMax: 100,
  pageSizeDefault: 20,
  fleetTargetsPerCall: 1_000,
} as const;

/**
 * A string that is present, not blank, within `max` characters and free of
 * control characters: C0, DEL and C1 (U+0080–U+009F, which holds NEL U+0085),
 * and the line and paragraph separators U+2028/U+2029. Every one of them
 * breaks a line, or hides, in some log viewer or client; none belongs in a
 * name, a reason or a user id.
 */
export function requireText(field: string, value: string, max: number): string {
  if (value.trim().length === 0) throw new ValidationError(field, `${field} must not be empty`);
  if ([...value].length > max) throw new ValidationError(field, `${field} must be at most ${max} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value)) {
    throw new ValidationError(field, `${field} must not contain control characters`);
  }
  // Bidirectional overrides make text display differently from what it is
  // ("Trojan Source"): a name shown to another user must read as it is stored.
  if (/[\u202a-\u202e\u2066-\u2069]/.test(value)) {
    throw new ValidationError(field, `${field} must not contain bidirectional control characters`);
  }
  // A lone surrogate is not text; it breaks clients that re-encode it.
  if (!value.isWellFormed()) throw new ValidationError(field, `${field} must be well-formed Unicode`);
  return value;
}

/**
 * A user id: the token's `sub` and the `userId` of a grant follow this one
 * rule, so that any user a token can name can be granted access, and no grant
 * names a user no token could be.
 */
export function requireUserId(field: string, value: string): string {
  return requireText(field, value, LIMITS.userIdMaxLength);
}

export function optionalText(field: string, value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null;
  return requireText(field, value, max);
}

/** ISO 3779 VIN: 17 characters, digits and capital letters except I, O and Q. */
export function requireVin(field: string, value: string): string {
  if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(value)) {
    throw new ValidationError(field, `${field} must be a 17-character VIN (digits and capital letters except I, O, Q)`);
  }
  return value;
}

/**
 * An opaque provider id (a vehicle id, a user id) that travels in a URL path
 * and a header. We accept what a path segment
 * carries as it is (RFC 3986 unreserved: letters, digits, `-`, `.`, `_`,
 * `~`), but never a segment of dots only (`.`, `..` would move the path up):
 * no `/`, `%`, `?`, `#`, spaces or control characters can reach the provider.
 */
export function requireOpaqueId(field: string, value: string, max: number): string {
  if (!/^[A-Za-z0-9._~-]+$/.test(value) || /^\.+$/.test(value) || value.length > max) {
    throw new ValidationError(
      field,
      `${field} must be 1-${max} letters, digits, "-", "_", "." or "~" (and not dots only)`,
    );
  }
  return value;
}

export function requirePageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return LIMITS.pageSizeDefault;
  if (!Number.isInteger(first) || first < 1 || first > LIMITS.pageSizeMax) {
    throw new ValidationError('first', `first must be between 1 and ${LIMITS.pageSizeMax}`);
  }
  return first;
}
