import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Why an execution failed, in one shape whatever the provider.' })
export class CommandError {
  @Field(() => String, {
    description: 'Stable machine code, e.g. ASLEEP, SIGNATURE_INVALID, TIMEOUT, OUTCOME_UNKNOWN.',
  })
  code!: string;

  @Field(() => String, { description: 'Category, e.g. VEHICLE_STATE, RATE_LIMIT, PROVIDER, ENGINE.' })
  type!: string;

  @Field(() => String, { nullable: true })
  title!: string | null;

  @Field(() => String, { nullable: true })
  detail!: string | null;

  @Field(() => Boolean, { description: 'Whether sending the same command again later may succeed.' })
  retryable!: boolean;

  @Field(() => Int, { nullable: true })
  retryAfterSeconds!: number | null;

  @Field(() => String, { nullable: true })
  resolution!: string | null;

  @Field(() => String, { nullable: true, description: 'A message fit to show the end user.' })
  suggestedUserMessage!: string | null;
}
