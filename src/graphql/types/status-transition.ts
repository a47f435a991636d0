import { Field, Int, ObjectType } from 'type-graphql';
import { CommandStatus } from '../enums.js';
import { DateTimeScalar } from '../scalars.js';

@ObjectType({ description: 'One step of an execution, in version order.' })
export class StatusTransition {
  @Field(() => Int)
  version!: number;

  @Field(() => CommandStatus)
  status!: CommandStatus;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field(() => String, { nullable: true, description: "The provider's own word at that moment." })
  providerStatus!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it happened, e.g. an error code.' })
  reason!: string | null;
}
