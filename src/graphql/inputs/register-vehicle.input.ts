import { Field, InputType } from 'type-graphql';
import { Provider } from '../enums.js';

@InputType()
export class RegisterVehicleInput {
  @Field(() => Provider)
  provider!: Provider;

  @Field(() => String, {
    description:
      "The provider's own reference of the vehicle (its vehicle id, or the VIN: the Provider value says which).",
  })
  externalId!: string;

  @Field(() => String, {
    nullable: true,
    description: "The provider's user who granted access, for providers that need one (the Provider value says so).",
  })
  providerUserId?: string | null;

  @Field(() => String, { nullable: true })
  vin?: string | null;

  @Field(() => String, { nullable: true })
  name?: string | null;
}
