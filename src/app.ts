import type { Logger } from 'pino';
import { setUpAuth } from './auth/keys.js';
import { signToken } from './auth/token-signer.js';
import type { Config } from './config.js';
import { CommandEngine } from './engine/command-engine.js';
import { ExecutionLifecycle } from './engine/execution-lifecycle.js';
import { CommandService } from './services/command-service.js';
import { DEMO_ADMIN, DEMO_USER, seedDemoFleet } from './services/demo-fleet.js';
import { ExecutionHub } from './live/execution-hub.js';
import { ExecutionStreams } from './live/execution-streams.js';
import { RateLimiter } from './services/rate-limiter.js';
import { Metrics } from './observability/metrics.js';
import { SubscriptionObserver } from './graphql/subscription-observer.js';
import { RegistryService } from './services/registry-service.js';
import { FleetService } from './services/fleet-service.js';
import { recordApprovalPolicy } from './services/approval-policy.js';
import { SandboxService } from './services/sandbox-service.js';
import type { Services } from './graphql/context.js';
import { buildSubgraph } from './graphql/schema.js';
import { createLogger } from './logger.js';
import { setUpProviders, type ProviderSetup } from './provider-setup.js';
import { PROVIDERS, type ProviderRegistry } from './providers/registry.js';
import { startHttpServer, type RunningServer } from './server/http-server.js';
import { ExecutionWrites } from './store/execution-writes.js';
import { Store } from './store/store.js';

export interface DevTokens {
  user: string;
  admin: string;
}

export interface App {
  readonly url: string;
  readonly wsUrl: string;
  readonly port: number;
  readonly store: Store;
  readonly logger: Logger;
  /** Provider clients, and the in-process simulators when no base URL is configured. */
  readonly providers: ProviderSetup;
  readonly engine: CommandEngine;
  readonly hub: ExecutionHub;
  readonly metrics: Metrics;
  /** Ready tokens for the demo user and admin, when a generated development secret verifies tokens. */
  readonly devTokens: DevTokens | undefined;
  /** Graceful stop: no new requests, in-flight ones finish, sockets close, then the database closes. */
  stop(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  /** The providers this app fronts (default: the production registry); its schema's `Provider` enum follows. */
  providers?: ProviderRegistry;
}

/** Wires store, auth, services and server, in that order; undoes what it did if a step fails. */
export async function startApp(config: Config, options: StartOptions = {}): Promise<App> {
  const registered = options.providers ?? PROVIDERS;
  const logger = options.logger ?? createLogger(config.logLevel, undefined, registered);
  const auth = await setUpAuth(config.auth, config.dataDir);
  const store = await Store.open(config.store, { logger });
  let providers: ProviderSetup | undefined;
  let engine: CommandEngine | undefined;
  let hub: ExecutionHub | undefined;
  let metrics: Metrics | undefined;
  let server: RunningServer | undefined;
  let devTokens: DevTokens | undefined;
  try {
    await recordApprovalPolicy(store.meta, config.engine.immobilizationApproval);
    const storedProviders = await store.targets.providers();
    providers = await setUpProviders(config, registered, storedProviders, logger);
    const registry = new RegistryService(store, registered, providers.introduce);
    if (Object.keys(providers.simulators).length > 0) {
      for (const target of await store.targets.all()) providers.introduce(target);
    }
    if (config.demoData) {
      const seeded = await seedDemoFleet(store, registry, registered);
      if (seeded) logger.info({ targets: seeded.map((t) => t.id) }, 'demo fleet registered and granted to demo-user');
    }
    // The gauge reads the hub, the hub feeds a histogram: the hub is read lazily.
    let startedHub: ExecutionHub | undefined;
    const appMetrics = new Metrics(() => startedHub?.subscriberCount ?? 0);
    metrics = appMetrics;
    const executionWrites = ExecutionWrites.for(store.db);
    hub = await ExecutionHub.start(store, executionWrites.origin, logger, {
      onPushDelay: (ms) => appMetrics.eventPushDelaySeconds.observe(ms / 1000),
    });
    startedHub = hub;
    const lifecycle = new ExecutionLifecycle(store, executionWrites, hub, metrics, config.engine);
    engine = new CommandEngine(lifecycle, providers.clients, config.engine, logger, metrics);
    await engine.start();
    const rateLimiter = new RateLimiter(config.limits.commandsPerMinute, config.limits.commandBurst);
    const services: Services = {
      store,
      registry,
      fleets: new FleetService(store),
      commands: new CommandService(store, lifecycle, engine, logger, rateLimiter, metrics, registered),
      providers: registered,
      sandbox: new SandboxService(store.targets, registered, providers.simulators, logger, {
        production: config.production,
        ackTimeoutMs: config.engine.ackTimeoutMs,
      }),
      streams: new ExecutionStreams(store, hub, logger, {
        maxSubscriptionsPerUser: config.limits.maxSubscriptionsPerUser,
        changeReplayWindowHours: config.limits.changeReplayWindowHours,
      }),
      verifier: auth.verifier,
      logger,
      subscriptions: new SubscriptionObserver(metrics, logger),
    };
    const schema = await buildSubgraph(registered, storedProviders);
    devTokens =
      auth.devSigningSecret && !config.production
        ? await issueDevTokens(auth.devSigningSecret, config.auth.issuer, config.auth.audience)
        : undefined;
    server = await startHttpServer(schema, services, {
      host: config.host,
      port: config.port,
      production: config.production,
      limits: config.limits,
      subscriptionCallbackUrls: config.subscriptionCallbackUrls,
      subscriptionCallbackTimeoutMs: config.subscriptionCallbackTimeoutMs,
      metrics,
      explorerAuthorization: devTokens ? `Bearer ${devTokens.user}` : undefined,
    });
  } catch (error) {
    await engine?.stop(0).catch(() => {});
    await hub?.close().catch(() => {});
    await providers?.close();
    await store.close().catch(() => {});
    throw error;
  }

  const running = server;
  const providerSetup = providers;
  const runningEngine = engine!;
  const runningHub = hub!;
  const runningMetrics = metrics!;
  let stopping: Promise<void> | undefined;
  return {
    url: running.url,
    wsUrl: running.wsUrl,
    port: running.port,
    store,
    logger,
    providers: providerSetup,
    engine: runningEngine,
    hub: runningHub,
    metrics: runningMetrics,
    devTokens,
    stop() {
      stopping ??= (async () => {
        // Outside in: no new requests, then the engine finishes (or gives up
        // on) the provider calls in flight, then the connections close.
        await running.stop();
        await runningEngine.stop();
        await runningHub.close();
        await providerSetup.close();
        await store.close();
      })();
      return stopping;
    },
  };
}

async function issueDevTokens(secret: Uint8Array, issuer?: string, audience?: string): Promise<DevTokens> {
  const common = { expiresIn: '30d', issuer, audience };
  return {
    user: await signToken(secret, { sub: DEMO_USER, ...common }),
    admin: await signToken(secret, { sub: DEMO_ADMIN, roles: ['admin'], ...common }),
  };
}
