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
    context.services.logger.error({ err: error, requestId: context.requestId, userId: context.viewer?.userId }, 'resolver failed');
    throw internalError();
  }
}

export const ErrorMapping: MiddlewareFn<GraphQLContext> = ({ context }, next) => mapErrors(context, next);

/**
 * The same mapping for a subscription's stream: an error that ends a stream
 * (a database fault while fetching a change) reaches the client coded and
 * masked, like a resolver's, instead of as a raw message.
 */
export function mapStreamErrors<T>(context: GraphQLContext, stream: AsyncIterableIterator<T>): AsyncIterableIterator<T> {
  const mapped = (error: unknown): never => {
    const known = toGraphQLError(error);
    if (known) throw known;
    context.services.logger.error(
      { err: error, requestId: context.requestId, userId: context.viewer?.userId },
      'subscription stream failed',
    );
    throw internalError();
  };
  return {
    next: () => stream.next().catch(mapped),
    return: (value?: unknown) => stream.return?.(value) ?? Promise.resolve({ value: undefined, done: true }),
    throw: (error?: unknown) => stream.throw?.(error) ?? Promise.reject(error),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
