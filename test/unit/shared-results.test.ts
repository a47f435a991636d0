import { buildSchema, parse, type DocumentNode, type ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { GraphQLContext } from '../../src/graphql/context.js';
import type { SerialisedResult } from '../../src/graphql/result-sink.js';
import { sharedResultsSubscribe } from '../../src/server/shared-results.js';

/** A source of events every subscriber receives as the same objects, like the hub's snapshots. */
function broadcast<T>() {
  const queues: { push(value: T): void; end(): void }[] = [];
  return {
    subscribe(): AsyncIterableIterator<T> {
      const pending: T[] = [];
      let wake: (() => void) | undefined;
      let ended = false;
      queues.push({
        push: (value) => {
          pending.push(value);
          wake?.();
        },
        end: () => {
          ended = true;
          wake?.();
        },
      });
      const iterator: AsyncIterableIterator<T> = {
        async next() {
          while (pending.length === 0 && !ended) await new Promise<void>((resolve) => (wake = resolve));
          return pending.length > 0 ? { done: false, value: pending.shift()! } : { done: true, value: undefined };
        },
        async return() {
          ended = true;
          return { done: true, value: undefined };
        },
        [Symbol.asyncIterator]: () => iterator,
      };
      return iterator;
    },
    send(value: T) {
      for (const queue of queues) queue.push(value);
    },
    end() {
      for (const queue of queues) queue.end();
    },
  };
}

describe('sharedResultsSubscribe', () => {
  const schema = buildSchema(`
    type Query { ok: Boolean }
    type Change { id: ID!, label(prefix: String): String!, seenBy: String! }
    type Subscription { changed: Change! }
  `);
  const executions: string[] = [];
  const events = broadcast<{ id: string }>();
  const rootValue = {};
  const subscribeFieldResolver = () => events.subscribe();
  // The subscription field answers its event; the others count how often the
  // selection is executed, and show who executed it.
  const typeResolver = (
    source: { id: string },
    args: { prefix?: string },
    context: { user: string },
    info: { fieldName: string; parentType: { name: string } },
  ) => {
    if (info.parentType.name === 'Subscription') return source;
    if (info.fieldName === 'id') return source.id;
    executions.push(`${info.fieldName}:${context.user}`);
    return info.fieldName === 'label' ? `${args.prefix ?? ''}${source.id}` : context.user;
  };
  const committed = new WeakMap<object, number>();
  const written: number[] = [];
  const subscribe = sharedResultsSubscribe((context) => (context as { user: string }).user, {
    commitTimeOf: (event) => committed.get(event as object),
    written: (ms) => written.push(ms),
  });
  /** Subscribes `user`; the same parsed document object for all, as the server's document cache gives. */
  const open = (
    user: string,
    document: DocumentNode,
    variables: Record<string, unknown> = {},
    contextValue: Record<string, unknown> = { user },
  ) =>
    subscribe({
      schema,
      document,
      rootValue,
      contextValue,
      variableValues: variables,
      fieldResolver: typeResolver as never,
      subscribeFieldResolver,
    }) as Promise<AsyncIterableIterator<ExecutionResult>>;

  it('executes an event once per audience, document and variables, and answers each its own', async () => {
    const document = parse('subscription($p: String) { changed { id label(prefix: $p) seenBy } }');
    const same = (user: string, variables: Record<string, unknown>) => open(user, document, variables);
    const alice1 = await same('alice', { p: '#' });
    const alice2 = await same('alice', { p: '#' });
    const bob = await same('bob', { p: '#' });
    const aliceOther = await same('alice', { p: '@' });

    executions.length = 0;
    events.send({ id: 'cex_1' });
    const [a1, a2, b, a3] = await Promise.all([alice1.next(), alice2.next(), bob.next(), aliceOther.next()]);

    expect(a1.value).toEqual({ data: { changed: { id: 'cex_1', label: '#cex_1', seenBy: 'alice' } } });
    expect(a2.value).toBe(a1.value); // the same result object: executed once
    expect(b.value).toEqual({ data: { changed: { id: 'cex_1', label: '#cex_1', seenBy: 'bob' } } });
    expect(a3.value).toEqual({ data: { changed: { id: 'cex_1', label: '@cex_1', seenBy: 'alice' } } });
    // alice (#), bob (#), alice (@): three executions of `label` and `seenBy`, not four.
    expect(executions.filter((e) => e.startsWith('label')).sort()).toEqual(['label:alice', 'label:alice', 'label:bob']);

    for (const stream of [alice1, alice2, bob, aliceOther]) await stream.return?.();
  });

  it('with a sink, writes one serialisation per audience to every subscriber, and times the last write', async () => {
    const document = parse('subscription { changed { id seenBy } }');
    const sinks = ['alice', 'alice', 'bob'].map((user) => {
      const writes: SerialisedResult[] = [];
      const context: Partial<GraphQLContext> & { user: string } = {
        user,
        resultSink: { write: (r) => writes.push(r) },
      };
      return { context, writes };
    });
    for (const { context } of sinks) await open(context.user, document, {}, context);
    const event = { id: 'cex_2' };
    committed.set(event, Date.now() - 5);
    for (const { context } of sinks) await context.deliverResults!(event);
    const [alice1, alice2, bob] = sinks.map(({ writes }) => writes);
    expect(alice1).toHaveLength(1);
    expect(alice2![0]).toBe(alice1![0]); // the very same serialisation
    expect(JSON.parse(alice1![0]!.json)).toEqual({ data: { changed: { id: 'cex_2', seenBy: 'alice' } } });
    expect(JSON.parse(bob![0]!.json)).toEqual({ data: { changed: { id: 'cex_2', seenBy: 'bob' } } });
    expect(alice1![0]!.bytes.toString()).toBe(alice1![0]!.json);
    // Once per audience, after its writes: commit → last write.
    await new Promise((resolve) => setImmediate(resolve));
    expect(written).toHaveLength(2);
    expect(written.every((ms) => ms >= 5)).toBe(true);
  });

  it('answers a refused subscription with its errors, not a stream', async () => {
    const result = (await open('alice', parse('subscription { nothing }'))) as unknown as ExecutionResult;
    expect(result.errors?.length).toBeGreaterThan(0);
  });
});
