import { Field, ID, InterfaceType } from 'type-graphql';
import { CommandType, Provider } from '../enums.js';

/** A vehicle or a lock: anything a command can be sent to. */
@InterfaceType({
  // Resolvers hand out store records, not class instances, so the concrete
  // type comes from the record's kind.
  resolveType: (value: { kind?: string }) => (value.kind === 'LOCK' ? 'Lock' : 'Vehicle'),
})
export abstract class CommandTarget {
  @Field(() => ID)
  id!: string;

  @Field(() => Provider)
  provider!: Provider;

  @Field(() => String, { nullable: true })
  name!: string | null;

  @Field(() => [CommandType], { description: 'The commands its provider can run.' })
  supportedCommands!: CommandType[];

  // `executions(first, after)` is declared by CommandTargetResolver: a field
  // with arguments needs a resolver, and type-graphql gives it to Vehicle and Lock.
}
