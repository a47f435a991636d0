import { randomUUID } from 'node:crypto';
import type { GraphQLContext, Services } from '../graphql/context.js';
import { SerialisedResult } from '../graphql/result-sink.js';
import { createSourceEventStream, execute, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';

/**
 * graphql-ws's `subscribe`, executing each event once per audience instead of
 * once per subscriber. Subscribers who asked the same document with the same
 * variables, and who see the same data (the same viewer identity, given by
 * `audienceOf`), get the very same result for the very same event: a change
 * watched by 1,000 phones is executed once, and serialised once.
 *
 * With a `resultSink` in the context (graphql-ws, SSE, multipart), the stream
 * does not yield the results: the resolver hands each event to
 * `deliverResults`, which writes the shared serialisation through the sink
 * (the transport splices in what differs, the operation id). Without one (the
 * callback protocol), the iterator yields the shared results.
 *
 * The event is the snapshot object the hub hands to every local subscriber;
 * results are kept in a WeakMap keyed by it, so they live exactly as long as
 * the event does. A subscriber whose event is its own object (read to fill a
 * gap) simply executes it alone.
 */
export function sharedResultsSubscribe(audienceOf: (contextValue: unknown) => string, timing: PushTiming) {
  const byDocument = new WeakMap<DocumentNode, WeakMap<object, Map<string, Shared>>>();

  return async (args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> => {
    const variables = JSON.stringify(args.variableValues ?? {});
    const audience = `${audienceOf(args.contextValue)}|${args.operationName ?? ''}|${variables}`;
    let byEvent = byDocument.get(args.document);
    if (!byEvent) byDocument.set(args.document, (byEvent = new WeakMap()));
    const events = byEvent;

    const sharedFor = (event: unknown): Shared => {
      const run = () => new Shared(execute({ ...args, rootValue: event }), timing, event);
      if (typeof event !== 'object' || event === null) return run();
      let results = events.get(event);
      if (!results) events.set(event, (results = new Map()));
      let shared = results.get(audience);
      if (!shared) results.set(audience, (shared = run()));
      return shared;
    };

    const context = args.contextValue as Partial<GraphQLContext> | undefined;
    const sink = context?.resultSink;
    if (sink && context) {
      context.deliverResults = (event) => {
        const shared = sharedFor(event);
        const serialised = shared.serialisedNow();
        if (serialised) {
          sink.write(serialised);
          shared.wrote();
          return undefined;
        }
        return shared.whenSerialised().then((later) => {
          sink.write(later);
          shared.wrote();
        });
      };
    }

    const source = await createSourceEventStream(args);
    if (!isAsyncIterable(source)) return source;
    const iterator = source[Symbol.asyncIterator]();
    const results: AsyncIterableIterator<ExecutionResult> = {
      async next() {
        const step = await iterator.next();
        if (step.done) return { done: true, value: undefined };
        return { done: false, value: await sharedFor(step.value).result };
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

/** How the fan-out reports its delay: from an event's commit to the last write of it, per audience. */
export interface PushTiming {
  commitTimeOf(event: unknown): number | undefined;
  written(ms: number): void;
}

/** One event's result for one audience: executed once, serialised once (when a sink asks). */
class Shared {
  readonly result: Promise<ExecutionResult>;
  private done: ExecutionResult | undefined;
  private serialised: SerialisedResult | undefined;
  private serialising: Promise<SerialisedResult> | undefined;
  /** When the last connection of this audience was written to (ms since epoch); 0 before the first. */
  private lastWriteAt = 0;

  constructor(
    executed: ExecutionResult | Promise<ExecutionResult>,
    private readonly timing: PushTiming,
    private readonly event: unknown,
  ) {
    if (executed instanceof Promise) {
      this.result = executed.then((result) => (this.done = result));
    } else {
      this.done = executed;
      this.result = Promise.resolve(executed);
    }
  }

  /** The serialisation, made once, if the result is known already. */
  serialisedNow(): SerialisedResult | undefined {
    if (!this.serialised && this.done) this.serialised = new SerialisedResult(JSON.stringify(this.done));
    return this.serialised;
  }

  /**
   * One connection written. The writes of one event all run before the event
   * loop's next check phase (one after another, in the continuations of one
   * execution), so that is when the last one is known.
   */
  wrote(): void {
    const first = this.lastWriteAt === 0;
    this.lastWriteAt = Date.now();
    if (!first) return;
    const committedAt = this.timing.commitTimeOf(this.event);
    if (committedAt !== undefined) setImmediate(() => this.timing.written(this.lastWriteAt - committedAt));
  }

  whenSerialised(): Promise<SerialisedResult> {
    return (this.serialising ??= this.result.then(() => this.serialisedNow()!));
  }
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

/** The app's clock of pushes: commit times from the live streams, delays to the subscription observer's metric. */
export function pushTiming(services: Services): PushTiming {
  return {
    commitTimeOf: (event) => services.streams.commitTimeOf(event),
    written: (ms) => services.subscriptions.written(ms),
  };
}
