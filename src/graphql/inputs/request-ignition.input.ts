import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class RequestIgnitionInput {
  @Field(() => ID)
  vehicleId!: string;

  @Field(() => Boolean, { description: 'true: enable (restore) ignition; false: disable (cut) it.' })
  enable!: boolean;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}
