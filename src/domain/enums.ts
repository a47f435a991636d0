/** A provider's name, as stored with each target: one of the provider registry's (`src/providers/registry.ts`). */
export type Provider = string;

/** What a caller can ask a target to do, whatever the provider behind it. */
export enum CommandType {
  LOCK = 'LOCK',
  UNLOCK = 'UNLOCK',
  OPEN_LOCK = 'OPEN_LOCK',
  START_CHARGE = 'START_CHARGE',
  STOP_CHARGE = 'STOP_CHARGE',
  SET_CHARGE_LIMIT = 'SET_CHARGE_LIMIT',
  SET_NAVIGATION_DESTINATION = 'SET_NAVIGATION_DESTINATION',
  ENABLE_IGNITION = 'ENABLE_IGNITION',
  DISABLE_IGNITION = 'DISABLE_IGNITION',
}

export enum CommandStatus {
  AWAITING_CONFIRMATION = 'AWAITING_CONFIRMATION',
  PENDING = 'PENDING',
  SUCCESS = 'SUCCESS',
  FAILURE = 'FAILURE',
}

export enum ExecutionMode {
  SYNC = 'SYNC',
  ASYNC = 'ASYNC',
}

/** A target is either a vehicle or a smart lock; both live in one registry. */
export enum TargetKind {
  VEHICLE = 'VEHICLE',
  LOCK = 'LOCK',
}
