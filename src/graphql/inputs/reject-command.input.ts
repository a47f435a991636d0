import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class RejectCommandInput {
  @Field(() => ID)
  executionId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Why (up to 500 characters), kept in the error detail and the trail.',
  })
  reason?: string | null;
}
