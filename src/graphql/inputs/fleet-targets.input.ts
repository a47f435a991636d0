import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class FleetTargetsInput {
  @Field(() => ID)
  fleetId!: string;

  @Field(() => [ID], { description: '1 to 1,000 Vehicle or Lock ids.' })
  targetIds!: string[];
}
