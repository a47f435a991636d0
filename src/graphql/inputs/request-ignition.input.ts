import { Field, ID, InputType } from 'type-graphql';
import { CommandInput } from './command-input.js';

@InputType()
export class RequestIgnitionInput extends CommandInput {
  @Field(() => ID)
  vehicleId!: string;

  @Field(() => Boolean, { description: 'true: enable (restore) ignition; false: disable (cut) it.' })
  enable!: boolean;
}
