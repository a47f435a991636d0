import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A command on one vehicle that takes no parameters.' })
export class VehicleCommandInput {
  @Field(() => ID)
  vehicleId!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Same key + same user + same input returns the first execution (kept 24 h); other input is an error.',
  })
  idempotencyKey?: string | null;
}
