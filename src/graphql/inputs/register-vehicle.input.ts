import { Field, InputType } from 'type-graphql';
import { Provider } from '../enums.js';

@InputType()
export class RegisterVehicleInput {
  @Field(() => Provider)
  provider!: Provider;

  @Field(() => String, { description: 'The Smartcar vehicle id, or the VIN for Mobway.' })
  externalId!: string;

  @Field(() => String, { nullable: true, description: "Smartcar's sc-user-id: required for SMARTCAR." })
  providerUserId?: string | null;

  @Field(() => String, { nullable: true })
  vin?: string | null;

  @Field(() => String, { nullable: true })
  name?: string | null;
}
