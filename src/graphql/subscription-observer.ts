import type { Logger } from 'pino';
import { toGraphQLError } from './errors.js';
import type { Metrics } from '../observability/metrics.js';

/** The transports a subscription reaches the subgraph over: a metric label and a log field. */
export type SubscriptionTransport = 'graphql-ws' | 'sse' | 'multipart' | 'http-callback';

/** Who subscribed to what, over which transport: the fields of every line about one subscription. */
export interface SubscriptionScope {
  transport: SubscriptionTransport | undefined;
  /** The subscription field, e.g. `commandExecutionUpdated`. */
  field: string;
  requestId: string;
  userId: string | undefined;
}

/**
 * Counts and logs every subscription the same way, whatever transport
 * carries it: the one place the resolvers report a subscription's start,
 * refusal and end (graphql-ws, SSE, multipart and the callback protocol differ
 * only in the `transport` label). A refusal and an end each write one line,
 * like the access line of an HTTP request; the start is at debug.
 */
export class SubscriptionObserver {
  constructor(
    private readonly metrics: Metrics,
    private readonly logger: Logger,
  ) {}

  /** A committed change was written to every connection of one audience, `ms` after its commit. */
  written(ms: number): void {
    this.metrics.pushWrittenSeconds.observe(ms / 1000);
  }

  /** The subscription was refused before its first message (not authenticated, not visible, over the cap…). */
  refused(scope: SubscriptionScope, error: unknown): void {
    const code = codeOf(error);
    this.metrics.subscriptions.inc({ transport: label(scope), field: scope.field, outcome: code });
    this.logger.info({ ...scope, code }, 'subscription refused');
  }

  /**
   * The subscription started: `stream` is handed on, its end counted and
   * logged once, however it ends. Messages a transport writes itself (not
   * through the iterator) are counted by `delivered()`.
   */
  started<T>(scope: SubscriptionScope, stream: AsyncIterableIterator<T>): ObservedStream<T> {
    const transport = label(scope);
    this.metrics.subscriptions.inc({ transport, field: scope.field, outcome: 'started' });
    this.metrics.openSubscriptions.inc({ transport });
    this.logger.debug(scope, 'subscription started');
    const startedAt = performance.now();
    let messages = 0;
    let ended = false;
    const end = (reason: string) => {
      if (ended) return;
      ended = true;
      this.metrics.openSubscriptions.dec({ transport });
      this.metrics.subscriptionsEnded.inc({ transport, field: scope.field, reason });
      const durationMs = Math.round(performance.now() - startedAt);
      this.logger.info({ ...scope, reason, messages, durationMs }, 'subscription ended');
    };
    return {
      next: () =>
        stream.next().then(
          (result) => {
            if (result.done) end('completed');
            else messages += 1;
            return result;
          },
          (error: unknown) => {
            end(codeOf(error));
            throw error;
          },
        ),
      // The client went away (or the transport ended it after an error already counted).
      return: (value?: unknown) => {
        end('client');
        return stream.return?.(value) ?? Promise.resolve({ value: undefined, done: true });
      },
      throw: (error?: unknown) => {
        end(codeOf(error));
        return stream.throw?.(error) ?? Promise.reject(error);
      },
      delivered: () => {
        messages += 1;
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }
}

/** A subscription's stream as the observer hands it on. */
export interface ObservedStream<T> extends AsyncIterableIterator<T> {
  /** One message written by the transport itself. */
  delivered(): void;
}

/** An error's code as the client reads it; anything unknown is what the client gets for it. */
function codeOf(error: unknown): string {
  const code = toGraphQLError(error)?.extensions.code;
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}

function label(scope: SubscriptionScope): string {
  return scope.transport ?? 'unknown';
}
