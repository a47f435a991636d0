import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class RevokeGrantInput {
  @Field(() => ID)
  grantId!: string;
}
