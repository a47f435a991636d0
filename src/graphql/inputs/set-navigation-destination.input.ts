import { Field, Float, ID, InputType } from 'type-graphql';

@InputType()
export class SetNavigationDestinationInput {
  @Field(() => ID)
  vehicleId!: string;

  @Field(() => Float, { description: '-90 to 90.' })
  latitude!: number;

  @Field(() => Float, { description: '-180 to 180.' })
  longitude!: number;

  @Field(() => String, { nullable: true })
  idempotencyKey?: string | null;
}
