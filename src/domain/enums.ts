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

/** Where an execution stands (src/domain/status.ts holds the machine; docs/architecture.md draws it). */
export enum CommandStatus {
  /** An immobilization that waits for a second person's approval: nothing has been sent. */
  AWAITING_APPROVAL = 'AWAITING_APPROVAL',
  /** An ignition request: the provider issued a code, the user has not sent it back yet. */
  AWAITING_CONFIRMATION = 'AWAITING_CONFIRMATION',
  /** Accepted and stored, not sent: waiting for its turn on the target. */
  QUEUED = 'QUEUED',
  /** Sent: the provider has it, its outcome is not known yet. */
  PENDING = 'PENDING',
  SUCCESS = 'SUCCESS',
  FAILURE = 'FAILURE',
  /** Ended without ever being sent (canceled, superseded, waited too long, access ended). */
  CANCELED = 'CANCELED',
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

/** A user's role on a target or a fleet (docs/architecture.md, "Who may see and command what"). */
export enum AccessRole {
  /** Sees the target and every execution on it; commands nothing. */
  VIEWER = 'VIEWER',
  /** Sees the target and the executions they requested; commands it. */
  OPERATOR = 'OPERATOR',
  /** Both: commands it, sees every execution on it, approves another user's immobilization. */
  SUPERVISOR = 'SUPERVISOR',
}

/** What an audit event records (docs/architecture.md, "The audit trail"). */
export enum AuditAction {
  TARGET_REGISTERED = 'TARGET_REGISTERED',
  FLEET_CREATED = 'FLEET_CREATED',
  FLEET_CHANGED = 'FLEET_CHANGED',
  FLEET_DELETED = 'FLEET_DELETED',
  ACCESS_GRANTED = 'ACCESS_GRANTED',
  ACCESS_REVOKED = 'ACCESS_REVOKED',
  ACCESS_EXPIRED = 'ACCESS_EXPIRED',
  COMMAND_REQUESTED = 'COMMAND_REQUESTED',
  COMMAND_APPROVED = 'COMMAND_APPROVED',
  COMMAND_REJECTED = 'COMMAND_REJECTED',
  APPROVAL_EXPIRED = 'APPROVAL_EXPIRED',
  COMMAND_CONFIRMED = 'COMMAND_CONFIRMED',
  COMMAND_SENT = 'COMMAND_SENT',
  COMMAND_SUCCEEDED = 'COMMAND_SUCCEEDED',
  COMMAND_FAILED = 'COMMAND_FAILED',
  COMMAND_OUTCOME_UNKNOWN = 'COMMAND_OUTCOME_UNKNOWN',
  COMMAND_CANCELED = 'COMMAND_CANCELED',
  COMMAND_SUPERSEDED = 'COMMAND_SUPERSEDED',
  BATCH_REQUESTED = 'BATCH_REQUESTED',
  BATCH_CANCELED = 'BATCH_CANCELED',
}
