import { randomUUID } from 'node:crypto';
import type { GraphQLContext } from '../graphql/context.js';
import { createSourceEventStream, execute, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';

/**
 * graphql-ws's `subscribe`, executing each event once per audience instead of
 * once per subscriber. Subscribers who asked the same document with the same
 * variables, and who see the same data (the same viewer identity, given by
 * `audienceOf`), get the very same result for the very same event: a change
 * watched by 1,000 phones is executed once, then only serialised per socket.
 *
 * The event is the snapshot object the hub hands to every local subscriber;
 * results are kept in a WeakMap keyed by it, so they live exactly as long as
 * the event does. A subscriber whose event is its own object (read to fill a
 * gap) simply executes it alone.
 */
export function sharedResultsSubscribe(audienceOf: (contextValue: unknown) => string) {
  const byDocument = new WeakMap<DocumentNode, WeakMap<object, Map<string, Promise<ExecutionResult>>>>();

  return async (args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> => {
    const source = await createSourceEventStream(args);
    if (!isAsyncIterable(source)) return source;
    const variables = JSON.stringify(args.variableValues ?? {});
    const audience = `${audienceOf(args.contextValue)}|${args.operationName ?? ''}|${variables}`;
    let byEvent = byDocument.get(args.document);
    if (!byEvent) byDocument.set(args.document, (byEvent = new WeakMap()));
    const events = byEvent;

    const resultFor = (event: unknown): Promise<ExecutionResult> => {
      const run = async () => execute({ ...args, rootValue: event });
      if (typeof event !== 'object' || event === null) return run();
      let results = events.get(event);
      if (!results) events.set(event, (results = new Map()));
      let result = results.get(audience);
      if (!result) results.set(audience, (result = run()));
      return result;
    };

    const iterator = source[Symbol.asyncIterator]();
    const results: AsyncIterableIterator<ExecutionResult> = {
      async next() {
        const step = await iterator.next();
        if (step.done) return { done: true, value: undefined };
        return { done: false, value: await resultFor(step.value) };
      },
      async return() {
        await iterator.return?.();
        return { done: true, value: undefined };
      },
      async throw(error?: unknown) {
        if (iterator.throw) await iterator.throw(error);
        throw error;
      },
      [Symbol.asyncIterator]() {
        return results;
      },
    };
    return results;
  };
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * Who sees the same data as whom: visibility depends on the user and the
 * admin role only, so subscribers with both equal may share results.
 */
export function viewerAudience(contextValue: unknown): string {
  const viewer = (contextValue as GraphQLContext | undefined)?.viewer;
  return viewer ? `${viewer.isAdmin ? 'admin' : 'user'}:${viewer.userId}` : `anonymous:${randomUUID()}`;
}
