import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { requirePageSize } from '../../domain/validation.js';
import type { FleetRecord } from '../../store/fleet-repository.js';
import type { GrantRecord } from '../../store/grant-repository.js';
import type { TargetRecord } from '../../store/records.js';
import { decodeCursor, toConnection } from '../connections.js';
import { requireViewer, type GraphQLContext } from '../context.js';
import { CommandTarget } from '../types/command-target.js';
import { GrantConnection } from '../types/connections.js';
import { Fleet } from '../types/fleet.js';
import { Grant } from '../types/grant.js';

/** The grants themselves, for admins. */
@Resolver(() => Grant)
export class GrantResolver {
  @Query(() => GrantConnection, {
    description:
      'The grants in force or still to come, newest first, optionally of one user, target or fleet (every given ' +
      'filter must match). Admin only.',
  })
  async grants(
    @Arg('userId', () => String, { nullable: true }) userId: string | undefined,
    @Arg('targetId', () => ID, { nullable: true }) targetId: string | undefined,
    @Arg('fleetId', () => ID, { nullable: true }) fleetId: string | undefined,
    @Arg('first', () => Int, { nullable: true }) first: number | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() context: GraphQLContext,
  ) {
    const { viewer } = requireViewer(context);
    const page = await context.services.registry.grants(
      viewer,
      { userId, targetId, fleetId },
      requirePageSize(first),
      decodeCursor(after),
    );
    return toConnection(page);
  }

  @FieldResolver(() => CommandTarget, { nullable: true, description: 'The target, for a grant on one target.' })
  target(@Root() grant: GrantRecord, @Ctx() context: GraphQLContext): Promise<TargetRecord | null> | null {
    return grant.targetId === null ? null : requireViewer(context).loaders.target.load(grant.targetId);
  }

  @FieldResolver(() => Fleet, { nullable: true, description: 'The fleet, for a grant on a fleet.' })
  fleet(@Root() grant: GrantRecord, @Ctx() context: GraphQLContext): Promise<FleetRecord | null> | null {
    return grant.fleetId === null ? null : requireViewer(context).loaders.fleet.load(grant.fleetId);
  }
}
