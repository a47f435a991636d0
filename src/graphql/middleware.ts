import type { MiddlewareFn } from 'type-graphql';
import type { GraphQLContext } from './context.js';
import { internalError, toGraphQLError } from './errors.js';

/**
 * Runs a resolver and turns what it throws into a coded GraphQL error; an
 * unknown error is logged with its stack and reaches the client only as
 * "Internal server error". Middlewares survive `buildSubgraphSchema`, so this
 * covers HTTP and WebSocket operations alike.
 */
export async function mapErrors<T>(context: GraphQLContext, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const mapped = toGraphQLError(error);
    if (mapped) throw mapped;
    context.services.logger.error({ err: error, userId: context.viewer?.userId }, 'resolver failed');
    throw internalError();
  }
}

export const ErrorMapping: MiddlewareFn<GraphQLContext> = ({ context }, next) => mapErrors(context, next);
