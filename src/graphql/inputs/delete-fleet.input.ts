import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class DeleteFleetInput {
  @Field(() => ID)
  fleetId!: string;
}
