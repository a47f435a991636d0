import { Field, ID, InputType } from 'type-graphql';
import { CommandInput } from './command-input.js';

@InputType({ description: 'A command on one vehicle that takes no parameters.' })
export class VehicleCommandInput extends CommandInput {
  @Field(() => ID)
  vehicleId!: string;
}
