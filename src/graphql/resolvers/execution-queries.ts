import { requirePageSize } from '../../domain/validation.js';
import type { ExecutionFilter } from '../../store/execution-repository.js';
import { decodeCursor, primedConnection } from '../connections.js';
import { requireViewer, type GraphQLContext } from '../context.js';

/** A page of the executions the caller may see, newest first; used by queries and by target fields. */
export async function visibleExecutions(
  context: GraphQLContext,
  filter: ExecutionFilter,
  first: number | null | undefined,
  after: string | null | undefined,
) {
  const { viewer, loaders } = requireViewer(context);
  const page = await context.services.store.executions.listVisible(
    viewer,
    filter,
    requirePageSize(first),
    decodeCursor(after),
  );
  return primedConnection(page, loaders.execution);
}

/** A page of the caller's executions on one target, batched with every other target of the request. */
export async function visibleExecutionsOfTarget(
  context: GraphQLContext,
  targetId: string,
  first: number | null | undefined,
  after: string | null | undefined,
) {
  const { loaders } = requireViewer(context);
  const page = await loaders.targetExecutions.load({
    targetId,
    first: requirePageSize(first),
    afterSeq: decodeCursor(after),
  });
  return primedConnection(page, loaders.execution);
}
