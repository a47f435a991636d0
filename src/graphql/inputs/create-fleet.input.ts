import { Field, InputType } from 'type-graphql';

@InputType()
export class CreateFleetInput {
  @Field(() => String, { description: 'At most 120 characters.' })
  name!: string;
}
