import path from 'node:path';
import type { StoreLocation } from './store/open.js';
import type { ProviderTimeoutsConfig } from './providers/config.js';
import type { ProviderEndpoint } from './providers/module.js';
import { PROVIDERS, type ProviderRegistry } from './providers/registry.js';

/**
 * Configuration from environment variables (README "Configuration"), validated once at
 * start. A wrong value is a `ConfigError` naming the variable and what it
 * expects; `main` prints that one line and exits non-zero.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    expectation: string,
  ) {
    super(`${variable} ${expectation}`);
  }
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export type AuthConfig =
  | { kind: 'secret'; secret: string; issuer?: string; audience?: string }
  | { kind: 'jwks'; jwksUrl: string; issuer?: string; audience?: string }
  /** Nothing configured outside production: a dev secret is generated and kept in DATA_DIR. */
  | { kind: 'dev'; issuer?: string; audience?: string };

/** The immobilization policy: recorded in the database, and the same on every replica. */
export type ImmobilizationApproval = 'none' | 'second-person';

/** Timings and policies of the command engine (times in milliseconds). */
export interface EngineConfig {
  /** How long a command mutation waits for the provider before answering PENDING. */
  ackTimeoutMs: number;
  /** Deadline of every execution, counted from when it is sent; after it, FAILURE/TIMEOUT. */
  commandTimeoutMs: number;
  /** How long a command may wait for its turn on its target (QUEUED); after it, CANCELED/QUEUE_TIMEOUT. */
  queueMaxWaitMs: number;
  /** How long the audit trail keeps access events (command steps live as long as their executions' history). */
  auditRetentionDays: number;
  /** Whether cutting an engine waits for a second person's approval (`second-person`) or not (`none`). */
  immobilizationApproval: ImmobilizationApproval;
  /** How long an immobilization may wait for its approval; after it, CANCELED/APPROVAL_EXPIRED. */
  approvalTtlMs: number;
  /** First poll delay; grows by half each poll up to the cap. */
  pollIntervalMs: number;
  pollMaxIntervalMs: number;
  /** How long an ignition confirmation code stays valid. */
  confirmationTtlMs: number;
  /** How often the engine looks for due polls, deadlines and orphans. */
  tickMs: number;
  /**
   * Silence after which a replica counts as gone: its in-flight requests end
   * OUTCOME_UNKNOWN. Replicas heartbeat five times within it.
   */
  instanceStaleMs: number;
  /** Polls one replica runs at once; a full batch is refilled as polls finish. */
  maxConcurrentPolls: number;
}

/** Abuse limits (README "Security"); each is tunable by its variable. */
export interface LimitsConfig {
  maxDepth: number;
  maxAliases: number;
  maxTokens: number;
  maxCost: number;
  /** Representations one `_entities` request may carry (each also counts toward maxCost). */
  maxEntityRepresentations: number;
  maxDirectives: number;
  /** Active subscriptions one WebSocket may hold. */
  maxSubscriptionsPerSocket: number;
  /** Live subscriptions one user may hold on a replica, across all their sockets. */
  maxSubscriptionsPerUser: number;
  /** How far back a `commandExecutionChanges` cursor may resume (older: CURSOR_EXPIRED). */
  changeReplayWindowHours: number;
  /** Largest WebSocket message, in bytes. */
  maxWsPayloadBytes: number;
  /** A socket that has not sent `connection_init` by then is closed (4408). */
  connectionInitTimeoutMs: number;
  /** Every socket is pinged this often; one that has not answered by the next ping is terminated. */
  wsKeepAliveMs: number;
  /** Command mutations one user may send per minute (per replica), and the burst allowed. */
  commandsPerMinute: number;
  commandBurst: number;
}

export interface Config {
  production: boolean;
  host: string;
  port: number;
  dataDir: string;
  store: StoreLocation;
  auth: AuthConfig;
  logLevel: LogLevel;
  /** Register the demo fleet on the first start (default: on for the embedded store, off for PostgreSQL). */
  demoData: boolean;
  engine: EngineConfig;
  limits: LimitsConfig;
  /** Provider HTTP timeouts, in the shape the provider clients take (long command requests keep their own). */
  providerTimeouts: ProviderTimeoutsConfig;
  /**
   * Where routers may ask us to POST subscription updates (Apollo's callback
   * protocol); empty turns that protocol off. See `isAllowedCallbackUrl`.
   */
  subscriptionCallbackUrls: URL[];
  /** Each callback request's time limit (a message gets at most 3 attempts). */
  subscriptionCallbackTimeoutMs: number;
  /**
   * Each registered provider's endpoint, by name, from the variables its
   * module names; absent: the built-in simulator (or, in production, disabled).
   */
  providerEndpoints: Readonly<Record<string, ProviderEndpoint>>;
}

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** A set, non-blank variable, or undefined. Blank counts as unset so `FOO=` in a .env file means "default". */
function read(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function port(env: Env, name: string, fallback: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value > 65_535) throw new ConfigError(name, `must be a port number 0-65535, got "${raw}"`);
  return value;
}

function httpUrl(env: Env, name: string): string | undefined {
  const raw = read(env, name);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, 'must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(name, 'must be an absolute http(s) URL');
  }
  // No trailing slash: clients append absolute paths.
  return raw.replace(/\/+$/, '');
}

function storeLocation(env: Env, dataDir: string): StoreLocation {
  const raw = read(env, 'DATABASE_URL');
  if (raw === undefined) return { kind: 'pglite', dataDir };
  if (raw === 'memory://') return { kind: 'memory' };
  if (/^postgres(ql)?:\/\//.test(raw)) {
    try {
      new URL(raw);
    } catch {
      throw new ConfigError('DATABASE_URL', 'is not a valid postgres:// URL');
    }
    return { kind: 'postgres', url: raw };
  }
  throw new ConfigError(
    'DATABASE_URL',
    'must be postgres://…, postgresql://… or memory:// (unset: embedded PGlite in DATA_DIR)',
  );
}

function duration(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(name, `must be a whole number of milliseconds from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function engine(env: Env): EngineConfig {
  const pollIntervalMs = duration(env, 'POLL_INTERVAL_MS', 1_000, 10, 60_000);
  const config = {
    ackTimeoutMs: duration(env, 'ACK_TIMEOUT_MS', 1_500, 0, 60_000),
    commandTimeoutMs: duration(env, 'COMMAND_TIMEOUT_MS', 10 * 60_000, 1_000, 24 * 3_600_000),
    queueMaxWaitMs: duration(env, 'QUEUE_MAX_WAIT_MS', 10 * 60_000, 1_000, 24 * 3_600_000),
    auditRetentionDays: count(env, 'AUDIT_RETENTION_DAYS', 365, 1, 36_500),
    immobilizationApproval: immobilizationApproval(env),
    approvalTtlMs: duration(env, 'APPROVAL_TTL_MS', 15 * 60_000, 1_000, 24 * 3_600_000),
    pollIntervalMs,
    pollMaxIntervalMs: duration(env, 'POLL_MAX_INTERVAL_MS', 15_000, 10, 10 * 60_000),
    confirmationTtlMs: duration(env, 'CONFIRMATION_TTL_MS', 5 * 60_000, 1_000, 3_600_000),
    tickMs: duration(env, 'ENGINE_TICK_MS', 200, 10, 10_000),
    instanceStaleMs: duration(env, 'INSTANCE_STALE_MS', 15_000, 1_000, 10 * 60_000),
    maxConcurrentPolls: count(env, 'ENGINE_MAX_CONCURRENT_POLLS', 64, 1, 10_000),
  };
  if (config.pollMaxIntervalMs < pollIntervalMs) {
    throw new ConfigError('POLL_MAX_INTERVAL_MS', 'must not be less than POLL_INTERVAL_MS');
  }
  return config;
}

function immobilizationApproval(env: Env): ImmobilizationApproval {
  const raw = read(env, 'IMMOBILIZATION_APPROVAL') ?? 'none';
  if (raw !== 'none' && raw !== 'second-person') {
    throw new ConfigError('IMMOBILIZATION_APPROVAL', `must be none or second-person, got "${raw}"`);
  }
  return raw;
}

function count(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function limits(env: Env): LimitsConfig {
  return {
    maxDepth: count(env, 'GRAPHQL_MAX_DEPTH', 10, 2, 100),
    maxAliases: count(env, 'GRAPHQL_MAX_ALIASES', 15, 1, 1_000),
    maxTokens: count(env, 'GRAPHQL_MAX_TOKENS', 2_000, 100, 100_000),
    maxCost: count(env, 'GRAPHQL_MAX_COST', 5_000, 100, 1_000_000),
    maxEntityRepresentations: count(env, 'GRAPHQL_MAX_ENTITY_REPRESENTATIONS', 1_000, 1, 100_000),
    maxDirectives: count(env, 'GRAPHQL_MAX_DIRECTIVES', 20, 1, 1_000),
    maxSubscriptionsPerSocket: count(env, 'WS_MAX_SUBSCRIPTIONS', 50, 1, 10_000),
    maxSubscriptionsPerUser: count(env, 'WS_MAX_SUBSCRIPTIONS_PER_USER', 200, 1, 100_000),
    changeReplayWindowHours: count(env, 'CHANGE_REPLAY_WINDOW_HOURS', 24, 1, 24 * 90),
    maxWsPayloadBytes: count(env, 'WS_MAX_PAYLOAD_BYTES', 64 * 1024, 1_024, 1024 * 1024),
    connectionInitTimeoutMs: duration(env, 'WS_CONNECTION_INIT_TIMEOUT_MS', 10_000, 100, 60_000),
    wsKeepAliveMs: duration(env, 'WS_KEEP_ALIVE_MS', 12_000, 100, 10 * 60_000),
    commandsPerMinute: count(env, 'COMMAND_RATE_PER_MINUTE', 60, 1, 1_000_000),
    commandBurst: count(env, 'COMMAND_RATE_BURST', 20, 1, 1_000_000),
  };
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (/^(true|1|yes)$/i.test(raw)) return true;
  if (/^(false|0|no)$/i.test(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function auth(env: Env, production: boolean): AuthConfig {
  const secret = read(env, 'AUTH_JWT_SECRET');
  const jwksUrl = httpUrl(env, 'AUTH_JWKS_URL');
  const issuer = read(env, 'AUTH_ISSUER');
  const audience = read(env, 'AUTH_AUDIENCE');
  if (secret !== undefined && jwksUrl !== undefined) {
    throw new ConfigError('AUTH_JWT_SECRET', 'and AUTH_JWKS_URL are exclusive: set one');
  }
  if (secret !== undefined) {
    // HS256 keys shorter than the hash output are guessable (RFC 7518 §3.2).
    if (Buffer.byteLength(secret, 'utf8') < 32) throw new ConfigError('AUTH_JWT_SECRET', 'must be at least 32 bytes');
    return { kind: 'secret', secret, issuer, audience };
  }
  if (jwksUrl !== undefined) {
    // A shared identity provider signs tokens for many APIs: without iss/aud
    // checks, any of its tokens would be accepted here.
    if (production && issuer === undefined) {
      throw new ConfigError('AUTH_ISSUER', 'is required with AUTH_JWKS_URL in production');
    }
    if (production && audience === undefined) {
      throw new ConfigError('AUTH_AUDIENCE', 'is required with AUTH_JWKS_URL in production');
    }
    return { kind: 'jwks', jwksUrl, issuer, audience };
  }
  if (production) {
    throw new ConfigError('AUTH_JWT_SECRET', 'or AUTH_JWKS_URL is required with NODE_ENV=production');
  }
  return { kind: 'dev', issuer, audience };
}

/**
 * The demo fleet is granted to a well-known user whose token anyone with the
 * dev secret can mint: never in production, whatever the store.
 */
function demoData(env: Env, production: boolean, store: StoreLocation): boolean {
  const wanted = bool(env, 'DEMO_DATA', !production && store.kind !== 'postgres');
  if (wanted && production) {
    throw new ConfigError('DEMO_DATA', 'cannot be true with NODE_ENV=production (it grants targets to demo-user)');
  }
  return wanted;
}

/** Loopback on any port: a router started next to a development subgraph. */
const DEV_CALLBACK_URLS = 'http://127.0.0.1,http://localhost,http://[::1]';

function callbackUrls(env: Env, production: boolean): URL[] {
  const raw = read(env, 'SUBSCRIPTION_CALLBACK_URLS') ?? (production ? '' : DEV_CALLBACK_URLS);
  return raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const url = URL.canParse(entry) ? new URL(entry) : undefined;
      if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) {
        throw new ConfigError(
          'SUBSCRIPTION_CALLBACK_URLS',
          `must list absolute http(s) URLs without credentials, got "${entry}"`,
        );
      }
      return url;
    });
}

/** A provider pointed at a real URL needs its credentials; a simulator brings its own. */
/** The endpoints of the providers whose base URL is set, each with every credential its module names. */
function providerEndpoints(env: Env, providers: ProviderRegistry): Record<string, ProviderEndpoint> {
  const endpoints: Record<string, ProviderEndpoint> = {};
  for (const { name, environment } of providers.modules) {
    const baseUrl = httpUrl(env, environment.baseUrl);
    if (baseUrl === undefined) continue;
    const endpoint: ProviderEndpoint = { baseUrl };
    for (const [credential, variable] of Object.entries<string>(environment.credentials)) {
      const value = read(env, variable);
      if (value === undefined) throw new ConfigError(variable, `is required when ${environment.baseUrl} is set`);
      endpoint[credential] = value;
    }
    endpoints[name] = endpoint;
  }
  return endpoints;
}

export function loadConfig(env: Env = process.env, providers: ProviderRegistry = PROVIDERS): Config {
  const production = read(env, 'NODE_ENV') === 'production';
  const dataDir = path.resolve(read(env, 'DATA_DIR') ?? './data');
  const logLevel = (read(env, 'LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);

  const store = storeLocation(env, dataDir);
  const endpoints = providerEndpoints(env, providers);
  return {
    production,
    // Outside production, listen on loopback only: a dev instance with a
    // generated secret should not be reachable from the network.
    host: read(env, 'HOST') ?? (production ? '0.0.0.0' : '127.0.0.1'),
    port: port(env, 'PORT', 4000),
    dataDir,
    store,
    auth: auth(env, production),
    logLevel,
    demoData: demoData(env, production, store),
    engine: engine(env),
    limits: limits(env),
    subscriptionCallbackUrls: callbackUrls(env, production),
    subscriptionCallbackTimeoutMs: duration(env, 'SUBSCRIPTION_CALLBACK_TIMEOUT_MS', 5_000, 100, 60_000),
    providerTimeouts: providerTimeouts(env),
    providerEndpoints: endpoints,
  };
}

/**
 * `PROVIDER_TIMEOUT_MS` bounds the wait for headers and for each body silence;
 * a whole request gets twice it. `PROVIDER_LONG_COMMAND_TIMEOUT_MS` does the
 * same for the command requests a provider holds open for minutes (unset: its
 * module's own limits).
 */
function providerTimeouts(env: Env): ProviderTimeoutsConfig {
  const limits = (ms: number) => ({ headersMs: ms, bodyMs: ms, totalMs: ms * 2 });
  const request = limits(duration(env, 'PROVIDER_TIMEOUT_MS', 30_000, 100, 10 * 60_000));
  if (read(env, 'PROVIDER_LONG_COMMAND_TIMEOUT_MS') === undefined) return { request };
  return { request, longCommand: limits(duration(env, 'PROVIDER_LONG_COMMAND_TIMEOUT_MS', 0, 100, 30 * 60_000)) };
}
