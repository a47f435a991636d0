import { isIdOf } from '../../domain/ids.js';
import type { FleetRecord } from '../../store/fleet-repository.js';
import { requireViewer, type GraphQLContext } from '../context.js';

/** `_entities` for Fleet: batched by the request's DataLoader; invisible or not an id of ours → null. */
export async function resolveFleetReference(
  reference: { id: unknown },
  context: GraphQLContext,
): Promise<FleetRecord | null> {
  const { loaders } = requireViewer(context);
  if (typeof reference.id !== 'string' || !isIdOf('fleet', reference.id)) return null;
  return loaders.fleet.load(reference.id);
}
