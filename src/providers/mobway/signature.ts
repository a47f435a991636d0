import { createHmac } from 'node:crypto';

/**
 * The body Mobway signs, serialised exactly like Python's
 * `json.dumps(data, separators=(",", ":"), sort_keys=True)`: keys sorted, no
 * spaces, and non-ASCII escaped as `\uXXXX` (Python's default `ensure_ascii`).
 */
export function canonicalMobwayJson(value: Readonly<Record<string, string>>): string {
  const sorted = Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${JSON.stringify(value[key])}`);
  return `{${sorted.join(',')}}`.replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** `X-Signature`: hex HMAC-SHA256 over exactly `{command, vin}` — the confirmation `code` is never signed. */
export function mobwaySignature(signSecret: string, payload: { command: string; vin: string }): string {
  const body = canonicalMobwayJson({ command: payload.command, vin: payload.vin });
  return createHmac('sha256', signSecret).update(body, 'utf8').digest('hex');
}
