import { registerEnumType } from 'type-graphql';
import { CommandStatus, CommandType, ExecutionMode, Provider } from '../domain/enums.js';

registerEnumType(Provider, { name: 'Provider', description: 'The provider that executes commands for a target.' });
registerEnumType(CommandType, { name: 'CommandType', description: 'What a command asks a target to do.' });
registerEnumType(CommandStatus, {
  name: 'CommandStatus',
  description:
    'AWAITING_CONFIRMATION → PENDING → SUCCESS | FAILURE; AWAITING_CONFIRMATION may also end FAILURE. ' +
    'No other transition exists.',
});
registerEnumType(ExecutionMode, { name: 'ExecutionMode', description: 'How the provider ran the command.' });

export { CommandStatus, CommandType, ExecutionMode, Provider };
