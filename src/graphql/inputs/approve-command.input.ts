import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class ApproveCommandInput {
  @Field(() => ID)
  executionId!: string;

  @Field(() => String, { nullable: true, description: 'Why (up to 500 characters), kept in the audit trail.' })
  reason?: string | null;
}
