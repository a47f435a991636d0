import { GraphQLError, GraphQLScalarType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/domain/errors.js';
import type { GraphQLContext } from '../../src/graphql/context.js';
import { withErrorMapping } from '../../src/graphql/error-mapping.js';

/** A context whose logger records what the mapping logs. */
function contextRecording(logged: unknown[]): GraphQLContext {
  const logger = { error: (fields: unknown) => void logged.push(fields) };
  return { services: { logger }, viewer: null, requestId: 'req-1' } as unknown as GraphQLContext;
}

const secret = () => {
  throw new Error('relation "secret_internal_table" does not exist');
};

async function codeOf(result: unknown): Promise<unknown> {
  try {
    await result;
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).message).not.toContain('secret_internal_table');
    return (error as GraphQLError).extensions.code;
  }
  throw new Error('expected a rejection');
}

describe('withErrorMapping', () => {
  const DateTime = new GraphQLScalarType({ name: 'DateTime' });
  const isTypeOf = () => true;
  const mapped = withErrorMapping({
    DateTime,
    CommandStatus: { PENDING: 'PENDING' },
    Query: { vehicle: secret },
    Subscription: { updated: { subscribe: secret, resolve: () => 'event' } },
    Vehicle: {
      __isTypeOf: isTypeOf,
      __resolveReference: () => {
        throw new NotFoundError('Vehicle veh_1');
      },
    },
  }) as Record<string, Record<string, unknown>>;

  it('masks what a field resolver throws and logs it with the request id', async () => {
    const logged: unknown[] = [];
    const resolve = mapped.Query!.vehicle as (...args: unknown[]) => unknown;
    expect(await codeOf(resolve({}, {}, contextRecording(logged), {}))).toBe('INTERNAL_SERVER_ERROR');
    expect(logged).toMatchObject([{ requestId: 'req-1' }]);
  });

  it('maps subscribe functions and entity references, each finding the context where its signature puts it', async () => {
    const subscription = mapped.Subscription!.updated as { subscribe: (...a: unknown[]) => unknown; resolve: unknown };
    expect(await codeOf(subscription.subscribe({}, {}, contextRecording([]), {}))).toBe('INTERNAL_SERVER_ERROR');
    const reference = mapped.Vehicle!.__resolveReference as (...args: unknown[]) => unknown;
    expect(await codeOf(reference({ id: 'veh_1' }, contextRecording([]), {}))).toBe('NOT_FOUND');
  });

  it('leaves scalars, enum values and type predicates as they are', () => {
    expect(mapped.DateTime).toBe(DateTime);
    expect(mapped.CommandStatus).toEqual({ PENDING: 'PENDING' });
    expect(mapped.Vehicle!.__isTypeOf).toBe(isTypeOf);
  });
});
