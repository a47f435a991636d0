import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class RenameFleetInput {
  @Field(() => ID)
  fleetId!: string;

  @Field(() => String, { description: 'At most 120 characters.' })
  name!: string;
}
