import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { GraphQLScalarType, type GraphQLError } from 'graphql';
import type { GraphQLContext } from './context.js';
import { clientErrorOf } from './errors.js';

/**
 * What a resolver or a stream threw, as the error the client sees: a known one
 * coded; an unknown one logged with its stack and sent only as "Internal server error".
 */
function clientError(context: GraphQLContext, error: unknown, failed: string): GraphQLError {
  return clientErrorOf(error, (unknown) =>
    context.services.logger.error(
      { err: unknown, requestId: context.requestId, userId: context.viewer?.userId },
      failed,
    ),
  );
}

type FieldResolver = (source: unknown, args: unknown, context: GraphQLContext, info: unknown) => unknown;
type ReferenceResolver = (reference: unknown, context: GraphQLContext, info: unknown) => unknown;

/**
 * A field resolver, `(source, args, context, info)`, its errors mapped. A value it
 * answers synchronously stays synchronous: most fields are plain properties, and a
 * promise for each would make graphql-js await every one (a list query then costs
 * about twice the CPU). Fixed arity, no rest arguments: this runs for every field.
 */
function mappedField(resolve: FieldResolver): FieldResolver {
  return (source, args, context, info) => {
    try {
      return mapRejection(context, resolve(source, args, context, info));
    } catch (error) {
      throw clientError(context, error, 'resolver failed');
    }
  };
}

/**
 * An entity reference resolver, `(reference, context, info)`, its errors mapped.
 * Always a promise: `_entities` calls it inside a map over the representations,
 * where a synchronous throw would fail them all instead of this one.
 */
function mappedReference(resolve: ReferenceResolver): ReferenceResolver {
  return async (reference, context, info) => {
    try {
      return await resolve(reference, context, info);
    } catch (error) {
      throw clientError(context, error, 'resolver failed');
    }
  };
}

function mapRejection(context: GraphQLContext, result: unknown): unknown {
  if (!isPromiseLike(result)) return result;
  return Promise.resolve(result).catch((error: unknown) => {
    throw clientError(context, error, 'resolver failed');
  });
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

/**
 * Every resolver in the schema — queries, mutations, field resolvers, subscribe
 * functions and entity references — maps its errors, applied here once for the
 * whole schema, over HTTP and WebSocket alike. Not through type-graphql's
 * `globalMiddlewares`: those run every plain property field through an async
 * middleware chain (docs/architecture.md, decisions).
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
      wrapped[name] = withMappedErrors(name, field);
    }
    result[typeName] = wrapped as GraphQLResolverMap<unknown>[string];
  }
  return result;
}

/** Enum values and type predicates (`__isTypeOf`, `__resolveType`) stay as they are. */
function withMappedErrors(name: string, field: unknown): unknown {
  if (name === '__resolveReference') return mappedReference(field as ReferenceResolver);
  if (name.startsWith('__')) return field;
  if (typeof field === 'function') return mappedField(field as FieldResolver);
  if (field !== null && typeof field === 'object') {
    const { subscribe, resolve } = field as { subscribe?: FieldResolver; resolve?: FieldResolver };
    return {
      ...field,
      ...(subscribe && { subscribe: mappedField(subscribe) }),
      ...(resolve && { resolve: mappedField(resolve) }),
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
    throw clientError(context, error, 'subscription stream failed');
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
