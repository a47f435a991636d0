import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import {
  requireCoordinates,
  requirePercent,
  requireReason,
  type CommandParameters,
} from '../../domain/command-rules.js';
import { CommandType, TargetKind } from '../../domain/enums.js';
import type { ExecutionRecord } from '../../store/records.js';
import { requireViewer, type GraphQLContext } from '../context.js';
import { ApproveCommandInput } from '../inputs/approve-command.input.js';
import { CancelCommandExecutionInput } from '../inputs/cancel-command-execution.input.js';
import { RejectCommandInput } from '../inputs/reject-command.input.js';
import { ConfirmIgnitionInput } from '../inputs/confirm-ignition.input.js';
import { OpenLockInput } from '../inputs/open-lock.input.js';
import { RequestIgnitionInput } from '../inputs/request-ignition.input.js';
import { SetChargeLimitInput } from '../inputs/set-charge-limit.input.js';
import { SetNavigationDestinationInput } from '../inputs/set-navigation-destination.input.js';
import { VehicleCommandInput } from '../inputs/vehicle-command.input.js';
import { CommandExecution } from '../types/command-execution.js';

/**
 * The command mutations. Each answers with the execution: the provider's
 * answer when it comes within the ack bound, otherwise still PENDING, or
 * QUEUED behind another command to the same target (follow it with
 * `commandExecutionUpdated`). Refusals by the provider are recorded on
 * the execution (FAILURE + error), not raised as GraphQL errors.
 */
@Resolver()
export class CommandResolver {
  @Mutation(() => CommandExecution, { description: 'Locks all doors.' })
  lockVehicle(@Arg('input', () => VehicleCommandInput) input: VehicleCommandInput, @Ctx() context: GraphQLContext) {
    return vehicleCommand(context, CommandType.LOCK, input, {});
  }

  @Mutation(() => CommandExecution, { description: 'Unlocks the doors.' })
  unlockVehicle(@Arg('input', () => VehicleCommandInput) input: VehicleCommandInput, @Ctx() context: GraphQLContext) {
    return vehicleCommand(context, CommandType.UNLOCK, input, {});
  }

  @Mutation(() => CommandExecution)
  startCharging(@Arg('input', () => VehicleCommandInput) input: VehicleCommandInput, @Ctx() context: GraphQLContext) {
    return vehicleCommand(context, CommandType.START_CHARGE, input, {});
  }

  @Mutation(() => CommandExecution)
  stopCharging(@Arg('input', () => VehicleCommandInput) input: VehicleCommandInput, @Ctx() context: GraphQLContext) {
    return vehicleCommand(context, CommandType.STOP_CHARGE, input, {});
  }

  @Mutation(() => CommandExecution, { description: 'Sets the charge limit (50–100 %).' })
  setChargeLimit(@Arg('input', () => SetChargeLimitInput) input: SetChargeLimitInput, @Ctx() context: GraphQLContext) {
    return vehicleCommand(context, CommandType.SET_CHARGE_LIMIT, input, () => requirePercent(input.percent));
  }

  @Mutation(() => CommandExecution, { description: "Sends a destination to the vehicle's navigation." })
  setNavigationDestination(
    @Arg('input', () => SetNavigationDestinationInput) input: SetNavigationDestinationInput,
    @Ctx() context: GraphQLContext,
  ) {
    return vehicleCommand(context, CommandType.SET_NAVIGATION_DESTINATION, input, () =>
      requireCoordinates(input.latitude, input.longitude),
    );
  }

  @Mutation(() => CommandExecution, { description: 'Opens a smart lock.' })
  openLock(
    @Arg('input', () => OpenLockInput) input: OpenLockInput,
    @Ctx() context: GraphQLContext,
  ): Promise<ExecutionRecord> {
    const { viewer } = requireViewer(context);
    return context.services.commands.send(
      viewer,
      {
        commandType: CommandType.OPEN_LOCK,
        targetKind: TargetKind.LOCK,
        targetId: input.lockId,
        parameters: () => requireReason(input.reason),
        idempotencyKey: input.idempotencyKey,
        reason: input.reason,
      },
      context.requestId,
    );
  }

  @Mutation(() => CommandExecution, {
    description:
      'Takes back a command that has not been sent (QUEUED, AWAITING_APPROVAL or AWAITING_CONFIRMATION): it ends CANCELED with ' +
      'error CANCELED_BY_USER. Its requester or an admin may. A sent command cannot be taken back: CANNOT_CANCEL.',
  })
  cancelCommandExecution(
    @Arg('input', () => CancelCommandExecutionInput) input: CancelCommandExecutionInput,
    @Ctx() context: GraphQLContext,
  ) {
    return context.services.commands.cancel(requireViewer(context).viewer, input, context.requestId);
  }

  @Mutation(() => CommandExecution, {
    description:
      'First step of enabling or disabling ignition: answers AWAITING_CONFIRMATION with the confirmation ' +
      '(code, message, expiresAt) to show the user. With the second-person policy (IMMOBILIZATION_APPROVAL), ' +
      'disabling needs a reason and answers AWAITING_APPROVAL: nothing is sent before another user approves it.',
  })
  requestIgnition(
    @Arg('input', () => RequestIgnitionInput) input: RequestIgnitionInput,
    @Ctx() context: GraphQLContext,
  ) {
    return context.services.commands.requestIgnition(requireViewer(context).viewer, input, context.requestId);
  }

  @Mutation(() => CommandExecution, {
    description:
      "Approves another user's immobilization awaiting approval: a SUPERVISOR of its vehicle or an admin, never " +
      'its requester (FORBIDDEN). It then goes on to the confirmation step (AWAITING_CONFIRMATION, the code shown ' +
      'to the requester). If the requester may no longer command the vehicle, it ends CANCELED/ACCESS_ENDED.',
  })
  approveCommand(@Arg('input', () => ApproveCommandInput) input: ApproveCommandInput, @Ctx() context: GraphQLContext) {
    return context.services.commands.approve(requireViewer(context).viewer, input, context.requestId);
  }

  @Mutation(() => CommandExecution, {
    description:
      "Rejects another user's immobilization awaiting approval (same rights as approveCommand): it ends " +
      'CANCELED with error REJECTED, never sent.',
  })
  rejectCommand(@Arg('input', () => RejectCommandInput) input: RejectCommandInput, @Ctx() context: GraphQLContext) {
    return context.services.commands.reject(requireViewer(context).viewer, input, context.requestId);
  }

  @Mutation(() => CommandExecution, {
    description: 'Second step: the same user, before expiry, with the code, once. Five wrong codes end the execution.',
  })
  confirmIgnition(
    @Arg('input', () => ConfirmIgnitionInput) input: ConfirmIgnitionInput,
    @Ctx() context: GraphQLContext,
  ) {
    return context.services.commands.confirmIgnition(requireViewer(context).viewer, input, context.requestId);
  }
}

/** Checks in order: authenticated here; granted, supported, parameters, idempotency in the service. */
async function vehicleCommand(
  context: GraphQLContext,
  commandType: CommandType,
  input: { vehicleId: string; idempotencyKey?: string | null; reason?: string | null },
  parameters: CommandParameters | (() => CommandParameters),
): Promise<ExecutionRecord> {
  const { viewer } = requireViewer(context);
  return context.services.commands.send(
    viewer,
    {
      commandType,
      targetKind: TargetKind.VEHICLE,
      targetId: input.vehicleId,
      parameters,
      idempotencyKey: input.idempotencyKey,
      reason: input.reason,
    },
    context.requestId,
  );
}
