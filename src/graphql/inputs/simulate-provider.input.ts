import { Field, ID, InputType, Int } from 'type-graphql';
import { SimulatedBehavior } from '../enums.js';

@InputType({ description: 'Sandbox only: which target, which behavior, for how many of its next commands.' })
export class SimulateProviderInput {
  @Field(() => ID, { description: 'A Vehicle or Lock id.' })
  targetId!: string;

  @Field(() => SimulatedBehavior, { description: "One the target's provider plays; another is BAD_USER_INPUT." })
  behavior!: string;

  @Field(() => Int, { nullable: true, description: 'How many of its next commands play it: 1 (default) to 100.' })
  commands?: number | null;
}
