import type { ExecutionRecord } from '../../store/records.js';
import { requireViewer, type GraphQLContext } from '../context.js';

/** `_entities` for CommandExecution: batched by the request's DataLoader; invisible → null. */
export function resolveCommandExecutionReference(
  reference: { id: string },
  context: GraphQLContext,
): Promise<ExecutionRecord | null> {
  return requireViewer(context).loaders.execution.load(reference.id);
}
