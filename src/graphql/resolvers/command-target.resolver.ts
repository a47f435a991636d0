import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { TargetRecord } from '../../store/records.js';
import type { GraphQLContext } from '../context.js';
import { CommandType } from '../enums.js';
import { CommandTarget } from '../types/command-target.js';
import { CommandExecutionConnection } from '../types/connections.js';
import { visibleExecutionsOfTarget } from './execution-queries.js';

/** Fields every target has, resolved once for Vehicle and Lock (type-graphql inherits interface resolvers). */
@Resolver(() => CommandTarget)
export class CommandTargetResolver {
  @FieldResolver(() => [CommandType])
  supportedCommands(@Root() target: TargetRecord, @Ctx() context: GraphQLContext): readonly CommandType[] {
    return context.services.providers.supportedCommands(target.provider);
  }

  @FieldResolver(() => CommandExecutionConnection, {
    description: "The caller's executions on this target, newest first.",
  })
  executions(
    @Root() target: TargetRecord,
    @Arg('first', () => Int, { nullable: true }) first: number | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() context: GraphQLContext,
  ) {
    return visibleExecutionsOfTarget(context, target.id, first, after);
  }
}
