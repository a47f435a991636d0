import { Directive, Field, ObjectType } from 'type-graphql';
import { CommandTarget } from './command-target.js';
import { DateTimeScalar } from '../scalars.js';

@Directive('@key(fields: "id")')
@ObjectType({
  implements: CommandTarget,
  description: 'A smart lock registered with a provider.',
})
export class Lock extends CommandTarget {
  @Field(() => String, { description: "The provider's lock id." })
  externalId!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}
