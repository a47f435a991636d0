import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { GraphQLScalarType } from 'graphql';
import type { GraphQLContext } from './context.js';
import { internalError, toGraphQLError } from './errors.js';

/**
 * Runs a resolver and turns what it throws into a coded GraphQL error; an
 * unknown error is logged with its stack and reaches the client only as
 * "Internal server error".
 */
export async function mapErrors<T>(context: GraphQLContext, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const mapped = toGraphQLError(error);
    if (mapped) throw mapped;
    context.services.logger.error(
      { err: error, requestId: context.requestId, userId: context.viewer?.userId },
      'resolver failed',
    );
    throw internalError();
  }
}

type Resolver = (...args: unknown[]) => unknown;

/** Where a resolver receives the context: `(source, args, context, info)` or `(reference, context, info)`. */
const FIELD_CONTEXT = 2;
const REFERENCE_CONTEXT = 1;

function mapped(resolve: Resolver, contextAt: number): Resolver {
  return (...args) => mapErrors(args[contextAt] as GraphQLContext, async () => resolve(...args));
}

/**
 * Every resolver we wrote — queries, mutations, field resolvers, subscribe
 * functions and entity references — maps its errors through `mapErrors`,
 * applied here once for the whole schema, over HTTP and WebSocket alike.
 * Not through type-graphql's `globalMiddlewares`: those also wrap every
 * plain property field in an async middleware chain, which made a 50-item
 * list query cost 3–4× the CPU (docs/architecture.md, decisions).
 */
export function withErrorMapping(resolvers: GraphQLResolverMap<unknown>): GraphQLResolverMap<unknown> {
  const result: GraphQLResolverMap<unknown> = {};
  for (const [typeName, fields] of Object.entries(resolvers)) {
    if (fields instanceof GraphQLScalarType) {
      result[typeName] = fields;
      continue;
    }
    const wrapped: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(fields as Record<string, unknown>)) {
      wrapped[name] = mappedField(name, field);
    }
    result[typeName] = wrapped as GraphQLResolverMap<unknown>[string];
  }
  return result;
}

/** Enum values and type predicates (`__isTypeOf`, `__resolveType`) stay as they are. */
function mappedField(name: string, field: unknown): unknown {
  if (name === '__resolveReference') return mapped(field as Resolver, REFERENCE_CONTEXT);
  if (name.startsWith('__')) return field;
  if (typeof field === 'function') return mapped(field as Resolver, FIELD_CONTEXT);
  if (field !== null && typeof field === 'object') {
    const { subscribe, resolve } = field as { subscribe?: Resolver; resolve?: Resolver };
    return {
      ...field,
      ...(subscribe && { subscribe: mapped(subscribe, FIELD_CONTEXT) }),
      ...(resolve && { resolve: mapped(resolve, FIELD_CONTEXT) }),
    };
  }
  return field;
}

/**
 * The same mapping for a subscription's stream: an error that ends a stream
 * (a database fault while fetching a change) reaches the client coded and
 * masked, like a resolver's, instead of as a raw message.
 */
export function mapStreamErrors<T>(
  context: GraphQLContext,
  stream: AsyncIterableIterator<T>,
): AsyncIterableIterator<T> {
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
