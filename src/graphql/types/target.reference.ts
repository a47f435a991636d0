import type { TargetKind } from '../../domain/enums.js';
import type { TargetRecord } from '../../store/records.js';
import { requireViewer, type GraphQLContext } from '../context.js';

/** `_entities` for a target type: batched by the request's DataLoader; invisible or of the other kind → null. */
export function resolveTargetReference(kind: TargetKind) {
  return async (reference: { id: string }, context: GraphQLContext): Promise<TargetRecord | null> => {
    const target = await requireViewer(context).loaders.target.load(reference.id);
    return target?.kind === kind ? target : null;
  };
}
