import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { TargetKind } from '../../domain/enums.js';
import type { TargetRecord } from '../../store/records.js';
import type { GraphQLContext } from '../context.js';
import { VehicleConnection } from '../types/connections.js';
import { Vehicle } from '../types/vehicle.js';
import { visibleTarget, visibleTargets } from './target-queries.js';

@Resolver(() => Vehicle)
export class VehicleResolver {
  @Query(() => Vehicle, { nullable: true, description: 'A vehicle granted to the caller (NOT_FOUND otherwise).' })
  vehicle(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<TargetRecord> {
    return visibleTarget(context, TargetKind.VEHICLE, id);
  }

  @Query(() => VehicleConnection, { description: 'The vehicles granted to the caller, newest first.' })
  vehicles(
    @Arg('first', () => Int, { nullable: true }) first: number | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() context: GraphQLContext,
  ) {
    return visibleTargets(context, TargetKind.VEHICLE, first, after);
  }
}
