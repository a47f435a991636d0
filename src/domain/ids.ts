import { randomUUID } from 'node:crypto';
import { TargetKind } from './enums.js';

/**
 * Our public ids carry their kind as a prefix (`veh_`, `lck_`, `cex_`, `flt_`, `grt_`), so a
 * malformed or foreign id is recognised without a database round trip and
 * `targetId` arguments tell a vehicle from a lock.
 */
export const ID_PREFIX = {
  vehicle: 'veh_',
  lock: 'lck_',
  execution: 'cex_',
  fleet: 'flt_',
  grant: 'grt_',
} as const;

export type IdKind = keyof typeof ID_PREFIX;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function newId(kind: IdKind): string {
  return ID_PREFIX[kind] + randomUUID();
}

export function isIdOf(kind: IdKind, value: string): boolean {
  const prefix = ID_PREFIX[kind];
  return value.startsWith(prefix) && UUID.test(value.slice(prefix.length));
}

/** The id kind of a target kind: also the word errors use for it ("vehicle not found"). */
export function targetIdKind(kind: TargetKind): 'vehicle' | 'lock' {
  return kind === TargetKind.VEHICLE ? 'vehicle' : 'lock';
}

export function idKindOf(value: string): IdKind | undefined {
  return (Object.keys(ID_PREFIX) as IdKind[]).find((k) => isIdOf(k, value));
}
