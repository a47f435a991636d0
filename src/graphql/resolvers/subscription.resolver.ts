import { Arg, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { ExecutionRecord } from '../../store/records.js';
import { requireViewer, type GraphQLContext } from '../context.js';
import { mapErrors, mapStreamErrors } from '../middleware.js';
import { CommandExecution } from '../types/command-execution.js';

/**
 * Live executions over graphql-ws. The subscribe functions check visibility
 * before the first message: subscribing to what one may not see is an error.
 */
@Resolver()
export class SubscriptionResolver {
  @Subscription(() => CommandExecution, {
    description: 'The execution now, then every change in version order; completes after a final status.',
    subscribe: ({ args, context }) =>
      mapErrors(context as GraphQLContext, async () =>
        mapStreamErrors(
          context as GraphQLContext,
          await (context as GraphQLContext).services.streams.watchExecution(
            (args as { id: string }).id,
            requireViewer(context as GraphQLContext).viewer,
          ),
        ),
      ),
  })
  commandExecutionUpdated(@Root() execution: ExecutionRecord, @Arg('id', () => ID) _id: string): ExecutionRecord {
    return execution;
  }

  @Subscription(() => CommandExecution, {
    description: "Every change of the caller's executions, optionally on one target.",
    subscribe: ({ args, context }) =>
      mapErrors(context as GraphQLContext, async () =>
        mapStreamErrors(
          context as GraphQLContext,
          await (context as GraphQLContext).services.streams.watchExecutions(
            requireViewer(context as GraphQLContext).viewer,
            (args as { targetId?: string | null }).targetId ?? null,
          ),
        ),
      ),
  })
  commandExecutionsUpdated(
    @Root() execution: ExecutionRecord,
    @Arg('targetId', () => ID, { nullable: true }) _targetId: string | undefined,
  ): ExecutionRecord {
    return execution;
  }
}
