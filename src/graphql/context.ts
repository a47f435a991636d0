import { AuthenticationError } from '../auth/auth-error.js';
import { bearerToken, type TokenVerifier } from '../auth/token-verifier.js';
import type { Viewer } from '../domain/viewer.js';
import type { CommandService } from '../services/command-service.js';
import type { ExecutionStreams } from '../live/execution-streams.js';
import type { RegistryService } from '../services/registry-service.js';
import type { FleetService } from '../services/fleet-service.js';
import type { Store } from '../store/store.js';
import type { ProviderRegistry } from '../providers/registry.js';
import type { SandboxService } from '../services/sandbox-service.js';
import type { Logger } from 'pino';
import type { SubscriptionObserver, SubscriptionTransport } from './subscription-observer.js';
import { createLoaders, type Loaders } from './loaders.js';
import type { ResultSink } from './result-sink.js';

/** What resolvers need besides the viewer; built once per app. */
export interface Services {
  /** What resolvers read (targets, executions) and what health reports: no writes. */
  store: Pick<Store, 'targets' | 'executions' | 'fleets' | 'readiness'>;
  registry: RegistryService;
  fleets: FleetService;
  /** The providers this app fronts: what each target's `supportedCommands` reports. */
  providers: ProviderRegistry;
  commands: CommandService;
  /** The provider sandbox (development only). */
  sandbox: SandboxService;
  streams: ExecutionStreams;
  verifier: TokenVerifier;
  logger: Logger;
  /** Every subscription's start, refusal and end, counted and logged alike on every transport. */
  subscriptions: SubscriptionObserver;
}

/**
 * The per-operation context, built in one place for HTTP and WebSocket alike.
 * Authentication failures are kept, not thrown, so that the gateway's `_service`
 * query and introspection work without a user; every field that reads or
 * writes data calls `requireViewer`.
 */
export interface GraphQLContext {
  services: Services;
  viewer: Viewer | null;
  authFailure: AuthenticationError | null;
  loaders: Loaders | null;
  /** Ties the operation's log lines together (the caller's `x-request-id`, or a fresh id). */
  requestId: string;
  /**
   * Set for subscriptions served without a socket (the HTTP callback
   * protocol): aborts, with the error as its reason, when the server shuts
   * them down.
   */
  streamShutdown?: AbortSignal;
  /** The transport a subscription came over (set by each one), for its metrics and log lines. */
  transport?: SubscriptionTransport;
  /** Where the transport writes a subscription's results itself (the fan-out's fast path). */
  resultSink?: ResultSink;
  /** Set with `resultSink`: hands one event of the stream to it, executed and serialised once per audience. */
  deliverResults?: (event: unknown) => void | Promise<void>;
}

export async function buildContext(
  services: Services,
  authorization: string | undefined | null,
  requestId: string,
): Promise<GraphQLContext> {
  const token = bearerToken(authorization);
  if (token === undefined) {
    const failure = new AuthenticationError(
      authorization ? 'expected "Authorization: Bearer <JWT>"' : 'missing bearer token',
    );
    return { services, viewer: null, authFailure: failure, loaders: null, requestId };
  }
  try {
    return contextFor(services, await services.verifier.verify(token), requestId);
  } catch (error) {
    if (error instanceof AuthenticationError) {
      return { services, viewer: null, authFailure: error, loaders: null, requestId };
    }
    throw error;
  }
}

/** A context for an already verified viewer, with fresh per-operation loaders. */
export function contextFor(services: Services, viewer: Viewer, requestId: string): GraphQLContext {
  let loaders: Loaders | undefined;
  return {
    services,
    viewer,
    authFailure: null,
    requestId,
    // Made on first use: most subscriptions never read through a loader, and a socket holds its context for hours.
    get loaders() {
      return (loaders ??= createLoaders(services.store, viewer));
    },
  };
}

/** The caller, or UNAUTHENTICATED. */
export function requireViewer(context: GraphQLContext): { viewer: Viewer; loaders: Loaders } {
  const { viewer } = context;
  if (!viewer) throw context.authFailure ?? new AuthenticationError('missing bearer token');
  return {
    viewer,
    // Read only by the resolvers that load through them: a subscription that does not never makes them.
    get loaders() {
      return context.loaders!;
    },
  };
}
