import { Field, ID, InputType } from 'type-graphql';
import { CommandStatus, CommandType } from '../enums.js';

@InputType()
export class CommandExecutionFilter {
  @Field(() => ID, { nullable: true, description: 'Only executions on this Vehicle or Lock.' })
  targetId?: string | null;

  @Field(() => CommandStatus, { nullable: true })
  status?: CommandStatus | null;

  @Field(() => CommandType, { nullable: true })
  commandType?: CommandType | null;
}
