import { Field, ID, InputType, Int } from 'type-graphql';
import { CommandInput } from './command-input.js';

@InputType()
export class SetChargeLimitInput extends CommandInput {
  @Field(() => ID)
  vehicleId!: string;

  @Field(() => Int, { description: 'Charge limit, 50 to 100 percent.' })
  percent!: number;
}
