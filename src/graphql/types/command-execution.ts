import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { CommandStatus, CommandType, ExecutionMode, Provider } from '../enums.js';
import { DateTimeScalar, JSONScalar } from '../scalars.js';
import { CommandError } from './command-error.js';
import { CommandTarget } from './command-target.js';
import { IgnitionConfirmation } from './ignition-confirmation.js';
import { StatusTransition } from './status-transition.js';

@Directive('@key(fields: "id")')
@ObjectType({
  description: 'One command sent to one target, whatever the provider: the one place that says what happened.',
})
export class CommandExecution {
  @Field(() => ID)
  id!: string;

  @Field(() => CommandType)
  commandType!: CommandType;

  @Field(() => CommandStatus)
  status!: CommandStatus;

  @Field(() => ExecutionMode, { nullable: true })
  executionMode!: ExecutionMode | null;

  @Field(() => Provider)
  provider!: Provider;

  @Field(() => CommandTarget)
  target!: CommandTarget;

  @Field(() => Int, { description: 'Starts at 1 and grows by one on every transition.' })
  version!: number;

  @Field(() => CommandError, { nullable: true })
  error!: CommandError | null;

  @Field(() => IgnitionConfirmation, { nullable: true })
  confirmation!: IgnitionConfirmation | null;

  @Field(() => JSONScalar, { nullable: true })
  parameters!: Record<string, unknown> | null;

  @Field(() => String, { nullable: true })
  providerExecutionId!: string | null;

  @Field(() => String, { nullable: true, description: "The provider's raw status word." })
  providerStatus!: string | null;

  @Field(() => String, { description: 'The user (JWT sub) who sent it.' })
  requestedBy!: string;

  @Field(() => DateTimeScalar)
  requestedAt!: Date;

  @Field(() => String, { nullable: true, description: 'Why the requester asked, if they said.' })
  reason!: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'An immobilization awaiting approval: when it ends CANCELED/APPROVAL_EXPIRED if nobody approves it.',
  })
  approvalExpiresAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Who approved it (the second person), if it was approved.' })
  approvedBy!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  approvedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'The reason the approver gave.' })
  approvalReason!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  executedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  completedAt!: Date | null;

  @Field(() => Int, { nullable: true })
  durationSeconds!: number | null;

  @Field(() => [StatusTransition])
  history!: StatusTransition[];
}
