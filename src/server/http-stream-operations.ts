import { setMaxListeners } from 'node:events';
import {
  GraphQLError,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import type { LimitsConfig } from '../config.js';
import { buildContext, type Services } from '../graphql/context.js';
import { clientErrorOf, internalError } from '../graphql/errors.js';
import type { ResultSink } from '../graphql/result-sink.js';
import type { SubscriptionTransport } from '../graphql/subscription-observer.js';
import { pushTiming, sharedResultsSubscribe, viewerAudience } from './shared-results.js';
import { streamAdmission, type OperationPayload } from './stream-admission.js';
import type { ErrorCode } from '../domain/error-codes.js';

/**
 * What the HTTP streaming transports (GraphQL over SSE, Apollo's multipart
 * protocol) share, so each is only its wire format: the admission every
 * transport passes, a context from the request's Authorization header (with
 * its request id), the shutdown that ends every stream with SHUTTING_DOWN,
 * results shared among subscribers who see the same data, and a stream's
 * failure (a revoke, the token's expiry, the shutdown) turned into one last
 * result carrying the coded error, so the client reads why before the end.
 */
export function httpStreamOperations(
  schema: GraphQLSchema,
  services: Services,
  options: { limits: LimitsConfig; rules: readonly ValidationRule[] },
) {
  const admit = streamAdmission(schema, options.limits, options.rules);
  const shutdown = new AbortController();
  // Every open stream listens for the stop: more than ten is normal.
  setMaxListeners(0, shutdown.signal);
  const sharedSubscribe = sharedResultsSubscribe(viewerAudience, pushTiming(services));

  /** Arguments for an admitted operation, its context built from the request. */
  const argsFor = async (
    transport: HttpStreamTransport,
    caller: StreamCaller,
    payload: OperationPayload,
    document: DocumentNode,
  ): Promise<ExecutionArgs> => {
    const contextValue = await buildContext(services, caller.authorization, caller.requestId);
    contextValue.streamShutdown = shutdown.signal;
    contextValue.transport = transport;
    contextValue.resultSink = caller.resultSink;
    return {
      schema,
      document,
      variableValues: payload.variables ?? undefined,
      operationName: payload.operationName ?? undefined,
      contextValue,
    };
  };

  return {
    /** The shared admission (parse, limits, variables): the document, or the errors to answer. */
    admit,
    argsFor,
    /** The operation's arguments, or the errors to answer instead of running it. */
    async prepare(
      transport: HttpStreamTransport,
      caller: StreamCaller,
      payload: OperationPayload,
    ): Promise<ExecutionArgs | { errors: GraphQLError[] }> {
      const admitted = admit(payload);
      if ('errors' in admitted) return { errors: [...admitted.errors] };
      return argsFor(transport, caller, payload, admitted.document);
    },
    /** Subscribes: the results, or the single result refusing it (not visible, over the cap…). */
    async subscribe(args: ExecutionArgs): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
      return endWithErrorResult(await sharedSubscribe(args));
    },
    /** What a stream that failed to open tells its client: the coded error, or a masked one, logged. */
    failedToOpen(error: unknown, caller: StreamCaller): ExecutionResult {
      const coded = clientErrorOf(error, (unknown) =>
        services.logger.error({ err: unknown, requestId: caller.requestId }, 'streaming subscription failed to open'),
      );
      return { errors: [coded] };
    },
    /** Ends every open stream with SHUTTING_DOWN ("subscribe again"); their responses then finish. */
    dispose(): void {
      shutdown.abort(
        new GraphQLError('the subgraph is shutting down: subscribe again', {
          extensions: { code: 'SHUTTING_DOWN' satisfies ErrorCode },
        }),
      );
    },
  };
}

export type HttpStreamOperations = ReturnType<typeof httpStreamOperations>;

/** Who sent a streaming request: its credential and the request id its log lines carry. */
export interface StreamCaller {
  authorization: string | undefined;
  requestId: string;
  /** Where the transport writes results itself, framed (the fan-out's fast path). */
  resultSink?: ResultSink;
}

/** The HTTP transports that stream an operation's results. */
export type HttpStreamTransport = Extract<SubscriptionTransport, 'sse' | 'multipart'>;

/** A stream whose source fails ends with one last result carrying the (coded, or masked) error. */
function endWithErrorResult(
  result: AsyncIterableIterator<ExecutionResult> | ExecutionResult,
): AsyncIterableIterator<ExecutionResult> | ExecutionResult {
  if (!(Symbol.asyncIterator in result)) return result;
  const source = result;
  let ended = false;
  const ending: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      if (ended) return { done: true, value: undefined };
      try {
        return await source.next();
      } catch (error) {
        ended = true;
        // Resolver streams are mapped already (coded, or masked and logged): anything else is masked here.
        const coded = error instanceof GraphQLError ? error : internalError();
        return { done: false, value: { errors: [coded] } };
      }
    },
    async return() {
      ended = true;
      await source.return?.();
      return { done: true, value: undefined };
    },
    async throw(error?: unknown) {
      ended = true;
      return (await source.throw?.(error)) ?? { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return ending;
    },
  };
  return ending;
}
