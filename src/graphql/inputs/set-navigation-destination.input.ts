import { Field, Float, ID, InputType } from 'type-graphql';
import { CommandInput } from './command-input.js';

@InputType()
export class SetNavigationDestinationInput extends CommandInput {
  @Field(() => ID)
  vehicleId!: string;

  @Field(() => Float, { description: '-90 to 90.' })
  latitude!: number;

  @Field(() => Float, { description: '-180 to 180.' })
  longitude!: number;
}
