import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { TargetKind } from '../../domain/enums.js';
import type { TargetRecord } from '../../store/records.js';
import { requireViewer, type GraphQLContext } from '../context.js';
import { GrantAccessInput } from '../inputs/grant-access.input.js';
import { RegisterLockInput } from '../inputs/register-lock.input.js';
import { RevokeGrantInput } from '../inputs/revoke-grant.input.js';
import { RegisterVehicleInput } from '../inputs/register-vehicle.input.js';
import { Lock } from '../types/lock.js';
import { Vehicle } from '../types/vehicle.js';

/** Admin mutations: the registry of targets and who may command them (role `admin`). */
@Resolver()
export class RegistryResolver {
  @Mutation(() => Vehicle, { description: 'Registers a vehicle with its provider references. Admin only.' })
  registerVehicle(
    @Arg('input', () => RegisterVehicleInput) input: RegisterVehicleInput,
    @Ctx() context: GraphQLContext,
  ): Promise<TargetRecord> {
    return context.services.registry.register(requireViewer(context).viewer, TargetKind.VEHICLE, input);
  }

  @Mutation(() => Lock, { description: 'Registers a smart lock with its provider reference. Admin only.' })
  registerLock(
    @Arg('input', () => RegisterLockInput) input: RegisterLockInput,
    @Ctx() context: GraphQLContext,
  ): Promise<TargetRecord> {
    return context.services.registry.register(requireViewer(context).viewer, TargetKind.LOCK, input);
  }

  @Mutation(() => Boolean, {
    description:
      'Gives a user a role (OPERATOR unless said) on a target or on every target of a fleet, for a window. ' +
      'Granting exactly the same again is harmless; another window is another grant (see grants). Admin only.',
  })
  async grantAccess(
    @Arg('input', () => GrantAccessInput) input: GrantAccessInput,
    @Ctx() context: GraphQLContext,
  ): Promise<boolean> {
    await context.services.registry.grant(requireViewer(context).viewer, input);
    return true;
  }

  @Mutation(() => Boolean, {
    description:
      'Takes away every grant of the user on that target or fleet (no role or window: revokeGrant removes one); ' +
      'false when there was none. Live streams the user no longer may see end FORBIDDEN. Admin only.',
  })
  revokeAccess(
    @Arg('input', () => GrantAccessInput) input: GrantAccessInput,
    @Ctx() context: GraphQLContext,
  ): Promise<boolean> {
    return context.services.registry.revoke(requireViewer(context).viewer, input);
  }

  @Mutation(() => Boolean, {
    description: 'Removes one grant; false when there is no such grant. Admin only.',
  })
  revokeGrant(
    @Arg('input', () => RevokeGrantInput) input: RevokeGrantInput,
    @Ctx() context: GraphQLContext,
  ): Promise<boolean> {
    return context.services.registry.revokeGrant(requireViewer(context).viewer, input.grantId);
  }
}
