import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class OpenLockInput {
  @Field(() => ID)
  lockId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Why it is opened (up to 500 characters), kept with the execution.',
  })
  reason?: string | null;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}
