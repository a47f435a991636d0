import type { TargetKind } from '../../domain/enums.js';
import type { TargetRecord } from '../../store/records.js';
import { requireViewer, type GraphQLContext } from '../context.js';
import { mapErrors } from '../middleware.js';

/** `_entities` for a target type: batched by the request's DataLoader; invisible or of the other kind → null. */
export function resolveTargetReference(kind: TargetKind) {
  return (reference: { id: string }, context: GraphQLContext): Promise<TargetRecord | null> =>
    mapErrors(context, async () => {
      const target = await requireViewer(context).loaders.target.load(reference.id);
      return target?.kind === kind ? target : null;
    });
}
