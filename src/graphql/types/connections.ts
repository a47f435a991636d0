import { ObjectType } from 'type-graphql';
import { AuditEvent } from './audit-event.js';
import { CommandExecution } from './command-execution.js';
import { CommandTarget } from './command-target.js';
import { Fleet } from './fleet.js';
import { Grant } from './grant.js';
import { Connection } from './connection.js';
import { Lock } from './lock.js';
import { Vehicle } from './vehicle.js';

@ObjectType()
export class VehicleConnection extends Connection(Vehicle, 'Vehicle') {}

@ObjectType()
export class LockConnection extends Connection(Lock, 'Lock') {}

@ObjectType()
export class CommandExecutionConnection extends Connection(CommandExecution, 'CommandExecution') {}

@ObjectType()
export class CommandTargetConnection extends Connection(CommandTarget, 'CommandTarget') {}

@ObjectType()
export class FleetConnection extends Connection(Fleet, 'Fleet') {}

@ObjectType()
export class GrantConnection extends Connection(Grant, 'Grant') {}

@ObjectType()
export class AuditEventConnection extends Connection(AuditEvent, 'AuditEvent') {}
