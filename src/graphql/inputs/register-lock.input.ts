import { Field, InputType } from 'type-graphql';
import { Provider } from '../enums.js';

@InputType()
export class RegisterLockInput {
  @Field(() => Provider)
  provider!: Provider;

  @Field(() => String, { description: "The provider's numeric lock id." })
  externalId!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;
}
