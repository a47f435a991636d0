import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { NotFoundError } from '../../domain/errors.js';
import { isIdOf } from '../../domain/ids.js';
import { requirePageSize } from '../../domain/validation.js';
import type { FleetRecord } from '../../store/fleet-repository.js';
import { decodeCursor, primedConnection } from '../connections.js';
import { requireViewer, type GraphQLContext } from '../context.js';
import { CreateFleetInput } from '../inputs/create-fleet.input.js';
import { DeleteFleetInput } from '../inputs/delete-fleet.input.js';
import { FleetTargetsInput } from '../inputs/fleet-targets.input.js';
import { RenameFleetInput } from '../inputs/rename-fleet.input.js';
import { CommandTargetConnection, FleetConnection } from '../types/connections.js';
import { Fleet } from '../types/fleet.js';

/** Fleets: admins change them; a user sees those they hold a grant on now. */
@Resolver(() => Fleet)
export class FleetResolver {
  @Query(() => Fleet, {
    nullable: true,
    description: 'A fleet: any for an admin, one the caller holds a grant on otherwise (NOT_FOUND if not).',
  })
  async fleet(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<FleetRecord> {
    const fleet = isIdOf('fleet', id) ? await requireViewer(context).loaders.fleet.load(id) : null;
    if (!fleet) throw new NotFoundError('fleet');
    return fleet;
  }

  @Query(() => FleetConnection, {
    description: 'Every fleet for an admin; the fleets the caller holds a grant on otherwise. Newest first.',
  })
  async fleets(
    @Arg('first', () => Int, { nullable: true }) first: number | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() context: GraphQLContext,
  ) {
    const { viewer, loaders } = requireViewer(context);
    const page = await context.services.fleets.list(viewer, requirePageSize(first), decodeCursor(after));
    return primedConnection(page, loaders.fleet);
  }

  @FieldResolver(() => CommandTargetConnection, {
    description: 'The targets in the fleet that the caller sees, newest first.',
  })
  async targets(
    @Root() fleet: FleetRecord,
    @Arg('first', () => Int, { nullable: true }) first: number | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() context: GraphQLContext,
  ) {
    const { viewer, loaders } = requireViewer(context);
    const page = await context.services.store.targets.listInFleet(
      fleet.id,
      viewer,
      requirePageSize(first),
      decodeCursor(after),
    );
    return primedConnection(page, loaders.target);
  }

  @Mutation(() => Fleet, { description: 'Creates an empty fleet. Admin only.' })
  createFleet(
    @Arg('input', () => CreateFleetInput) input: CreateFleetInput,
    @Ctx() context: GraphQLContext,
  ): Promise<FleetRecord> {
    return context.services.fleets.create(requireViewer(context).viewer, input.name);
  }

  @Mutation(() => Fleet, { description: 'Renames a fleet. Admin only.' })
  renameFleet(
    @Arg('input', () => RenameFleetInput) input: RenameFleetInput,
    @Ctx() context: GraphQLContext,
  ): Promise<FleetRecord> {
    return context.services.fleets.rename(requireViewer(context).viewer, input.fleetId, input.name);
  }

  @Mutation(() => Boolean, {
    description:
      'Deletes a fleet and the grants given on it: the access they gave ends at once, live streams included. ' +
      'Admin only.',
  })
  deleteFleet(
    @Arg('input', () => DeleteFleetInput) input: DeleteFleetInput,
    @Ctx() context: GraphQLContext,
  ): Promise<boolean> {
    return context.services.fleets.delete(requireViewer(context).viewer, input.fleetId);
  }

  @Mutation(() => Fleet, {
    description:
      'Adds 1 to 1,000 targets to a fleet; adding twice is harmless. An unknown id adds nothing (BAD_USER_INPUT, ' +
      'naming none). Admin only.',
  })
  addToFleet(
    @Arg('input', () => FleetTargetsInput) input: FleetTargetsInput,
    @Ctx() context: GraphQLContext,
  ): Promise<FleetRecord> {
    return context.services.fleets.add(requireViewer(context).viewer, input.fleetId, input.targetIds);
  }

  @Mutation(() => Fleet, {
    description:
      'Removes 1 to 1,000 targets from a fleet: the access given through the fleet to them ends at once, live ' +
      'streams included. Admin only.',
  })
  removeFromFleet(
    @Arg('input', () => FleetTargetsInput) input: FleetTargetsInput,
    @Ctx() context: GraphQLContext,
  ): Promise<FleetRecord> {
    return context.services.fleets.remove(requireViewer(context).viewer, input.fleetId, input.targetIds);
  }
}
