import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { TargetKind } from '../../domain/enums.js';
import type { TargetRecord } from '../../store/records.js';
import type { GraphQLContext } from '../context.js';
import { LockConnection } from '../types/connections.js';
import { Lock } from '../types/lock.js';
import { visibleTarget, visibleTargets } from './target-queries.js';

@Resolver(() => Lock)
export class LockResolver {
  @Query(() => Lock, { nullable: true, description: 'A lock granted to the caller (NOT_FOUND otherwise).' })
  lock(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<TargetRecord> {
    return visibleTarget(context, TargetKind.LOCK, id);
  }

  @Query(() => LockConnection, { description: 'The locks granted to the caller, newest first.' })
  locks(
    @Arg('first', () => Int, { nullable: true }) first: number | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() context: GraphQLContext,
  ) {
    return visibleTargets(context, TargetKind.LOCK, first, after);
  }
}
