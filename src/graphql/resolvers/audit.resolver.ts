import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { requirePageSize } from '../../domain/validation.js';
import { decodeAuditCursor, encodeAuditCursor } from '../../store/audit-repository.js';
import { requireViewer, type GraphQLContext } from '../context.js';
import { AuditEventConnection } from '../types/connections.js';

@Resolver()
export class AuditResolver {
  @Query(() => AuditEventConnection, {
    description:
      'The audit trail, newest first, optionally of one target, fleet or user (the actor or the subject of the ' +
      'event); every given filter must match. Admin only.',
  })
  async auditEvents(
    @Arg('targetId', () => ID, { nullable: true }) targetId: string | undefined,
    @Arg('fleetId', () => ID, { nullable: true }) fleetId: string | undefined,
    @Arg('userId', () => String, { nullable: true }) userId: string | undefined,
    @Arg('after', () => String, { nullable: true }) after: string | undefined,
    @Arg('first', () => Int, { nullable: true }) first: number | undefined,
    @Ctx() context: GraphQLContext,
  ) {
    const page = await context.services.registry.auditEvents(
      requireViewer(context).viewer,
      { targetId, fleetId, userId },
      requirePageSize(first),
      decodeAuditCursor(after),
    );
    const edges = page.items.map((node) => ({ cursor: encodeAuditCursor(node), node }));
    return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }
}
