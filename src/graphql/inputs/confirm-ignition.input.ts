import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class ConfirmIgnitionInput {
  @Field(() => ID)
  executionId!: string;

  @Field(() => String, { description: "The 6-digit code from the execution's confirmation." })
  code!: string;
}
