import { Directive, Field, ObjectType } from 'type-graphql';
import { CommandTarget } from './command-target.js';
import { DateTimeScalar } from '../scalars.js';

@Directive('@key(fields: "id")')
@ObjectType({ implements: CommandTarget, description: 'A vehicle registered with a provider (Smartcar or Mobway).' })
export class Vehicle extends CommandTarget {
  @Field(() => String, { description: "The provider's reference: the Smartcar vehicle id, or the VIN for Mobway." })
  externalId!: string;

  @Field(() => String, { nullable: true })
  vin!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}
