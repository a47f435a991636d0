import { Arg, ID, Int, Resolver, Root, Subscription } from 'type-graphql';
import type { Viewer } from '../../domain/viewer.js';
import type { ExecutionRecord } from '../../store/records.js';
import { requireViewer, type GraphQLContext } from '../context.js';
import { mapStreamErrors } from '../error-mapping.js';
import { endStream } from '../stream-end.js';
import type { Channel } from '../../live/channel.js';
import type { ExecutionChange } from '../../live/execution-streams.js';
import { CommandExecution } from '../types/command-execution.js';
import { CommandExecutionChange } from '../types/command-execution-change.js';

/**
 * Opens a stream for the caller: refusals (not authenticated, not visible)
 * become coded errors before the first message, failures of the stream
 * itself reach the client coded and masked, and the stream ends with an error
 * when the caller's token expires or the server shuts it down.
 */
async function openStream<T>(
  context: unknown,
  field: string,
  open: (viewer: Viewer, services: GraphQLContext['services']) => Promise<Channel<T>>,
) {
  const ctx = context as GraphQLContext;
  const scope = { transport: ctx.transport, field, requestId: ctx.requestId, userId: ctx.viewer?.userId };
  let channel: Channel<T>;
  let stream: AsyncIterableIterator<T>;
  try {
    const { viewer } = requireViewer(ctx);
    channel = await open(viewer, ctx.services);
    stream = endStream(channel, { expiresAt: viewer.expiresAt, shutdown: ctx.streamShutdown });
  } catch (error) {
    ctx.services.subscriptions.refused(scope, error);
    throw error;
  }
  const observed = ctx.services.subscriptions.started(scope, mapStreamErrors(ctx, stream));
  // The transport writes the results itself: the stream's iterator then only reports its end.
  const deliver = ctx.deliverResults;
  if (deliver) {
    channel.deliverWith((event) => {
      observed.delivered();
      return deliver(event);
    });
  }
  return observed;
}

/**
 * Live executions, on every subscription transport. The subscribe functions check visibility
 * before the first message: subscribing to what one may not see is an error.
 */
@Resolver()
export class SubscriptionResolver {
  @Subscription(() => CommandExecution, {
    description:
      'The execution now (or, with afterVersion, every version after that one), then every change in version ' +
      'order; completes after a final status.',
    subscribe: ({ args, context }) =>
      openStream(context, 'commandExecutionUpdated', (viewer, services) => {
        const { id, afterVersion } = args as { id: string; afterVersion?: number | null };
        return services.streams.watchExecution(id, viewer, afterVersion ?? undefined);
      }),
  })
  commandExecutionUpdated(
    @Root() execution: ExecutionRecord,
    @Arg('id', () => ID) _id: string,
    @Arg('afterVersion', () => Int, {
      nullable: true,
      description:
        'Resume after this version (the last one received): every stored version after it, in order, ' +
        'then live changes, with no gap and no duplicate. Beyond the current version: BAD_USER_INPUT.',
    })
    _afterVersion: number | undefined,
  ): ExecutionRecord {
    return execution;
  }

  @Subscription(() => CommandExecution, {
    description: "Every change of the caller's executions, optionally on one target.",
    subscribe: ({ args, context }) =>
      openStream(context, 'commandExecutionsUpdated', (viewer, services) =>
        services.streams.watchExecutions(viewer, (args as { targetId?: string | null }).targetId ?? null),
      ),
  })
  commandExecutionsUpdated(
    @Root() execution: ExecutionRecord,
    @Arg('targetId', () => ID, { nullable: true }) _targetId: string | undefined,
  ): ExecutionRecord {
    return execution;
  }

  @Subscription(() => CommandExecutionChange, {
    description:
      "Every change of the caller's executions (optionally on one target), each with a cursor; with `after`, " +
      'first every change after that cursor the caller may see now, then live ones. At least once, with no gap: ' +
      'a change repeats only if it was delivered already (same execution id and version), so drop repeats.',
    subscribe: ({ args, context }) =>
      openStream(context, 'commandExecutionChanges', (viewer, services) => {
        const { targetId, after } = args as { targetId?: string | null; after?: string | null };
        return services.streams.watchChanges(viewer, targetId ?? null, after ?? undefined);
      }),
  })
  commandExecutionChanges(
    @Root() change: ExecutionChange,
    @Arg('targetId', () => ID, { nullable: true }) _targetId: string | undefined,
    @Arg('after', () => String, {
      nullable: true,
      description:
        'The cursor of the last change received. Older than CHANGE_REPLAY_WINDOW_HOURS: CURSOR_EXPIRED; ' +
        'not a cursor: BAD_USER_INPUT.',
    })
    _after: string | undefined,
  ): ExecutionChange {
    return change;
  }
}
