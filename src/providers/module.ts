import type { CommandType, TargetKind } from '../domain/enums.js';
import type { ProviderTimeoutsConfig } from './config.js';
import type { ProviderClient, ProviderTarget } from './provider.js';

/**
 * Where a provider's client points: its base URL and the credentials its
 * module's environment names (`credentials` keys → values).
 */
export type ProviderEndpoint<Credential extends string = string> = { baseUrl: string } & Record<Credential, string>;

/** The variables that configure one provider. */
export interface ProviderEnvironment<Credential extends string = string> {
  /** Set: the provider is real, at that URL. Unset: a built-in simulator (outside production) or disabled. */
  baseUrl: string;
  /** Each credential of the endpoint → the variable that holds it; all are required once `baseUrl` is set. */
  credentials: Readonly<Record<Credential, string>>;
}

/** The provider references of a registration, already trimmed and length-checked by the registry. */
export interface ProviderReferences {
  externalId: string;
  providerUserId: string | null;
  vin: string | null;
}

/** A provider's simulator, running: what the app and the tests need of any of them. */
export interface RunningSimulator<Credential extends string = string> {
  readonly url: string;
  /** The endpoint that points a client at it: its URL and the credentials it accepts. */
  readonly endpoint: ProviderEndpoint<Credential>;
  /** Makes a registered target known to it (a real provider knows its own). */
  introduce(target: ProviderTarget): void;
  /** Requests received per route, keyed `METHOD /pattern`. */
  counts(): Record<string, number>;
  /** The next `count` commands to one target (by its external id) run with these knobs (checked; throws if unknown). */
  playNext(targetId: string, knobs: Record<string, unknown>, count?: number): void;
  /** Forgets what was queued for a target's next commands. */
  clearPlays(targetId: string): void;
  close(): Promise<void>;
}

/**
 * One way a provider's built-in simulator can answer, on demand: what the
 * sandbox's `simulateProvider` plays for a target's next commands.
 */
export interface SimulatedBehavior {
  /** What the provider then does, for the `SimulatedBehavior` value's description. */
  description: string;
  /** The simulator knobs of one command that play it (the app's acknowledgement timeout given). */
  knobs(context: { ackTimeoutMs: number }): Record<string, unknown>;
  /** What a command then ends as: its final status and `error.code` (null: none); PENDING first if acknowledged so. */
  outcome: { status: 'SUCCESS' | 'FAILURE'; code: string | null; acknowledged?: 'PENDING' };
}

/**
 * The cases of the contract suite (test/providers/contract.test.ts) whose
 * answer is the provider's own: each module says how its simulator plays them
 * and what a command then ends as. The suite adds the cases every provider
 * shares: success, a slow answer, a reset connection, a body that is not JSON
 * or is cut short, and no answer at all.
 */
export type ContractCase = 'REFUSED' | 'CLIENT_ERROR' | 'SERVER_ERROR' | 'RATE_LIMITED';

/** A rate limit no request passes: each simulator answers 429 in its own words, with `retry-after: 30`. */
export const RATE_LIMITED_KNOBS = { rateLimit: { maxRequests: 0, windowMs: 60_000, retryAfterSeconds: 30 } };

/** What every simulator plays: answering as it normally does. */
export const NORMAL_BEHAVIOR = 'NORMAL';

/**
 * Everything about one provider, in its own folder (`src/providers/<name>/`):
 * the registry (`registry.ts`) lists the modules, and nothing else in the
 * app names a provider. Adding one is a folder and a line (CONTRIBUTING.md).
 */
export interface ProviderModule<Credential extends string = string> {
  /** The name stored with each target and execution, and the GraphQL `Provider` value: upper case. */
  readonly name: string;
  /** For messages and logs, e.g. the vendor's own spelling. */
  readonly title: string;
  /** The `Provider` enum value's description. */
  readonly description: string;
  /** What it registers: vehicles or locks. */
  readonly targetKind: TargetKind;
  readonly environment: ProviderEnvironment<Credential>;
  /** The command kinds it runs: the keys of its command table, the only list of what it supports. */
  readonly commands: readonly CommandType[];
  /**
   * Checks and normalises the provider references a registration carries
   * (throws `ValidationError`): which ids it needs and their shape.
   */
  references(input: ProviderReferences): ProviderReferences;
  /** Its client, with the app's timeouts (a provider with long requests applies its own on top). */
  createClient(endpoint: ProviderEndpoint<Credential>, timeouts?: ProviderTimeoutsConfig): ProviderClient;
  /** Its simulator, listening on `host:port` (defaults: loopback, a free port). */
  startSimulator(options?: { host?: string; port?: number }): Promise<RunningSimulator<Credential>>;
  /** `npm run simulators`: the variable that fixes its simulator's port. */
  readonly simulatorPortVariable: string;
  /** What its simulator knows from the start, for `npm run simulators` to print. */
  readonly simulatorTargets: string;
  /**
   * What its simulator plays on demand, by behavior name (UPPER_SNAKE_CASE; `NORMAL` is every
   * provider's and need not be listed): the sandbox's matrix.
   */
  readonly behaviors: Readonly<Record<string, SimulatedBehavior>>;
  /** Its answers to the contract suite's provider-specific cases. */
  readonly contract: Readonly<Record<ContractCase, SimulatedBehavior>>;
  /** Its target in the demo fleet, registered on a fresh development start. */
  readonly demoTarget: { externalId: string; providerUserId?: string; name: string };
}

/** Declares a module with its credentials typed from its environment. */
export function defineProvider<Credential extends string>(module: ProviderModule<Credential>): ProviderModule {
  return module as unknown as ProviderModule;
}
