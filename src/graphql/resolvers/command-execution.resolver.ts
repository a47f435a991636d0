import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { NotFoundError } from '../../domain/errors.js';
import { isIdOf } from '../../domain/ids.js';
import { isCancelable, isFinal } from '../../domain/status.js';
import type { ExecutionRecord, TargetRecord, TransitionRecord } from '../../store/records.js';
import { requireViewer, type GraphQLContext } from '../context.js';
import { CommandExecutionFilter } from '../inputs/command-execution-filter.input.js';
import { CommandExecution } from '../types/command-execution.js';
import { CommandTarget } from '../types/command-target.js';
import { CommandExecutionConnection } from '../types/connections.js';
import { IgnitionConfirmation } from '../types/ignition-confirmation.js';
import { StatusTransition } from '../types/status-transition.js';
import { visibleExecutions } from './execution-queries.js';

@Resolver(() => CommandExecution)
export class CommandExecutionResolver {
  @Query(() => CommandExecution, {
    nullable: true,
    description: "One of the caller's executions (NOT_FOUND otherwise).",
  })
  async commandExecution(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<ExecutionRecord> {
    const { loaders } = requireViewer(context);
    const execution = isIdOf('execution', id) ? await loaders.execution.load(id) : null;
    if (!execution) throw new NotFoundError('command execution');
    return execution;
  }

  @Query(() => CommandExecutionConnection, { description: "The caller's executions, newest first." })
  commandExecutions(
    @Arg('filter', () => CommandExecutionFilter, { nullable: true }) filter: CommandExecutionFilter | undefined,
    @Arg('first', () => Int, { nullable: true }) first: number | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Ctx() context: GraphQLContext,
  ) {
    return visibleExecutions(context, filter ?? {}, first, after);
  }

  @FieldResolver(() => CommandTarget)
  async target(@Root() execution: ExecutionRecord, @Ctx() context: GraphQLContext): Promise<TargetRecord> {
    const { loaders } = requireViewer(context);
    const target = await loaders.target.load(execution.targetId);
    // Execution visibility already requires a grant on the target.
    if (!target) throw new NotFoundError('target');
    return target;
  }

  @FieldResolver(() => [StatusTransition])
  history(@Root() execution: ExecutionRecord, @Ctx() context: GraphQLContext): Promise<TransitionRecord[]> {
    return requireViewer(context).loaders.history.load(execution.id);
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether it has ended (SUCCESS, FAILURE, CANCELED): nothing about it changes any more.',
  })
  isFinal(@Root() execution: ExecutionRecord): boolean {
    return isFinal(execution.status);
  }

  @FieldResolver(() => Boolean, {
    description:
      'Whether cancelCommandExecution may still end it: it has not been sent (QUEUED, AWAITING_CONFIRMATION).',
  })
  cancelable(@Root() execution: ExecutionRecord): boolean {
    return isCancelable(execution.status);
  }

  @FieldResolver(() => IgnitionConfirmation, { nullable: true })
  confirmation(@Root() execution: ExecutionRecord, @Ctx() context: GraphQLContext): IgnitionConfirmation | null {
    const { confirmationCode, confirmationMessage: message, confirmationExpiresAt: expiresAt } = execution;
    if (confirmationCode === null || message === null || expiresAt === null) return null;
    // The code is the requester's second factor: whoever else sees the execution (a VIEWER, a SUPERVISOR, an admin) does not see it.
    const code = requireViewer(context).viewer.userId === execution.requestedBy ? confirmationCode : null;
    return { code, message, expiresAt };
  }
}
