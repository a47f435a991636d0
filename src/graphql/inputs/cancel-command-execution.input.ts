import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class CancelCommandExecutionInput {
  @Field(() => ID)
  executionId!: string;

  @Field(() => String, { nullable: true, description: 'Why, kept in the error detail (at most 500 characters).' })
  reason?: string | null;
}
