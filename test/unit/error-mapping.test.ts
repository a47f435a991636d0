import { GraphQLError, GraphQLScalarType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../src/domain/errors.js';
import type { GraphQLContext } from '../../src/graphql/context.js';
import { withErrorMapping } from '../../src/graphql/error-mapping.js';
import { buildSubgraph } from '../../src/graphql/schema.js';

/** A context whose logger records what the mapping logs. */
function contextRecording(logged: unknown[]): GraphQLContext {
  const logger = { error: (fields: unknown) => void logged.push(fields) };
  return { services: { logger }, viewer: null, requestId: 'req-1' } as unknown as GraphQLContext;
}

const secret = () => {
  throw new Error('relation "secret_internal_table" does not exist');
};

/** The code of the error a resolver call ends with, thrown or rejected; checks it is masked. */
async function codeOf(call: () => unknown): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).message).not.toContain('secret_internal_table');
    return (error as GraphQLError).extensions.code;
  }
  throw new Error('expected an error');
}

describe('withErrorMapping', () => {
  const DateTime = new GraphQLScalarType({ name: 'DateTime' });
  const isTypeOf = () => true;
  const mapped = withErrorMapping({
    DateTime,
    CommandStatus: { PENDING: 'PENDING' },
    Query: { vehicle: secret, lock: async () => secret(), plain: () => 'value' },
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
    expect(await codeOf(() => resolve({}, {}, contextRecording(logged), {}))).toBe('INTERNAL_SERVER_ERROR');
    expect(logged).toMatchObject([{ requestId: 'req-1' }]);
  });

  it('maps subscribe functions and entity references, each finding the context where its signature puts it', async () => {
    const subscription = mapped.Subscription!.updated as { subscribe: (...a: unknown[]) => unknown; resolve: unknown };
    expect(await codeOf(() => subscription.subscribe({}, {}, contextRecording([]), {}))).toBe('INTERNAL_SERVER_ERROR');
    const reference = mapped.Vehicle!.__resolveReference as (...args: unknown[]) => unknown;
    // A rejection, never a throw: _entities calls references inside one map over all representations.
    const pending = reference({ id: 'veh_1' }, contextRecording([]), {});
    expect(pending).toBeInstanceOf(Promise);
    expect(await codeOf(() => pending)).toBe('NOT_FOUND');
  });

  it('leaves scalars, enum values and type predicates as they are', () => {
    expect(mapped.DateTime).toBe(DateTime);
    expect(mapped.CommandStatus).toEqual({ PENDING: 'PENDING' });
    expect(mapped.Vehicle!.__isTypeOf).toBe(isTypeOf);
  });

  it('maps a synchronous throw and a rejection alike', async () => {
    const thrown = mapped.Query!.vehicle as (...args: unknown[]) => unknown;
    const rejected = mapped.Query!.lock as (...args: unknown[]) => unknown;
    expect(() => thrown({}, {}, contextRecording([]), {})).toThrow(GraphQLError);
    expect(await codeOf(() => rejected({}, {}, contextRecording([]), {}))).toBe('INTERNAL_SERVER_ERROR');
  });

  it('answers a synchronous value synchronously, not as a promise to await', () => {
    const plain = mapped.Query!.plain as (...args: unknown[]) => unknown;
    expect(plain({}, {}, contextRecording([]), {})).toBe('value');
  });
});

describe('the schema with its errors mapped', () => {
  it('resolves a plain property field synchronously (every field of a list runs it)', async () => {
    const pageInfo = (await buildSubgraph()).getType('PageInfo');
    if (!isObjectType(pageInfo)) throw new Error('PageInfo is not an object type');
    const resolve = pageInfo.getFields().hasNextPage!.resolve!;
    expect(resolve({ hasNextPage: true }, {}, contextRecording([]), {} as never)).toBe(true);
  });
});
