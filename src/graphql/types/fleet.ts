import { Directive, Field, ID, ObjectType } from 'type-graphql';

// `targets(first, after)` is declared by FleetResolver: a field with arguments needs a resolver.
@Directive('@key(fields: "id")')
@ObjectType({ description: 'A named group of targets that access is granted on. A target may be in many fleets.' })
export class Fleet {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;
}
