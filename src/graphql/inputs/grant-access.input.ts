import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class GrantAccessInput {
  @Field(() => String, { description: 'The user (JWT sub) to give or take access.' })
  userId!: string;

  @Field(() => ID, { description: 'A Vehicle or Lock id.' })
  targetId!: string;
}
