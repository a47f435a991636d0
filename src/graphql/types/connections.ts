import { ObjectType } from 'type-graphql';
import { CommandExecution } from './command-execution.js';
import { Connection } from './connection.js';
import { Lock } from './lock.js';
import { Vehicle } from './vehicle.js';

@ObjectType()
export class VehicleConnection extends Connection(Vehicle, 'Vehicle') {}

@ObjectType()
export class LockConnection extends Connection(Lock, 'Lock') {}

@ObjectType()
export class CommandExecutionConnection extends Connection(CommandExecution, 'CommandExecution') {}
