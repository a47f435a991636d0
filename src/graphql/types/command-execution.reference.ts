import type { ExecutionRecord } from '../../store/records.js';
import { requireViewer, type GraphQLContext } from '../context.js';
import { mapErrors } from '../middleware.js';

/** `_entities` for CommandExecution: batched by the request's DataLoader; invisible → null. */
export function resolveCommandExecutionReference(
  reference: { id: string },
  context: GraphQLContext,
): Promise<ExecutionRecord | null> {
  return mapErrors(context, () => requireViewer(context).loaders.execution.load(reference.id));
}
