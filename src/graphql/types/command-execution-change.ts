import { Field, ObjectType } from 'type-graphql';
import type { ExecutionRecord } from '../../store/records.js';
import { CommandExecution } from './command-execution.js';

@ObjectType({
  description:
    'One change of commandExecutionChanges: the execution as that change left it, and the cursor to resume after it.',
})
export class CommandExecutionChange {
  @Field(() => String, {
    description:
      'Opaque. Pass the last one received as `after` to resume: every change after it is replayed (a change may ' +
      'repeat, with the same execution id and version: drop it), then live ones.',
  })
  cursor!: string;

  @Field(() => CommandExecution)
  execution!: ExecutionRecord;
}
