/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar. */
  DateTime: { input: string; output: string; }
  /** The `JSON` scalar type represents JSON values as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSON: { input: unknown; output: unknown; }
};

/** One command sent to one target, whatever the provider: the one place that says what happened. */
export type CommandExecution = {
  __typename?: 'CommandExecution';
  id: Scalars['ID']['output'];
  commandType: CommandType;
  status: CommandStatus;
  executionMode?: Maybe<ExecutionMode>;
  provider: Provider;
  target: CommandTarget;
  /** Starts at 1 and grows by one on every transition. */
  version: Scalars['Int']['output'];
  error?: Maybe<CommandError>;
  confirmation?: Maybe<IgnitionConfirmation>;
  parameters?: Maybe<Scalars['JSON']['output']>;
  providerExecutionId?: Maybe<Scalars['String']['output']>;
  /** The provider's raw status word. */
  providerStatus?: Maybe<Scalars['String']['output']>;
  /** The user (JWT sub) who sent it. */
  requestedBy: Scalars['String']['output'];
  requestedAt: Scalars['DateTime']['output'];
  /** Why the requester asked, if they said. */
  reason?: Maybe<Scalars['String']['output']>;
  /** An immobilization awaiting approval: when it ends CANCELED/APPROVAL_EXPIRED if nobody approves it. */
  approvalExpiresAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who approved it (the second person), if it was approved. */
  approvedBy?: Maybe<Scalars['String']['output']>;
  approvedAt?: Maybe<Scalars['DateTime']['output']>;
  /** The reason the approver gave. */
  approvalReason?: Maybe<Scalars['String']['output']>;
  executedAt?: Maybe<Scalars['DateTime']['output']>;
  completedAt?: Maybe<Scalars['DateTime']['output']>;
  durationSeconds?: Maybe<Scalars['Int']['output']>;
  history: Array<StatusTransition>;
  /** Whether it has ended (SUCCESS, FAILURE, CANCELED): nothing about it changes any more. */
  isFinal: Scalars['Boolean']['output'];
  /** Whether cancelCommandExecution may still end it: it has not been sent (QUEUED, AWAITING_CONFIRMATION). */
  cancelable: Scalars['Boolean']['output'];
};

/** What a command asks a target to do. */
export type CommandType =
  | 'LOCK'
  | 'UNLOCK'
  | 'OPEN_LOCK'
  | 'START_CHARGE'
  | 'STOP_CHARGE'
  | 'SET_CHARGE_LIMIT'
  | 'SET_NAVIGATION_DESTINATION'
  | 'ENABLE_IGNITION'
  | 'DISABLE_IGNITION';

/** QUEUED → PENDING → SUCCESS | FAILURE. A command accepted while another to the same target is in flight waits QUEUED and is sent in turn; one never sent ends CANCELED (error: QUEUE_TIMEOUT, SUPERSEDED, ACCESS_ENDED, CANCELED_BY_USER, REJECTED, APPROVAL_EXPIRED). An ignition request starts AWAITING_CONFIRMATION → PENDING or QUEUED, and may also end FAILURE or CANCELED; with the second-person policy, an immobilization starts AWAITING_APPROVAL → AWAITING_CONFIRMATION, or CANCELED. No other transition exists; more statuses may come: decide with CommandExecution.isFinal and cancelable. */
export type CommandStatus =
  | 'AWAITING_APPROVAL'
  | 'AWAITING_CONFIRMATION'
  | 'QUEUED'
  | 'PENDING'
  | 'SUCCESS'
  | 'FAILURE'
  | 'CANCELED';

/** How the provider ran the command. */
export type ExecutionMode =
  | 'SYNC'
  | 'ASYNC';

/** The provider that executes commands for a target. */
export type Provider =
  /** Smartcar: connected vehicles, by Smartcar vehicle id and the sc-user-id who granted access. */
  | 'SMARTCAR'
  /** Mobway: vehicles by VIN; ignition commands wait for a confirmation code. */
  | 'MOBWAY'
  /** SmartphoneKey: smart locks, by numeric lock id; opening is answered at once. */
  | 'SPKEY';

export type CommandTarget = {
  id: Scalars['ID']['output'];
  provider: Provider;
  name?: Maybe<Scalars['String']['output']>;
  /** The commands its provider can run. */
  supportedCommands: Array<CommandType>;
  /** The caller's executions on this target, newest first. */
  executions: CommandExecutionConnection;
};


export type CommandTargetExecutionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type CommandExecutionConnection = {
  __typename?: 'CommandExecutionConnection';
  edges: Array<CommandExecutionEdge>;
  pageInfo: PageInfo;
};

export type CommandExecutionEdge = {
  __typename?: 'CommandExecutionEdge';
  cursor: Scalars['String']['output'];
  node: CommandExecution;
};

/** Relay-style page information; lists are newest first. */
export type PageInfo = {
  __typename?: 'PageInfo';
  hasNextPage: Scalars['Boolean']['output'];
  /** Pass as `after` to get the next page. */
  endCursor?: Maybe<Scalars['String']['output']>;
};

/** Why an execution failed, in one shape whatever the provider. */
export type CommandError = {
  __typename?: 'CommandError';
  /** Stable machine code, e.g. ASLEEP, SIGNATURE_INVALID, TIMEOUT, OUTCOME_UNKNOWN. */
  code: Scalars['String']['output'];
  /** Category, e.g. VEHICLE_STATE, RATE_LIMIT, PROVIDER, ENGINE. */
  type: Scalars['String']['output'];
  title?: Maybe<Scalars['String']['output']>;
  detail?: Maybe<Scalars['String']['output']>;
  /** Whether sending the same command again later may succeed. */
  retryable: Scalars['Boolean']['output'];
  retryAfterSeconds?: Maybe<Scalars['Int']['output']>;
  resolution?: Maybe<Scalars['String']['output']>;
  /** A message fit to show the end user. */
  suggestedUserMessage?: Maybe<Scalars['String']['output']>;
};

/** The second step an ignition change waits for. */
export type IgnitionConfirmation = {
  __typename?: 'IgnitionConfirmation';
  /** The 6-digit code to send back with confirmIgnition: shown to the requester only (null to anyone else who sees the execution). */
  code?: Maybe<Scalars['String']['output']>;
  /** The provider's warning for the user, in the provider's own words and language. */
  message: Scalars['String']['output'];
  expiresAt: Scalars['DateTime']['output'];
};

/** One step of an execution, in version order. */
export type StatusTransition = {
  __typename?: 'StatusTransition';
  version: Scalars['Int']['output'];
  status: CommandStatus;
  at: Scalars['DateTime']['output'];
  /** The provider's own word at that moment. */
  providerStatus?: Maybe<Scalars['String']['output']>;
  /** Why it happened, e.g. an error code. */
  reason?: Maybe<Scalars['String']['output']>;
};

/** A smart lock registered with a provider. */
export type Lock = CommandTarget & {
  __typename?: 'Lock';
  id: Scalars['ID']['output'];
  provider: Provider;
  name?: Maybe<Scalars['String']['output']>;
  /** The commands its provider can run. */
  supportedCommands: Array<CommandType>;
  /** The caller's executions on this target, newest first. */
  executions: CommandExecutionConnection;
  /** The provider's lock id. */
  externalId: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
};


/** A smart lock registered with a provider. */
export type LockExecutionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** A vehicle registered with a provider. */
export type Vehicle = CommandTarget & {
  __typename?: 'Vehicle';
  id: Scalars['ID']['output'];
  provider: Provider;
  name?: Maybe<Scalars['String']['output']>;
  /** The commands its provider can run. */
  supportedCommands: Array<CommandType>;
  /** The caller's executions on this target, newest first. */
  executions: CommandExecutionConnection;
  /** The provider's own reference of the vehicle (its vehicle id, or the VIN: the Provider value says which). */
  externalId: Scalars['String']['output'];
  vin?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
};


/** A vehicle registered with a provider. */
export type VehicleExecutionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Query = {
  __typename?: 'Query';
  /** One of the caller's executions (NOT_FOUND otherwise). */
  commandExecution?: Maybe<CommandExecution>;
  /** The caller's executions, newest first. */
  commandExecutions: CommandExecutionConnection;
  /** A lock granted to the caller (NOT_FOUND otherwise). */
  lock?: Maybe<Lock>;
  /** The locks granted to the caller, newest first. */
  locks: LockConnection;
  /** The audit trail, newest first, optionally of one target, fleet or user (the actor or the subject of the event); every given filter must match. Admin only. */
  auditEvents: AuditEventConnection;
  /** A fleet: any for an admin, one the caller holds a grant on otherwise (NOT_FOUND if not). */
  fleet?: Maybe<Fleet>;
  /** Every fleet for an admin; the fleets the caller holds a grant on otherwise. Newest first. */
  fleets: FleetConnection;
  /** The grants in force or still to come, newest first, optionally of one user, target or fleet (every given filter must match). Admin only. */
  grants: GrantConnection;
  /** A vehicle granted to the caller (NOT_FOUND otherwise). */
  vehicle?: Maybe<Vehicle>;
  /** The vehicles granted to the caller, newest first. */
  vehicles: VehicleConnection;
};


export type QueryCommandExecutionArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCommandExecutionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  filter?: InputMaybe<CommandExecutionFilter>;
};


export type QueryLockArgs = {
  id: Scalars['ID']['input'];
};


export type QueryLocksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryAuditEventsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  userId?: InputMaybe<Scalars['String']['input']>;
  fleetId?: InputMaybe<Scalars['ID']['input']>;
  targetId?: InputMaybe<Scalars['ID']['input']>;
};


export type QueryFleetArgs = {
  id: Scalars['ID']['input'];
};


export type QueryFleetsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryGrantsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  fleetId?: InputMaybe<Scalars['ID']['input']>;
  targetId?: InputMaybe<Scalars['ID']['input']>;
  userId?: InputMaybe<Scalars['String']['input']>;
};


export type QueryVehicleArgs = {
  id: Scalars['ID']['input'];
};


export type QueryVehiclesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type CommandExecutionFilter = {
  /** Only executions on this Vehicle or Lock. */
  targetId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<CommandStatus>;
  commandType?: InputMaybe<CommandType>;
};

export type LockConnection = {
  __typename?: 'LockConnection';
  edges: Array<LockEdge>;
  pageInfo: PageInfo;
};

export type LockEdge = {
  __typename?: 'LockEdge';
  cursor: Scalars['String']['output'];
  node: Lock;
};

export type AuditEventConnection = {
  __typename?: 'AuditEventConnection';
  edges: Array<AuditEventEdge>;
  pageInfo: PageInfo;
};

export type AuditEventEdge = {
  __typename?: 'AuditEventEdge';
  cursor: Scalars['String']['output'];
  node: AuditEvent;
};

/** One event of the audit trail, recorded in the same transaction as the change it records: a change of the registry or of access, or a step of a command (read from its history). */
export type AuditEvent = {
  __typename?: 'AuditEvent';
  id: Scalars['ID']['output'];
  at: Scalars['DateTime']['output'];
  /** Who made the change (JWT sub), or "system" for the engine. */
  actor: Scalars['String']['output'];
  action: AuditAction;
  targetId?: Maybe<Scalars['ID']['output']>;
  fleetId?: Maybe<Scalars['ID']['output']>;
  /** The user the change is about: the grantee, or the requester. */
  subjectUserId?: Maybe<Scalars['String']['output']>;
  executionId?: Maybe<Scalars['ID']['output']>;
  role?: Maybe<AccessRole>;
  validUntil?: Maybe<Scalars['DateTime']['output']>;
  /** The reason given, or the error code a command ended with. */
  reason?: Maybe<Scalars['String']['output']>;
};

/** What an audit event records: a change of the registry or of access, or a step of a command. COMMAND_APPROVED, COMMAND_REJECTED, APPROVAL_EXPIRED, BATCH_REQUESTED and BATCH_CANCELED are declared for the approval and fleet-command features and are not recorded yet. */
export type AuditAction =
  | 'TARGET_REGISTERED'
  | 'FLEET_CREATED'
  | 'FLEET_CHANGED'
  | 'FLEET_DELETED'
  | 'ACCESS_GRANTED'
  | 'ACCESS_REVOKED'
  | 'ACCESS_EXPIRED'
  | 'COMMAND_REQUESTED'
  | 'COMMAND_APPROVED'
  | 'COMMAND_REJECTED'
  | 'APPROVAL_EXPIRED'
  | 'COMMAND_CONFIRMED'
  | 'COMMAND_SENT'
  | 'COMMAND_SUCCEEDED'
  | 'COMMAND_FAILED'
  | 'COMMAND_OUTCOME_UNKNOWN'
  | 'COMMAND_CANCELED'
  | 'COMMAND_SUPERSEDED'
  | 'BATCH_REQUESTED'
  | 'BATCH_CANCELED';

/** A user's role on a target or a fleet. Rights add up across a user's valid grants: VIEWER on a fleet and OPERATOR on one of its targets commands that target and sees every execution on it. */
export type AccessRole =
  /** Sees the target and every execution on it, and may subscribe to them; commands nothing. */
  | 'VIEWER'
  /** Sees the target and the executions they requested, and commands it. */
  | 'OPERATOR'
  /** Commands the target, sees every execution on it, and approves another user's immobilization. */
  | 'SUPERVISOR';

/** A named group of targets that access is granted on. A target may be in many fleets. */
export type Fleet = {
  __typename?: 'Fleet';
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** The targets in the fleet that the caller sees, newest first. */
  targets: CommandTargetConnection;
};


/** A named group of targets that access is granted on. A target may be in many fleets. */
export type FleetTargetsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type CommandTargetConnection = {
  __typename?: 'CommandTargetConnection';
  edges: Array<CommandTargetEdge>;
  pageInfo: PageInfo;
};

export type CommandTargetEdge = {
  __typename?: 'CommandTargetEdge';
  cursor: Scalars['String']['output'];
  node: CommandTarget;
};

export type FleetConnection = {
  __typename?: 'FleetConnection';
  edges: Array<FleetEdge>;
  pageInfo: PageInfo;
};

export type FleetEdge = {
  __typename?: 'FleetEdge';
  cursor: Scalars['String']['output'];
  node: Fleet;
};

export type GrantConnection = {
  __typename?: 'GrantConnection';
  edges: Array<GrantEdge>;
  pageInfo: PageInfo;
};

export type GrantEdge = {
  __typename?: 'GrantEdge';
  cursor: Scalars['String']['output'];
  node: Grant;
};

/** One user's role on a target or on a fleet, for a window (either bound open). The same user, subject, role and window is one grant; another window is another grant. A grant is removed when its window ends. */
export type Grant = {
  __typename?: 'Grant';
  id: Scalars['ID']['output'];
  /** The user (JWT sub) it gives access to. */
  userId: Scalars['String']['output'];
  role: AccessRole;
  /** Before this, the grant gives nothing (null: at once). */
  validFrom?: Maybe<Scalars['DateTime']['output']>;
  /** From this moment on it gives nothing (null: never ends). */
  validUntil?: Maybe<Scalars['DateTime']['output']>;
  reason?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  /** The admin who granted it. */
  createdBy: Scalars['String']['output'];
  /** The target, for a grant on one target. */
  target?: Maybe<CommandTarget>;
  /** The fleet, for a grant on a fleet. */
  fleet?: Maybe<Fleet>;
};

export type VehicleConnection = {
  __typename?: 'VehicleConnection';
  edges: Array<VehicleEdge>;
  pageInfo: PageInfo;
};

export type VehicleEdge = {
  __typename?: 'VehicleEdge';
  cursor: Scalars['String']['output'];
  node: Vehicle;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** Locks all doors. */
  lockVehicle: CommandExecution;
  /** Unlocks the doors. */
  unlockVehicle: CommandExecution;
  startCharging: CommandExecution;
  stopCharging: CommandExecution;
  /** Sets the charge limit (50–100 %). */
  setChargeLimit: CommandExecution;
  /** Sends a destination to the vehicle's navigation. */
  setNavigationDestination: CommandExecution;
  /** Opens a smart lock. */
  openLock: CommandExecution;
  /** Takes back a command that has not been sent (QUEUED, AWAITING_APPROVAL or AWAITING_CONFIRMATION): it ends CANCELED with error CANCELED_BY_USER. Its requester or an admin may. A sent command cannot be taken back: CANNOT_CANCEL. */
  cancelCommandExecution: CommandExecution;
  /** First step of enabling or disabling ignition: answers AWAITING_CONFIRMATION with the confirmation (code, message, expiresAt) to show the user. With the second-person policy (IMMOBILIZATION_APPROVAL), disabling needs a reason and answers AWAITING_APPROVAL: nothing is sent before another user approves it. */
  requestIgnition: CommandExecution;
  /** Approves another user's immobilization awaiting approval: a SUPERVISOR of its vehicle or an admin, never its requester (FORBIDDEN). It then goes on to the confirmation step (AWAITING_CONFIRMATION, the code shown to the requester). If the requester may no longer command the vehicle, it ends CANCELED/ACCESS_ENDED. */
  approveCommand: CommandExecution;
  /** Rejects another user's immobilization awaiting approval (same rights as approveCommand): it ends CANCELED with error REJECTED, never sent. */
  rejectCommand: CommandExecution;
  /** Second step: the same user, before expiry, with the code, once. Five wrong codes end the execution. */
  confirmIgnition: CommandExecution;
  /** Registers a vehicle with its provider references. Admin only. */
  registerVehicle: Vehicle;
  /** Registers a smart lock with its provider reference. Admin only. */
  registerLock: Lock;
  /** Gives a user a role (OPERATOR unless said) on a target or on every target of a fleet, for a window. Granting exactly the same again is harmless; another window is another grant (see grants). Admin only. */
  grantAccess: Scalars['Boolean']['output'];
  /** Takes away every grant of the user on that target or fleet (no role or window: revokeGrant removes one); false when there was none. Live streams the user no longer may see end FORBIDDEN. Admin only. */
  revokeAccess: Scalars['Boolean']['output'];
  /** Removes one grant; false when there is no such grant. Admin only. */
  revokeGrant: Scalars['Boolean']['output'];
  /** Creates an empty fleet. Admin only. */
  createFleet: Fleet;
  /** Renames a fleet. Admin only. */
  renameFleet: Fleet;
  /** Deletes a fleet and the grants given on it: the access they gave ends at once, live streams included. Admin only. */
  deleteFleet: Scalars['Boolean']['output'];
  /** Adds 1 to 1,000 targets to a fleet; adding twice is harmless. An unknown id adds nothing (BAD_USER_INPUT, naming none). Admin only. */
  addToFleet: Fleet;
  /** Removes 1 to 1,000 targets from a fleet: the access given through the fleet to them ends at once, live streams included. Admin only. */
  removeFromFleet: Fleet;
  /** Sandbox only (development, built-in simulators): makes the target's provider simulator answer its next commands with one behavior (asleep, rate limited, slow, rejected, never answers, offline…), to see every state and error. Admin only; FORBIDDEN in production and for a provider whose real endpoint is configured. */
  simulateProvider: Scalars['Boolean']['output'];
};


export type MutationLockVehicleArgs = {
  input: VehicleCommandInput;
};


export type MutationUnlockVehicleArgs = {
  input: VehicleCommandInput;
};


export type MutationStartChargingArgs = {
  input: VehicleCommandInput;
};


export type MutationStopChargingArgs = {
  input: VehicleCommandInput;
};


export type MutationSetChargeLimitArgs = {
  input: SetChargeLimitInput;
};


export type MutationSetNavigationDestinationArgs = {
  input: SetNavigationDestinationInput;
};


export type MutationOpenLockArgs = {
  input: OpenLockInput;
};


export type MutationCancelCommandExecutionArgs = {
  input: CancelCommandExecutionInput;
};


export type MutationRequestIgnitionArgs = {
  input: RequestIgnitionInput;
};


export type MutationApproveCommandArgs = {
  input: ApproveCommandInput;
};


export type MutationRejectCommandArgs = {
  input: RejectCommandInput;
};


export type MutationConfirmIgnitionArgs = {
  input: ConfirmIgnitionInput;
};


export type MutationRegisterVehicleArgs = {
  input: RegisterVehicleInput;
};


export type MutationRegisterLockArgs = {
  input: RegisterLockInput;
};


export type MutationGrantAccessArgs = {
  input: GrantAccessInput;
};


export type MutationRevokeAccessArgs = {
  input: GrantAccessInput;
};


export type MutationRevokeGrantArgs = {
  input: RevokeGrantInput;
};


export type MutationCreateFleetArgs = {
  input: CreateFleetInput;
};


export type MutationRenameFleetArgs = {
  input: RenameFleetInput;
};


export type MutationDeleteFleetArgs = {
  input: DeleteFleetInput;
};


export type MutationAddToFleetArgs = {
  input: FleetTargetsInput;
};


export type MutationRemoveFromFleetArgs = {
  input: FleetTargetsInput;
};


export type MutationSimulateProviderArgs = {
  input: SimulateProviderInput;
};

/** A command on one vehicle that takes no parameters. */
export type VehicleCommandInput = {
  /** Why (up to 500 characters), kept with the execution and in the audit trail. Required to cut an engine when a second person must approve it. */
  reason?: InputMaybe<Scalars['String']['input']>;
  /** Same key + same user + same input returns the first execution (kept 24 h); other input is an error. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  vehicleId: Scalars['ID']['input'];
};

export type SetChargeLimitInput = {
  /** Why (up to 500 characters), kept with the execution and in the audit trail. Required to cut an engine when a second person must approve it. */
  reason?: InputMaybe<Scalars['String']['input']>;
  /** Same key + same user + same input returns the first execution (kept 24 h); other input is an error. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  vehicleId: Scalars['ID']['input'];
  /** Charge limit, 50 to 100 percent. */
  percent: Scalars['Int']['input'];
};

export type SetNavigationDestinationInput = {
  /** Why (up to 500 characters), kept with the execution and in the audit trail. Required to cut an engine when a second person must approve it. */
  reason?: InputMaybe<Scalars['String']['input']>;
  /** Same key + same user + same input returns the first execution (kept 24 h); other input is an error. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  vehicleId: Scalars['ID']['input'];
  /** -90 to 90. */
  latitude: Scalars['Float']['input'];
  /** -180 to 180. */
  longitude: Scalars['Float']['input'];
};

export type OpenLockInput = {
  /** Why (up to 500 characters), kept with the execution and in the audit trail. Required to cut an engine when a second person must approve it. */
  reason?: InputMaybe<Scalars['String']['input']>;
  /** Same key + same user + same input returns the first execution (kept 24 h); other input is an error. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  lockId: Scalars['ID']['input'];
};

export type CancelCommandExecutionInput = {
  executionId: Scalars['ID']['input'];
  /** Why, kept in the error detail (at most 500 characters). */
  reason?: InputMaybe<Scalars['String']['input']>;
};

export type RequestIgnitionInput = {
  /** Why (up to 500 characters), kept with the execution and in the audit trail. Required to cut an engine when a second person must approve it. */
  reason?: InputMaybe<Scalars['String']['input']>;
  /** Same key + same user + same input returns the first execution (kept 24 h); other input is an error. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  vehicleId: Scalars['ID']['input'];
  /** true: enable (restore) ignition; false: disable (cut) it. */
  enable: Scalars['Boolean']['input'];
};

export type ApproveCommandInput = {
  executionId: Scalars['ID']['input'];
  /** Why (up to 500 characters), kept in the audit trail. */
  reason?: InputMaybe<Scalars['String']['input']>;
};

export type RejectCommandInput = {
  executionId: Scalars['ID']['input'];
  /** Why (up to 500 characters), kept in the error detail and the trail. */
  reason?: InputMaybe<Scalars['String']['input']>;
};

export type ConfirmIgnitionInput = {
  executionId: Scalars['ID']['input'];
  /** The 6-digit code from the execution's confirmation. */
  code: Scalars['String']['input'];
};

export type RegisterVehicleInput = {
  provider: Provider;
  /** The provider's own reference of the vehicle (its vehicle id, or the VIN: the Provider value says which). */
  externalId: Scalars['String']['input'];
  /** The provider's user who granted access, for providers that need one (the Provider value says so). */
  providerUserId?: InputMaybe<Scalars['String']['input']>;
  vin?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
};

export type RegisterLockInput = {
  provider: Provider;
  /** The provider's numeric lock id. */
  externalId: Scalars['String']['input'];
  name?: InputMaybe<Scalars['String']['input']>;
};

/** A grant: a user, exactly one of targetId and fleetId, and optionally a role (OPERATOR unless said) and a window. revokeAccess takes the user and the target or fleet only. */
export type GrantAccessInput = {
  /** The user (JWT sub) to give or take access. */
  userId: Scalars['String']['input'];
  /** A Vehicle or Lock id. */
  targetId?: InputMaybe<Scalars['ID']['input']>;
  /** A Fleet id: the access covers every target in it, now and later. */
  fleetId?: InputMaybe<Scalars['ID']['input']>;
  /** What the user may do (default OPERATOR). */
  role?: InputMaybe<AccessRole>;
  /** The grant gives nothing before this (default: at once). */
  validFrom?: InputMaybe<Scalars['DateTime']['input']>;
  /** The grant ends at this moment, everywhere: queries, commands and live streams (default: never). */
  validUntil?: InputMaybe<Scalars['DateTime']['input']>;
  /** Why (at most 500 characters), kept with the grant. */
  reason?: InputMaybe<Scalars['String']['input']>;
};

export type RevokeGrantInput = {
  grantId: Scalars['ID']['input'];
};

export type CreateFleetInput = {
  /** At most 120 characters. */
  name: Scalars['String']['input'];
};

export type RenameFleetInput = {
  fleetId: Scalars['ID']['input'];
  /** At most 120 characters. */
  name: Scalars['String']['input'];
};

export type DeleteFleetInput = {
  fleetId: Scalars['ID']['input'];
};

export type FleetTargetsInput = {
  fleetId: Scalars['ID']['input'];
  /** 1 to 1,000 Vehicle or Lock ids. */
  targetIds: Array<Scalars['ID']['input']>;
};

/** Sandbox only: which target, which behavior, for how many of its next commands. */
export type SimulateProviderInput = {
  /** A Vehicle or Lock id. */
  targetId: Scalars['ID']['input'];
  /** One the target's provider plays; another is BAD_USER_INPUT. */
  behavior: SimulatedBehavior;
  /** How many of its next commands play it: 1 (default) to 100. */
  commands?: InputMaybe<Scalars['Int']['input']>;
};

/** Sandbox only: how a target's built-in provider simulator answers (see simulateProvider). */
export type SimulatedBehavior =
  /** The provider answers as it normally does. */
  | 'NORMAL'
  /** Smartcar answers 409 VEHICLE_STATE / ASLEEP: the vehicle is asleep (retryable). */
  | 'ASLEEP'
  /** Smartcar answers 429 RATE_LIMIT with retry-after: 60. */
  | 'RATE_LIMITED'
  /** Smartcar keeps the request open (202) past the acknowledgement timeout, then succeeds. */
  | 'SLOW'
  /** Mobway refuses the command with its own error body (status "Error", OEM initiate failed). */
  | 'REJECTED'
  /** Mobway accepts the command and never finishes it: it ends FAILURE/TIMEOUT at its deadline. */
  | 'NEVER_ANSWERS'
  /** SmartphoneKey answers 502: the lock's device shadow could not be updated (retryable). */
  | 'OFFLINE';

export type Subscription = {
  __typename?: 'Subscription';
  /** The execution now (or, with afterVersion, every version after that one), then every change in version order; completes after a final status. */
  commandExecutionUpdated: CommandExecution;
  /** Every change of the caller's executions, optionally on one target. */
  commandExecutionsUpdated: CommandExecution;
  /** Every change of the caller's executions (optionally on one target), each with a cursor; with `after`, first every change after that cursor the caller may see now, then live ones. At least once, with no gap: a change repeats only if it was delivered already (same execution id and version), so drop repeats. */
  commandExecutionChanges: CommandExecutionChange;
};


export type SubscriptionCommandExecutionUpdatedArgs = {
  afterVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
};


export type SubscriptionCommandExecutionsUpdatedArgs = {
  targetId?: InputMaybe<Scalars['ID']['input']>;
};


export type SubscriptionCommandExecutionChangesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  targetId?: InputMaybe<Scalars['ID']['input']>;
};

/** One change of commandExecutionChanges: the execution as that change left it, and the cursor to resume after it. */
export type CommandExecutionChange = {
  __typename?: 'CommandExecutionChange';
  /** Opaque. Pass the last one received as `after` to resume: every change after it is replayed (a change may repeat, with the same execution id and version: drop it), then live ones. */
  cursor: Scalars['String']['output'];
  execution: CommandExecution;
};

export type LockVehicleMutationVariables = Exact<{
  input: VehicleCommandInput;
}>;


export type LockVehicleMutation = { __typename?: 'Mutation', lockVehicle: { __typename?: 'CommandExecution', id: string, commandType: CommandType, status: CommandStatus, isFinal: boolean, cancelable: boolean, executionMode?: ExecutionMode | null, provider: Provider, version: number, parameters?: unknown | null, providerExecutionId?: string | null, providerStatus?: string | null, requestedBy: string, requestedAt: string, reason?: string | null, approvalExpiresAt?: string | null, approvedBy?: string | null, approvedAt?: string | null, approvalReason?: string | null, executedAt?: string | null, completedAt?: string | null, durationSeconds?: number | null, target: { __typename?: 'Lock', id: string, provider: Provider, name?: string | null } | { __typename?: 'Vehicle', id: string, provider: Provider, name?: string | null }, error?: { __typename?: 'CommandError', code: string, type: string, title?: string | null, detail?: string | null, retryable: boolean, retryAfterSeconds?: number | null, resolution?: string | null, suggestedUserMessage?: string | null } | null, confirmation?: { __typename?: 'IgnitionConfirmation', code?: string | null, message: string, expiresAt: string } | null, history: Array<{ __typename?: 'StatusTransition', version: number, status: CommandStatus, at: string, providerStatus?: string | null, reason?: string | null }> } };

export type UnlockVehicleMutationVariables = Exact<{
  input: VehicleCommandInput;
}>;


export type UnlockVehicleMutation = { __typename?: 'Mutation', unlockVehicle: { __typename?: 'CommandExecution', id: string, commandType: CommandType, status: CommandStatus, isFinal: boolean, cancelable: boolean, executionMode?: ExecutionMode | null, provider: Provider, version: number, parameters?: unknown | null, providerExecutionId?: string | null, providerStatus?: string | null, requestedBy: string, requestedAt: string, reason?: string | null, approvalExpiresAt?: string | null, approvedBy?: string | null, approvedAt?: string | null, approvalReason?: string | null, executedAt?: string | null, completedAt?: string | null, durationSeconds?: number | null, target: { __typename?: 'Lock', id: string, provider: Provider, name?: string | null } | { __typename?: 'Vehicle', id: string, provider: Provider, name?: string | null }, error?: { __typename?: 'CommandError', code: string, type: string, title?: string | null, detail?: string | null, retryable: boolean, retryAfterSeconds?: number | null, resolution?: string | null, suggestedUserMessage?: string | null } | null, confirmation?: { __typename?: 'IgnitionConfirmation', code?: string | null, message: string, expiresAt: string } | null, history: Array<{ __typename?: 'StatusTransition', version: number, status: CommandStatus, at: string, providerStatus?: string | null, reason?: string | null }> } };

export type StartChargingMutationVariables = Exact<{
  input: VehicleCommandInput;
}>;


export type StartChargingMutation = { __typename?: 'Mutation', startCharging: { __typename?: 'CommandExecution', id: string, commandType: CommandType, status: CommandStatus, isFinal: boolean, cancelable: boolean, executionMode?: ExecutionMode | null, provider: Provider, version: number, parameters?: unknown | null, providerExecutionId?: string | null, providerStatus?: string | null, requestedBy: string, requestedAt: string, reason?: string | null, approvalExpiresAt?: string | null, approvedBy?: string | null, approvedAt?: string | null, approvalReason?: string | null, executedAt?: string | null, completedAt?: string | null, durationSeconds?: number | null, target: { __typename?: 'Lock', id: string, provider: Provider, name?: string | null } | { __typename?: 'Vehicle', id: string, provider: Provider, name?: string | null }, error?: { __typename?: 'CommandError', code: string, type: string, title?: string | null, detail?: string | null, retryable: boolean, retryAfterSeconds?: number | null, resolution?: string | null, suggestedUserMessage?: string | null } | null, confirmation?: { __typename?: 'IgnitionConfirmation', code?: string | null, message: string, expiresAt: string } | null, history: Array<{ __typename?: 'StatusTransition', version: number, status: CommandStatus, at: string, providerStatus?: string | null, reason?: string | null }> } };

export type StopChargingMutationVariables = Exact<{
  input: VehicleCommandInput;
}>;


export type StopChargingMutation = { __typename?: 'Mutation', stopCharging: { __typename?: 'CommandExecution', id: string, commandType: CommandType, status: CommandStatus, isFinal: boolean, cancelable: boolean, executionMode?: ExecutionMode | null, provider: Provider, version: number, parameters?: unknown | null, providerExecutionId?: string | null, providerStatus?: string | null, requestedBy: string, requestedAt: string, reason?: string | null, approvalExpiresAt?: string | null, approvedBy?: string | null, approvedAt?: string | null, approvalReason?: string | null, executedAt?: string | null, completedAt?: string | null, durationSeconds?: number | null, target: { __typename?: 'Lock', id: string, provider: Provider, name?: string | null } | { __typename?: 'Vehicle', id: string, provider: Provider, name?: string | null }, error?: { __typename?: 'CommandError', code: string, type: string, title?: string | null, detail?: string | null, retryable: boolean, retryAfterSeconds?: number | null, resolution?: string | null, suggestedUserMessage?: string | null } | null, confirmation?: { __typename?: 'IgnitionConfirmation', code?: string | null, message: string, expiresAt: string } | null, history: Array<{ __typename?: 'StatusTransition', version: number, status: CommandStatus, at: string, providerStatus?: string | null, reason?: string | null }> } };

export type SetChargeLimitMutationVariables = Exact<{
  input: SetChargeLimitInput;
}>;


export type SetChargeLimitMutation = { __typename?: 'Mutation', setChargeLimit: { __typename?: 'CommandExecution', id: string, commandType: CommandType, status: CommandStatus, isFinal: boolean, cancelable: boolean, executionMode?: ExecutionMode | null, provider: Provider, version: number, parameters?: unknown | null, providerExecutionId?: string | null, providerStatus?: string | null, requestedBy: string, requestedAt: string, reason?: string | null, approvalExpiresAt?: string | null, approvedBy?: string | null, approvedAt?: string | null, approvalReason?: string | null, executedAt?: string | null, completedAt?: string | null, durationSeconds?: number | null, target: { __typename?: 'Lock', id: string, provider: Provider, name?: string | null } | { __typename?: 'Vehicle', id: string, provider: Provider, name?: string | null }, error?: { __typename?: 'CommandError', code: string, type: string, title?: string | null, detail?: string | null, retryable: boolean, retryAfterSeconds?: number | null, resolution?: string | null, suggestedUserMessage?: string | null } | null, confirmation?: { __typename?: 'IgnitionConfirmation', code?: string | null, message: string, expiresAt: string } | null, history: Array<{ __typename?: 'StatusTransition', version: number, status: CommandStatus, at: string, providerStatus?: string | null, reason?: string | null }> } };

export type SetNavigationDestinationMutationVariables = Exact<{
  input: SetNavigationDestinationInput;
}>;


export type SetNavigationDestinationMutation = { __typename?: 'Mutation', setNavigationDestination: { __typename?: 'CommandExecution', id: string, commandType: CommandType, status: CommandStatus, isFinal: boolean, cancelable: boolean, executionMode?: ExecutionMode | null, provider: Provider, version: number, parameters?: unknown | null, providerExecutionId?: string | null, providerStatus?: string | null, requestedBy: string, requestedAt: string, reason?: string | null, approvalExpiresAt?: string | null, approvedBy?: string | null, approvedAt?: string | null, approvalReason?: string | null, executedAt?: string | null, completedAt?: string | null, durationSeconds?: number | null, target: { __typename?: 'Lock', id: string, provider: Provider, name?: string | null } | { __typename?: 'Vehicle', id: string, provider: Provider, name?: string | null }, error?: { __typename?: 'CommandError', code: string, type: string, title?: string | null, detail?: string | null, retryable: boolean, retryAfterSeconds?: number | null, resolution?: string | null, suggestedUserMessage?: string | null } | null, confirmation?: { __typename?: 'IgnitionConfirmation', code?: string | null, message: string, expiresAt: string } | null, history: Array<{ __typename?: 'StatusTransition', version: number, status: CommandStatus, at: string, providerStatus?: string | null, reason?: string | null }> } };

export type OpenLockMutationVariables = Exact<{
  input: OpenLockInput;
}>;


export type OpenLockMutation = { __typename?: 'Mutation', openLock: { __typename?: 'CommandExecution', id: string, commandType: CommandType, status: CommandStatus, isFinal: boolean, cancelable: boolean, executionMode?: ExecutionMode | null, provider: Provider, version: number, parameters?: unknown | null, providerExecutionId?: string | null, providerStatus?: string | null, requestedBy: string, requestedAt: string, reason?: string | null, approvalExpiresAt?: string | null, approvedBy?: string | null, approvedAt?: string | null, approvalReason?: string | null, executedAt?: string | null, completedAt?: string | null, durationSeconds?: number | null, target: { __typename?: 'Lock', id: string, provider: Provider, name?: string | null } | { __typename?: 'Vehicle', id: string, provider: Provider, name?: string | null }, error?: { __typename?: 'CommandError', code: string, type: string, title?: string | null, detail?: string | null, retryable: boolean, retryAfterSeconds?: number | null, resolution?: string | null, suggestedUserMessage?: string | null } | null, confirmation?: { __typename?: 'IgnitionConfirmation', code?: string | null, message: string, expiresAt: string } | null, history: Array<{ __typename?: 'StatusTransition', version: number, status: CommandStatus, at: string, providerStatus?: string | null, reason?: string | null }> } };

export type RequestIgnitionMutationVariables = Exact<{
  input: RequestIgnitionInput;
}>;


export type RequestIgnitionMutation = { __typename?: 'Mutation', requestIgnition: { __typename?: 'CommandExecution', id: string, commandType: CommandType, status: CommandStatus, isFinal: boolean, cancelable: boolean, executionMode?: ExecutionMode | null, provider: Provider, version: number, parameters?: unknown | null, providerExecutionId?: string | null, providerStatus?: string | null, requestedBy: string, requestedAt: string, reason?: string | null, approvalExpiresAt?: string | null, approvedBy?: string | null, approvedAt?: string | null, approvalReason?: string | null, executedAt?: string | null, completedAt?: string | null, durationSeconds?: number | null, target: { __typename?: 'Lock', id: string, provider: Provider, name?: string | null } | { __typename?: 'Vehicle', id: string, provider: Provider, name?: string | null }, error?: { __typename?: 'CommandError', code: string, type: string, title?: string | null, detail?: string | null, retryable: boolean, retryAfterSeconds?: number | null, resolution?: string | null, suggestedUserMessage?: string | null } | null, confirmation?: { __typename?: 'IgnitionConfirmation', code?: string | null, message: string, expiresAt: string } | null, history: Array<{ __typename?: 'StatusTransition', version: number, status: CommandStatus, at: string, providerStatus?: string | null, reason?: string | null }> } };

export type ConfirmIgnitionMutationVariables = Exact<{
  input: ConfirmIgnitionInput;
}>;


export type ConfirmIgnitionMutation = { __typename?: 'Mutation', confirmIgnition: { __typename?: 'CommandExecution', id: string, commandType: CommandType, status: CommandStatus, isFinal: boolean, cancelable: boolean, executionMode?: ExecutionMode | null, provider: Provider, version: number, parameters?: unknown | null, providerExecutionId?: string | null, providerStatus?: string | null, requestedBy: string, requestedAt: string, reason?: string | null, approvalExpiresAt?: string | null, approvedBy?: string | null, approvedAt?: string | null, approvalReason?: string | null, executedAt?: string | null, completedAt?: string | null, durationSeconds?: number | null, target: { __typename?: 'Lock', id: string, provider: Provider, name?: string | null } | { __typename?: 'Vehicle', id: string, provider: Provider, name?: string | null }, error?: { __typename?: 'CommandError', code: string, type: string, title?: string | null, detail?: string | null, retryable: boolean, retryAfterSeconds?: number | null, resolution?: string | null, suggestedUserMessage?: string | null } | null, confirmation?: { __typename?: 'IgnitionConfirmation', code?: string | null, message: string, expiresAt: string } | null, history: Array<{ __typename?: 'StatusTransition', version: number, status: CommandStatus, at: string, providerStatus?: string | null, reason?: string | null }> } };

export type CancelCommandExecutionMutationVariables = Exact<{
  input: CancelCommandExecutionInput;
}>;


export type CancelCommandExecutionMutation = { __typename?: 'Mutation', cancelCommandExecution: { __typename?: 'CommandExecution', id: string, commandType: CommandType, status: CommandStatus, isFinal: boolean, cancelable: boolean, executionMode?: ExecutionMode | null, provider: Provider, version: number, parameters?: unknown | null, providerExecutionId?: string | null, providerStatus?: string | null, requestedBy: string, requestedAt: string, reason?: string | null, approvalExpiresAt?: string | null, approvedBy?: string | null, approvedAt?: string | null, approvalReason?: string | null, executedAt?: string | null, completedAt?: string | null, durationSeconds?: number | null, target: { __typename?: 'Lock', id: string, provider: Provider, name?: string | null } | { __typename?: 'Vehicle', id: string, provider: Provider, name?: string | null }, error?: { __typename?: 'CommandError', code: string, type: string, title?: string | null, detail?: string | null, retryable: boolean, retryAfterSeconds?: number | null, resolution?: string | null, suggestedUserMessage?: string | null } | null, confirmation?: { __typename?: 'IgnitionConfirmation', code?: string | null, message: string, expiresAt: string } | null, history: Array<{ __typename?: 'StatusTransition', version: number, status: CommandStatus, at: string, providerStatus?: string | null, reason?: string | null }> } };

export type ApproveCommandMutationVariables = Exact<{
  input: ApproveCommandInput;
}>;


export type ApproveCommandMutation = { __typename?: 'Mutation', approveCommand: { __typename?: 'CommandExecution', id: string, commandType: CommandType, status: CommandStatus, isFinal: boolean, cancelable: boolean, executionMode?: ExecutionMode | null, provider: Provider, version: number, parameters?: unknown | null, providerExecutionId?: string | null, providerStatus?: string | null, requestedBy: string, requestedAt: string, reason?: string | null, approvalExpiresAt?: string | null, approvedBy?: string | null, approvedAt?: string | null, approvalReason?: string | null, executedAt?: string | null, completedAt?: string | null, durationSeconds?: number | null, target: { __typename?: 'Lock', id: string, provider: Provider, name?: string | null } | { __typename?: 'Vehicle', id: string, provider: Provider, name?: string | null }, error?: { __typename?: 'CommandError', code: string, type: string, title?: string | null, detail?: string | null, retryable: boolean, retryAfterSeconds?: number | null, resolution?: string | null, suggestedUserMessage?: string | null } | null, confirmation?: { __typename?: 'IgnitionConfirmation', code?: string | null, message: string, expiresAt: string } | null, history: Array<{ __typename?: 'StatusTransition', version: number, status: CommandStatus, at: string, providerStatus?: string | null, reason?: string | null }> } };

export type RejectCommandMutationVariables = Exact<{
  input: RejectCommandInput;
}>;


export type RejectCommandMutation = { __typename?: 'Mutation', rejectCommand: { __typename?: 'CommandExecution', id: string, commandType: CommandType, status: CommandStatus, isFinal: boolean, cancelable: boolean, executionMode?: ExecutionMode | null, provider: Provider, version: number, parameters?: unknown | null, providerExecutionId?: string | null, providerStatus?: string | null, requestedBy: string, requestedAt: string, reason?: string | null, approvalExpiresAt?: string | null, approvedBy?: string | null, approvedAt?: string | null, approvalReason?: string | null, executedAt?: string | null, completedAt?: string | null, durationSeconds?: number | null, target: { __typename?: 'Lock', id: string, provider: Provider, name?: string | null } | { __typename?: 'Vehicle', id: string, provider: Provider, name?: string | null }, error?: { __typename?: 'CommandError', code: string, type: string, title?: string | null, detail?: string | null, retryable: boolean, retryAfterSeconds?: number | null, resolution?: string | null, suggestedUserMessage?: string | null } | null, confirmation?: { __typename?: 'IgnitionConfirmation', code?: string | null, message: string, expiresAt: string } | null, history: Array<{ __typename?: 'StatusTransition', version: number, status: CommandStatus, at: string, providerStatus?: string | null, reason?: string | null }> } };

export type ExecutionFieldsFragment = { __typename?: 'CommandExecution', id: string, commandType: CommandType, status: CommandStatus, isFinal: boolean, cancelable: boolean, executionMode?: ExecutionMode | null, provider: Provider, version: number, parameters?: unknown | null, providerExecutionId?: string | null, providerStatus?: string | null, requestedBy: string, requestedAt: string, reason?: string | null, approvalExpiresAt?: string | null, approvedBy?: string | null, approvedAt?: string | null, approvalReason?: string | null, executedAt?: string | null, completedAt?: string | null, durationSeconds?: number | null, target: { __typename?: 'Lock', id: string, provider: Provider, name?: string | null } | { __typename?: 'Vehicle', id: string, provider: Provider, name?: string | null }, error?: { __typename?: 'CommandError', code: string, type: string, title?: string | null, detail?: string | null, retryable: boolean, retryAfterSeconds?: number | null, resolution?: string | null, suggestedUserMessage?: string | null } | null, confirmation?: { __typename?: 'IgnitionConfirmation', code?: string | null, message: string, expiresAt: string } | null, history: Array<{ __typename?: 'StatusTransition', version: number, status: CommandStatus, at: string, providerStatus?: string | null, reason?: string | null }> };

export type CommandExecutionQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type CommandExecutionQuery = { __typename?: 'Query', commandExecution?: { __typename?: 'CommandExecution', id: string, commandType: CommandType, status: CommandStatus, isFinal: boolean, cancelable: boolean, executionMode?: ExecutionMode | null, provider: Provider, version: number, parameters?: unknown | null, providerExecutionId?: string | null, providerStatus?: string | null, requestedBy: string, requestedAt: string, reason?: string | null, approvalExpiresAt?: string | null, approvedBy?: string | null, approvedAt?: string | null, approvalReason?: string | null, executedAt?: string | null, completedAt?: string | null, durationSeconds?: number | null, target: { __typename?: 'Lock', id: string, provider: Provider, name?: string | null } | { __typename?: 'Vehicle', id: string, provider: Provider, name?: string | null }, error?: { __typename?: 'CommandError', code: string, type: string, title?: string | null, detail?: string | null, retryable: boolean, retryAfterSeconds?: number | null, resolution?: string | null, suggestedUserMessage?: string | null } | null, confirmation?: { __typename?: 'IgnitionConfirmation', code?: string | null, message: string, expiresAt: string } | null, history: Array<{ __typename?: 'StatusTransition', version: number, status: CommandStatus, at: string, providerStatus?: string | null, reason?: string | null }> } | null };

export type CommandExecutionsQueryVariables = Exact<{
  filter?: InputMaybe<CommandExecutionFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type CommandExecutionsQuery = { __typename?: 'Query', commandExecutions: { __typename?: 'CommandExecutionConnection', edges: Array<{ __typename?: 'CommandExecutionEdge', cursor: string, node: { __typename?: 'CommandExecution', id: string, commandType: CommandType, status: CommandStatus, isFinal: boolean, cancelable: boolean, executionMode?: ExecutionMode | null, provider: Provider, version: number, parameters?: unknown | null, providerExecutionId?: string | null, providerStatus?: string | null, requestedBy: string, requestedAt: string, reason?: string | null, approvalExpiresAt?: string | null, approvedBy?: string | null, approvedAt?: string | null, approvalReason?: string | null, executedAt?: string | null, completedAt?: string | null, durationSeconds?: number | null, target: { __typename?: 'Lock', id: string, provider: Provider, name?: string | null } | { __typename?: 'Vehicle', id: string, provider: Provider, name?: string | null }, error?: { __typename?: 'CommandError', code: string, type: string, title?: string | null, detail?: string | null, retryable: boolean, retryAfterSeconds?: number | null, resolution?: string | null, suggestedUserMessage?: string | null } | null, confirmation?: { __typename?: 'IgnitionConfirmation', code?: string | null, message: string, expiresAt: string } | null, history: Array<{ __typename?: 'StatusTransition', version: number, status: CommandStatus, at: string, providerStatus?: string | null, reason?: string | null }> } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type RegisterVehicleMutationVariables = Exact<{
  input: RegisterVehicleInput;
}>;


export type RegisterVehicleMutation = { __typename?: 'Mutation', registerVehicle: { __typename?: 'Vehicle', id: string, provider: Provider, name?: string | null, externalId: string, vin?: string | null, supportedCommands: Array<CommandType> } };

export type RegisterLockMutationVariables = Exact<{
  input: RegisterLockInput;
}>;


export type RegisterLockMutation = { __typename?: 'Mutation', registerLock: { __typename?: 'Lock', id: string, provider: Provider, name?: string | null, externalId: string, supportedCommands: Array<CommandType> } };

export type GrantAccessMutationVariables = Exact<{
  input: GrantAccessInput;
}>;


export type GrantAccessMutation = { __typename?: 'Mutation', grantAccess: boolean };

export type RevokeAccessMutationVariables = Exact<{
  input: GrantAccessInput;
}>;


export type RevokeAccessMutation = { __typename?: 'Mutation', revokeAccess: boolean };

export type SimulateProviderMutationVariables = Exact<{
  input: SimulateProviderInput;
}>;


export type SimulateProviderMutation = { __typename?: 'Mutation', simulateProvider: boolean };

export type FleetFieldsFragment = { __typename?: 'Fleet', id: string, name: string, targets: { __typename?: 'CommandTargetConnection', edges: Array<{ __typename?: 'CommandTargetEdge', node: { __typename?: 'Lock', id: string, provider: Provider, name?: string | null } | { __typename?: 'Vehicle', id: string, provider: Provider, name?: string | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type CreateFleetMutationVariables = Exact<{
  input: CreateFleetInput;
}>;


export type CreateFleetMutation = { __typename?: 'Mutation', createFleet: { __typename?: 'Fleet', id: string, name: string, targets: { __typename?: 'CommandTargetConnection', edges: Array<{ __typename?: 'CommandTargetEdge', node: { __typename?: 'Lock', id: string, provider: Provider, name?: string | null } | { __typename?: 'Vehicle', id: string, provider: Provider, name?: string | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } } };

export type RenameFleetMutationVariables = Exact<{
  input: RenameFleetInput;
}>;


export type RenameFleetMutation = { __typename?: 'Mutation', renameFleet: { __typename?: 'Fleet', id: string, name: string, targets: { __typename?: 'CommandTargetConnection', edges: Array<{ __typename?: 'CommandTargetEdge', node: { __typename?: 'Lock', id: string, provider: Provider, name?: string | null } | { __typename?: 'Vehicle', id: string, provider: Provider, name?: string | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } } };

export type DeleteFleetMutationVariables = Exact<{
  input: DeleteFleetInput;
}>;


export type DeleteFleetMutation = { __typename?: 'Mutation', deleteFleet: boolean };

export type AddToFleetMutationVariables = Exact<{
  input: FleetTargetsInput;
}>;


export type AddToFleetMutation = { __typename?: 'Mutation', addToFleet: { __typename?: 'Fleet', id: string, name: string, targets: { __typename?: 'CommandTargetConnection', edges: Array<{ __typename?: 'CommandTargetEdge', node: { __typename?: 'Lock', id: string, provider: Provider, name?: string | null } | { __typename?: 'Vehicle', id: string, provider: Provider, name?: string | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } } };

export type RemoveFromFleetMutationVariables = Exact<{
  input: FleetTargetsInput;
}>;


export type RemoveFromFleetMutation = { __typename?: 'Mutation', removeFromFleet: { __typename?: 'Fleet', id: string, name: string, targets: { __typename?: 'CommandTargetConnection', edges: Array<{ __typename?: 'CommandTargetEdge', node: { __typename?: 'Lock', id: string, provider: Provider, name?: string | null } | { __typename?: 'Vehicle', id: string, provider: Provider, name?: string | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } } };

export type FleetQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type FleetQuery = { __typename?: 'Query', fleet?: { __typename?: 'Fleet', id: string, name: string, targets: { __typename?: 'CommandTargetConnection', edges: Array<{ __typename?: 'CommandTargetEdge', node: { __typename?: 'Lock', id: string, provider: Provider, name?: string | null } | { __typename?: 'Vehicle', id: string, provider: Provider, name?: string | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } } | null };

export type FleetsQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type FleetsQuery = { __typename?: 'Query', fleets: { __typename?: 'FleetConnection', edges: Array<{ __typename?: 'FleetEdge', node: { __typename?: 'Fleet', id: string, name: string } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type GrantsQueryVariables = Exact<{
  userId?: InputMaybe<Scalars['String']['input']>;
  targetId?: InputMaybe<Scalars['ID']['input']>;
  fleetId?: InputMaybe<Scalars['ID']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type GrantsQuery = { __typename?: 'Query', grants: { __typename?: 'GrantConnection', edges: Array<{ __typename?: 'GrantEdge', node: { __typename?: 'Grant', id: string, userId: string, role: AccessRole, validFrom?: string | null, validUntil?: string | null, reason?: string | null, createdAt: string, createdBy: string, target?: { __typename?: 'Lock', id: string } | { __typename?: 'Vehicle', id: string } | null, fleet?: { __typename?: 'Fleet', id: string, name: string } | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type RevokeGrantMutationVariables = Exact<{
  input: RevokeGrantInput;
}>;


export type RevokeGrantMutation = { __typename?: 'Mutation', revokeGrant: boolean };

export type AuditEventsQueryVariables = Exact<{
  targetId?: InputMaybe<Scalars['ID']['input']>;
  fleetId?: InputMaybe<Scalars['ID']['input']>;
  userId?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type AuditEventsQuery = { __typename?: 'Query', auditEvents: { __typename?: 'AuditEventConnection', edges: Array<{ __typename?: 'AuditEventEdge', node: { __typename?: 'AuditEvent', id: string, at: string, actor: string, action: AuditAction, targetId?: string | null, fleetId?: string | null, subjectUserId?: string | null, executionId?: string | null, role?: AccessRole | null, validUntil?: string | null, reason?: string | null } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type CommandExecutionUpdatedSubscriptionVariables = Exact<{
  id: Scalars['ID']['input'];
  afterVersion?: InputMaybe<Scalars['Int']['input']>;
}>;


export type CommandExecutionUpdatedSubscription = { __typename?: 'Subscription', commandExecutionUpdated: { __typename?: 'CommandExecution', id: string, commandType: CommandType, status: CommandStatus, isFinal: boolean, cancelable: boolean, executionMode?: ExecutionMode | null, provider: Provider, version: number, parameters?: unknown | null, providerExecutionId?: string | null, providerStatus?: string | null, requestedBy: string, requestedAt: string, reason?: string | null, approvalExpiresAt?: string | null, approvedBy?: string | null, approvedAt?: string | null, approvalReason?: string | null, executedAt?: string | null, completedAt?: string | null, durationSeconds?: number | null, target: { __typename?: 'Lock', id: string, provider: Provider, name?: string | null } | { __typename?: 'Vehicle', id: string, provider: Provider, name?: string | null }, error?: { __typename?: 'CommandError', code: string, type: string, title?: string | null, detail?: string | null, retryable: boolean, retryAfterSeconds?: number | null, resolution?: string | null, suggestedUserMessage?: string | null } | null, confirmation?: { __typename?: 'IgnitionConfirmation', code?: string | null, message: string, expiresAt: string } | null, history: Array<{ __typename?: 'StatusTransition', version: number, status: CommandStatus, at: string, providerStatus?: string | null, reason?: string | null }> } };

export type CommandExecutionsUpdatedSubscriptionVariables = Exact<{
  targetId?: InputMaybe<Scalars['ID']['input']>;
}>;


export type CommandExecutionsUpdatedSubscription = { __typename?: 'Subscription', commandExecutionsUpdated: { __typename?: 'CommandExecution', id: string, commandType: CommandType, status: CommandStatus, isFinal: boolean, cancelable: boolean, executionMode?: ExecutionMode | null, provider: Provider, version: number, parameters?: unknown | null, providerExecutionId?: string | null, providerStatus?: string | null, requestedBy: string, requestedAt: string, reason?: string | null, approvalExpiresAt?: string | null, approvedBy?: string | null, approvedAt?: string | null, approvalReason?: string | null, executedAt?: string | null, completedAt?: string | null, durationSeconds?: number | null, target: { __typename?: 'Lock', id: string, provider: Provider, name?: string | null } | { __typename?: 'Vehicle', id: string, provider: Provider, name?: string | null }, error?: { __typename?: 'CommandError', code: string, type: string, title?: string | null, detail?: string | null, retryable: boolean, retryAfterSeconds?: number | null, resolution?: string | null, suggestedUserMessage?: string | null } | null, confirmation?: { __typename?: 'IgnitionConfirmation', code?: string | null, message: string, expiresAt: string } | null, history: Array<{ __typename?: 'StatusTransition', version: number, status: CommandStatus, at: string, providerStatus?: string | null, reason?: string | null }> } };

export type CommandExecutionChangesSubscriptionVariables = Exact<{
  targetId?: InputMaybe<Scalars['ID']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type CommandExecutionChangesSubscription = { __typename?: 'Subscription', commandExecutionChanges: { __typename?: 'CommandExecutionChange', cursor: string, execution: { __typename?: 'CommandExecution', id: string, commandType: CommandType, status: CommandStatus, isFinal: boolean, cancelable: boolean, executionMode?: ExecutionMode | null, provider: Provider, version: number, parameters?: unknown | null, providerExecutionId?: string | null, providerStatus?: string | null, requestedBy: string, requestedAt: string, reason?: string | null, approvalExpiresAt?: string | null, approvedBy?: string | null, approvedAt?: string | null, approvalReason?: string | null, executedAt?: string | null, completedAt?: string | null, durationSeconds?: number | null, target: { __typename?: 'Lock', id: string, provider: Provider, name?: string | null } | { __typename?: 'Vehicle', id: string, provider: Provider, name?: string | null }, error?: { __typename?: 'CommandError', code: string, type: string, title?: string | null, detail?: string | null, retryable: boolean, retryAfterSeconds?: number | null, resolution?: string | null, suggestedUserMessage?: string | null } | null, confirmation?: { __typename?: 'IgnitionConfirmation', code?: string | null, message: string, expiresAt: string } | null, history: Array<{ __typename?: 'StatusTransition', version: number, status: CommandStatus, at: string, providerStatus?: string | null, reason?: string | null }> } } };

export type VehiclesQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type VehiclesQuery = { __typename?: 'Query', vehicles: { __typename?: 'VehicleConnection', edges: Array<{ __typename?: 'VehicleEdge', cursor: string, node: { __typename?: 'Vehicle', id: string, provider: Provider, name?: string | null, externalId: string, vin?: string | null, supportedCommands: Array<CommandType> } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type VehicleQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type VehicleQuery = { __typename?: 'Query', vehicle?: { __typename?: 'Vehicle', id: string, provider: Provider, name?: string | null, externalId: string, vin?: string | null, supportedCommands: Array<CommandType>, executions: { __typename?: 'CommandExecutionConnection', edges: Array<{ __typename?: 'CommandExecutionEdge', node: { __typename?: 'CommandExecution', id: string, commandType: CommandType, status: CommandStatus, requestedAt: string } }> } } | null };

export type LocksQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type LocksQuery = { __typename?: 'Query', locks: { __typename?: 'LockConnection', edges: Array<{ __typename?: 'LockEdge', cursor: string, node: { __typename?: 'Lock', id: string, provider: Provider, name?: string | null, externalId: string, supportedCommands: Array<CommandType> } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type LockQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type LockQuery = { __typename?: 'Query', lock?: { __typename?: 'Lock', id: string, provider: Provider, name?: string | null, externalId: string, supportedCommands: Array<CommandType> } | null };

export const ExecutionFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExecutionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandExecution"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"commandType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isFinal"}},{"kind":"Field","name":{"kind":"Name","value":"cancelable"}},{"kind":"Field","name":{"kind":"Name","value":"executionMode"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"target"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"suggestedUserMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"confirmation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"providerExecutionId"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"approvalExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}},{"kind":"Field","name":{"kind":"Name","value":"approvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvalReason"}},{"kind":"Field","name":{"kind":"Name","value":"executedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]} as unknown as DocumentNode<ExecutionFieldsFragment, unknown>;
export const FleetFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FleetFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Fleet"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"targets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<FleetFieldsFragment, unknown>;
export const LockVehicleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"LockVehicle"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"VehicleCommandInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lockVehicle"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExecutionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExecutionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandExecution"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"commandType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isFinal"}},{"kind":"Field","name":{"kind":"Name","value":"cancelable"}},{"kind":"Field","name":{"kind":"Name","value":"executionMode"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"target"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"suggestedUserMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"confirmation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"providerExecutionId"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"approvalExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}},{"kind":"Field","name":{"kind":"Name","value":"approvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvalReason"}},{"kind":"Field","name":{"kind":"Name","value":"executedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]} as unknown as DocumentNode<LockVehicleMutation, LockVehicleMutationVariables>;
export const UnlockVehicleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UnlockVehicle"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"VehicleCommandInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"unlockVehicle"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExecutionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExecutionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandExecution"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"commandType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isFinal"}},{"kind":"Field","name":{"kind":"Name","value":"cancelable"}},{"kind":"Field","name":{"kind":"Name","value":"executionMode"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"target"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"suggestedUserMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"confirmation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"providerExecutionId"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"approvalExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}},{"kind":"Field","name":{"kind":"Name","value":"approvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvalReason"}},{"kind":"Field","name":{"kind":"Name","value":"executedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]} as unknown as DocumentNode<UnlockVehicleMutation, UnlockVehicleMutationVariables>;
export const StartChargingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartCharging"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"VehicleCommandInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startCharging"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExecutionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExecutionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandExecution"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"commandType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isFinal"}},{"kind":"Field","name":{"kind":"Name","value":"cancelable"}},{"kind":"Field","name":{"kind":"Name","value":"executionMode"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"target"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"suggestedUserMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"confirmation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"providerExecutionId"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"approvalExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}},{"kind":"Field","name":{"kind":"Name","value":"approvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvalReason"}},{"kind":"Field","name":{"kind":"Name","value":"executedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]} as unknown as DocumentNode<StartChargingMutation, StartChargingMutationVariables>;
export const StopChargingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StopCharging"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"VehicleCommandInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stopCharging"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExecutionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExecutionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandExecution"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"commandType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isFinal"}},{"kind":"Field","name":{"kind":"Name","value":"cancelable"}},{"kind":"Field","name":{"kind":"Name","value":"executionMode"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"target"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"suggestedUserMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"confirmation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"providerExecutionId"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"approvalExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}},{"kind":"Field","name":{"kind":"Name","value":"approvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvalReason"}},{"kind":"Field","name":{"kind":"Name","value":"executedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]} as unknown as DocumentNode<StopChargingMutation, StopChargingMutationVariables>;
export const SetChargeLimitDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetChargeLimit"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetChargeLimitInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setChargeLimit"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExecutionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExecutionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandExecution"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"commandType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isFinal"}},{"kind":"Field","name":{"kind":"Name","value":"cancelable"}},{"kind":"Field","name":{"kind":"Name","value":"executionMode"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"target"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"suggestedUserMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"confirmation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"providerExecutionId"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"approvalExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}},{"kind":"Field","name":{"kind":"Name","value":"approvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvalReason"}},{"kind":"Field","name":{"kind":"Name","value":"executedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]} as unknown as DocumentNode<SetChargeLimitMutation, SetChargeLimitMutationVariables>;
export const SetNavigationDestinationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetNavigationDestination"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SetNavigationDestinationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setNavigationDestination"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExecutionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExecutionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandExecution"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"commandType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isFinal"}},{"kind":"Field","name":{"kind":"Name","value":"cancelable"}},{"kind":"Field","name":{"kind":"Name","value":"executionMode"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"target"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"suggestedUserMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"confirmation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"providerExecutionId"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"approvalExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}},{"kind":"Field","name":{"kind":"Name","value":"approvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvalReason"}},{"kind":"Field","name":{"kind":"Name","value":"executedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]} as unknown as DocumentNode<SetNavigationDestinationMutation, SetNavigationDestinationMutationVariables>;
export const OpenLockDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"OpenLock"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"OpenLockInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"openLock"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExecutionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExecutionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandExecution"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"commandType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isFinal"}},{"kind":"Field","name":{"kind":"Name","value":"cancelable"}},{"kind":"Field","name":{"kind":"Name","value":"executionMode"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"target"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"suggestedUserMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"confirmation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"providerExecutionId"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"approvalExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}},{"kind":"Field","name":{"kind":"Name","value":"approvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvalReason"}},{"kind":"Field","name":{"kind":"Name","value":"executedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]} as unknown as DocumentNode<OpenLockMutation, OpenLockMutationVariables>;
export const RequestIgnitionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequestIgnition"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RequestIgnitionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestIgnition"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExecutionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExecutionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandExecution"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"commandType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isFinal"}},{"kind":"Field","name":{"kind":"Name","value":"cancelable"}},{"kind":"Field","name":{"kind":"Name","value":"executionMode"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"target"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"suggestedUserMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"confirmation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"providerExecutionId"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"approvalExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}},{"kind":"Field","name":{"kind":"Name","value":"approvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvalReason"}},{"kind":"Field","name":{"kind":"Name","value":"executedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]} as unknown as DocumentNode<RequestIgnitionMutation, RequestIgnitionMutationVariables>;
export const ConfirmIgnitionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ConfirmIgnition"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ConfirmIgnitionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"confirmIgnition"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExecutionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExecutionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandExecution"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"commandType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isFinal"}},{"kind":"Field","name":{"kind":"Name","value":"cancelable"}},{"kind":"Field","name":{"kind":"Name","value":"executionMode"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"target"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"suggestedUserMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"confirmation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"providerExecutionId"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"approvalExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}},{"kind":"Field","name":{"kind":"Name","value":"approvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvalReason"}},{"kind":"Field","name":{"kind":"Name","value":"executedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]} as unknown as DocumentNode<ConfirmIgnitionMutation, ConfirmIgnitionMutationVariables>;
export const CancelCommandExecutionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelCommandExecution"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CancelCommandExecutionInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelCommandExecution"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExecutionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExecutionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandExecution"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"commandType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isFinal"}},{"kind":"Field","name":{"kind":"Name","value":"cancelable"}},{"kind":"Field","name":{"kind":"Name","value":"executionMode"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"target"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"suggestedUserMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"confirmation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"providerExecutionId"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"approvalExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}},{"kind":"Field","name":{"kind":"Name","value":"approvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvalReason"}},{"kind":"Field","name":{"kind":"Name","value":"executedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]} as unknown as DocumentNode<CancelCommandExecutionMutation, CancelCommandExecutionMutationVariables>;
export const ApproveCommandDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ApproveCommand"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ApproveCommandInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"approveCommand"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExecutionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExecutionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandExecution"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"commandType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isFinal"}},{"kind":"Field","name":{"kind":"Name","value":"cancelable"}},{"kind":"Field","name":{"kind":"Name","value":"executionMode"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"target"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"suggestedUserMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"confirmation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"providerExecutionId"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"approvalExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}},{"kind":"Field","name":{"kind":"Name","value":"approvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvalReason"}},{"kind":"Field","name":{"kind":"Name","value":"executedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]} as unknown as DocumentNode<ApproveCommandMutation, ApproveCommandMutationVariables>;
export const RejectCommandDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RejectCommand"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RejectCommandInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rejectCommand"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExecutionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExecutionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandExecution"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"commandType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isFinal"}},{"kind":"Field","name":{"kind":"Name","value":"cancelable"}},{"kind":"Field","name":{"kind":"Name","value":"executionMode"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"target"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"suggestedUserMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"confirmation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"providerExecutionId"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"approvalExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}},{"kind":"Field","name":{"kind":"Name","value":"approvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvalReason"}},{"kind":"Field","name":{"kind":"Name","value":"executedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]} as unknown as DocumentNode<RejectCommandMutation, RejectCommandMutationVariables>;
export const CommandExecutionDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CommandExecution"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandExecution"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExecutionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExecutionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandExecution"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"commandType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isFinal"}},{"kind":"Field","name":{"kind":"Name","value":"cancelable"}},{"kind":"Field","name":{"kind":"Name","value":"executionMode"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"target"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"suggestedUserMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"confirmation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"providerExecutionId"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"approvalExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}},{"kind":"Field","name":{"kind":"Name","value":"approvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvalReason"}},{"kind":"Field","name":{"kind":"Name","value":"executedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]} as unknown as DocumentNode<CommandExecutionQuery, CommandExecutionQueryVariables>;
export const CommandExecutionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CommandExecutions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"CommandExecutionFilter"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandExecutions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExecutionFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExecutionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandExecution"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"commandType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isFinal"}},{"kind":"Field","name":{"kind":"Name","value":"cancelable"}},{"kind":"Field","name":{"kind":"Name","value":"executionMode"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"target"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"suggestedUserMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"confirmation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"providerExecutionId"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"approvalExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}},{"kind":"Field","name":{"kind":"Name","value":"approvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvalReason"}},{"kind":"Field","name":{"kind":"Name","value":"executedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]} as unknown as DocumentNode<CommandExecutionsQuery, CommandExecutionsQueryVariables>;
export const RegisterVehicleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterVehicle"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterVehicleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerVehicle"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"vin"}},{"kind":"Field","name":{"kind":"Name","value":"supportedCommands"}}]}}]}}]} as unknown as DocumentNode<RegisterVehicleMutation, RegisterVehicleMutationVariables>;
export const RegisterLockDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RegisterLock"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RegisterLockInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registerLock"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"supportedCommands"}}]}}]}}]} as unknown as DocumentNode<RegisterLockMutation, RegisterLockMutationVariables>;
export const GrantAccessDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"GrantAccess"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"GrantAccessInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"grantAccess"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}]}]}}]} as unknown as DocumentNode<GrantAccessMutation, GrantAccessMutationVariables>;
export const RevokeAccessDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeAccess"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"GrantAccessInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeAccess"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}]}]}}]} as unknown as DocumentNode<RevokeAccessMutation, RevokeAccessMutationVariables>;
export const SimulateProviderDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SimulateProvider"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SimulateProviderInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"simulateProvider"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}]}]}}]} as unknown as DocumentNode<SimulateProviderMutation, SimulateProviderMutationVariables>;
export const CreateFleetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateFleet"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateFleetInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createFleet"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FleetFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FleetFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Fleet"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"targets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<CreateFleetMutation, CreateFleetMutationVariables>;
export const RenameFleetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RenameFleet"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RenameFleetInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"renameFleet"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FleetFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FleetFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Fleet"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"targets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<RenameFleetMutation, RenameFleetMutationVariables>;
export const DeleteFleetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteFleet"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"DeleteFleetInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteFleet"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}]}]}}]} as unknown as DocumentNode<DeleteFleetMutation, DeleteFleetMutationVariables>;
export const AddToFleetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AddToFleet"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FleetTargetsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addToFleet"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FleetFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FleetFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Fleet"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"targets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<AddToFleetMutation, AddToFleetMutationVariables>;
export const RemoveFromFleetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RemoveFromFleet"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"FleetTargetsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"removeFromFleet"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FleetFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FleetFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Fleet"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"targets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<RemoveFromFleetMutation, RemoveFromFleetMutationVariables>;
export const FleetDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Fleet"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fleet"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"FleetFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"FleetFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Fleet"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"targets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<FleetQuery, FleetQueryVariables>;
export const FleetsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Fleets"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"fleets"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<FleetsQuery, FleetsQueryVariables>;
export const GrantsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Grants"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"targetId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"fleetId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"grants"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}},{"kind":"Argument","name":{"kind":"Name","value":"targetId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"targetId"}}},{"kind":"Argument","name":{"kind":"Name","value":"fleetId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"fleetId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"userId"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"validFrom"}},{"kind":"Field","name":{"kind":"Name","value":"validUntil"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdBy"}},{"kind":"Field","name":{"kind":"Name","value":"target"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"fleet"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<GrantsQuery, GrantsQueryVariables>;
export const RevokeGrantDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RevokeGrant"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"RevokeGrantInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeGrant"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}]}]}}]} as unknown as DocumentNode<RevokeGrantMutation, RevokeGrantMutationVariables>;
export const AuditEventsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"targetId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"fleetId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"userId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"targetId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"targetId"}}},{"kind":"Argument","name":{"kind":"Name","value":"fleetId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"fleetId"}}},{"kind":"Argument","name":{"kind":"Name","value":"userId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"userId"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"actor"}},{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"targetId"}},{"kind":"Field","name":{"kind":"Name","value":"fleetId"}},{"kind":"Field","name":{"kind":"Name","value":"subjectUserId"}},{"kind":"Field","name":{"kind":"Name","value":"executionId"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"validUntil"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<AuditEventsQuery, AuditEventsQueryVariables>;
export const CommandExecutionUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CommandExecutionUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"afterVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandExecutionUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"afterVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"afterVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExecutionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExecutionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandExecution"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"commandType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isFinal"}},{"kind":"Field","name":{"kind":"Name","value":"cancelable"}},{"kind":"Field","name":{"kind":"Name","value":"executionMode"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"target"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"suggestedUserMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"confirmation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"providerExecutionId"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"approvalExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}},{"kind":"Field","name":{"kind":"Name","value":"approvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvalReason"}},{"kind":"Field","name":{"kind":"Name","value":"executedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]} as unknown as DocumentNode<CommandExecutionUpdatedSubscription, CommandExecutionUpdatedSubscriptionVariables>;
export const CommandExecutionsUpdatedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CommandExecutionsUpdated"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"targetId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandExecutionsUpdated"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"targetId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"targetId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExecutionFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExecutionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandExecution"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"commandType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isFinal"}},{"kind":"Field","name":{"kind":"Name","value":"cancelable"}},{"kind":"Field","name":{"kind":"Name","value":"executionMode"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"target"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"suggestedUserMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"confirmation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"providerExecutionId"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"approvalExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}},{"kind":"Field","name":{"kind":"Name","value":"approvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvalReason"}},{"kind":"Field","name":{"kind":"Name","value":"executedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]} as unknown as DocumentNode<CommandExecutionsUpdatedSubscription, CommandExecutionsUpdatedSubscriptionVariables>;
export const CommandExecutionChangesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"CommandExecutionChanges"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"targetId"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"commandExecutionChanges"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"targetId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"targetId"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"execution"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ExecutionFields"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ExecutionFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CommandExecution"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"commandType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"isFinal"}},{"kind":"Field","name":{"kind":"Name","value":"cancelable"}},{"kind":"Field","name":{"kind":"Name","value":"executionMode"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"target"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"error"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"detail"}},{"kind":"Field","name":{"kind":"Name","value":"retryable"}},{"kind":"Field","name":{"kind":"Name","value":"retryAfterSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"resolution"}},{"kind":"Field","name":{"kind":"Name","value":"suggestedUserMessage"}}]}},{"kind":"Field","name":{"kind":"Name","value":"confirmation"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parameters"}},{"kind":"Field","name":{"kind":"Name","value":"providerExecutionId"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"requestedBy"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"approvalExpiresAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvedBy"}},{"kind":"Field","name":{"kind":"Name","value":"approvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"approvalReason"}},{"kind":"Field","name":{"kind":"Name","value":"executedAt"}},{"kind":"Field","name":{"kind":"Name","value":"completedAt"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"history"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"at"}},{"kind":"Field","name":{"kind":"Name","value":"providerStatus"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]} as unknown as DocumentNode<CommandExecutionChangesSubscription, CommandExecutionChangesSubscriptionVariables>;
export const VehiclesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Vehicles"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vehicles"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"vin"}},{"kind":"Field","name":{"kind":"Name","value":"supportedCommands"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<VehiclesQuery, VehiclesQueryVariables>;
export const VehicleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Vehicle"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"vehicle"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"vin"}},{"kind":"Field","name":{"kind":"Name","value":"supportedCommands"}},{"kind":"Field","name":{"kind":"Name","value":"executions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"commandType"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"requestedAt"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<VehicleQuery, VehicleQueryVariables>;
export const LocksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Locks"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"locks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"supportedCommands"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<LocksQuery, LocksQueryVariables>;
export const LockDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Lock"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"lock"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"externalId"}},{"kind":"Field","name":{"kind":"Name","value":"supportedCommands"}}]}}]}}]} as unknown as DocumentNode<LockQuery, LockQueryVariables>;