import { TargetKind } from '../../domain/enums.js';
import { isIdOf, targetIdKind } from '../../domain/ids.js';
import { NotFoundError } from '../../domain/errors.js';
import { requirePageSize } from '../../domain/validation.js';
import type { TargetRecord } from '../../store/records.js';
import { decodeCursor, primedConnection } from '../connections.js';
import { requireViewer, type GraphQLContext } from '../context.js';

/** Shared by the Vehicle and Lock resolvers: one visible target by id, or a page of them. */
export async function visibleTarget(context: GraphQLContext, kind: TargetKind, id: string): Promise<TargetRecord> {
  const { loaders } = requireViewer(context);
  const idKind = targetIdKind(kind);
  const target = isIdOf(idKind, id) ? await loaders.target.load(id) : null;
  if (!target || target.kind !== kind) throw new NotFoundError(idKind);
  return target;
}

export async function visibleTargets(
  context: GraphQLContext,
  kind: TargetKind,
  first: number | null | undefined,
  after: string | null | undefined,
) {
  const { viewer, loaders } = requireViewer(context);
  const page = await context.services.store.targets.listVisible(
    kind,
    viewer,
    requirePageSize(first),
    decodeCursor(after),
  );
  return primedConnection(page, loaders.target);
}
