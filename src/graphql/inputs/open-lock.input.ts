import { Field, ID, InputType } from 'type-graphql';
import { CommandInput } from './command-input.js';

@InputType()
export class OpenLockInput extends CommandInput {
  @Field(() => ID)
  lockId!: string;
}
