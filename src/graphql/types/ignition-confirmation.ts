import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../scalars.js';

@ObjectType({ description: 'The second step an ignition change waits for.' })
export class IgnitionConfirmation {
  @Field(() => String, {
    nullable: true,
    description:
      'The 6-digit code to send back with confirmIgnition: shown to the requester only (null to anyone else who ' +
      'sees the execution).',
  })
  code!: string | null;

  @Field(() => String, {
    description: "The provider's warning for the user, in the provider's own words and language.",
  })
  message!: string;

  @Field(() => DateTimeScalar)
  expiresAt!: Date;
}
