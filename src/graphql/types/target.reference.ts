import type { TargetKind } from '../../domain/enums.js';
import { isIdOf, targetIdKind } from '../../domain/ids.js';
import type { TargetRecord } from '../../store/records.js';
import { requireViewer, type GraphQLContext } from '../context.js';

/**
 * `_entities` for a target type: batched by the request's DataLoader; invisible, of the
 * other kind or not an id of ours at all → null, like an unknown one. A malformed id
 * (a number, an array, a NUL) never reaches the batch, where it would fail the others.
 */
export function resolveTargetReference(kind: TargetKind) {
  return async (reference: { id: unknown }, context: GraphQLContext): Promise<TargetRecord | null> => {
    const { loaders } = requireViewer(context);
    if (typeof reference.id !== 'string' || !isIdOf(targetIdKind(kind), reference.id)) return null;
    const target = await loaders.target.load(reference.id);
    return target?.kind === kind ? target : null;
  };
}
