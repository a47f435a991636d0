import { isIdOf } from '../../domain/ids.js';
import type { ExecutionRecord } from '../../store/records.js';
import { requireViewer, type GraphQLContext } from '../context.js';

/**
 * `_entities` for CommandExecution: batched by the request's DataLoader; invisible or
 * not an execution id of ours → null. A malformed id never reaches the batch.
 */
export async function resolveCommandExecutionReference(
  reference: { id: unknown },
  context: GraphQLContext,
): Promise<ExecutionRecord | null> {
  const { loaders } = requireViewer(context);
  if (typeof reference.id !== 'string' || !isIdOf('execution', reference.id)) return null;
  return loaders.execution.load(reference.id);
}
