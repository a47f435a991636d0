import { Field, ID, InputType, Int } from 'type-graphql';

@InputType()
export class SetChargeLimitInput {
  @Field(() => ID)
  vehicleId!: string;

  @Field(() => Int, { description: 'Charge limit, 50 to 100 percent.' })
  percent!: number;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}
