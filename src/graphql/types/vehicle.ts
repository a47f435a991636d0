import { Directive, Field, ObjectType } from 'type-graphql';
import { CommandTarget } from './command-target.js';
import { DateTimeScalar } from '../scalars.js';

@Directive('@key(fields: "id")')
@ObjectType({
  implements: CommandTarget,
  description: 'A vehicle registered with a provider.',
})
export class Vehicle extends CommandTarget {
  @Field(() => String, {
    description:
      "The provider's own reference of the vehicle (its vehicle id, or the VIN: the Provider value says which).",
  })
  externalId!: string;

  @Field(() => String, { nullable: true })
  vin!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}
