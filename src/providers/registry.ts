import type { CommandType, Provider, TargetKind } from '../domain/enums.js';
import { ValidationError } from '../domain/validation.js';
import { NORMAL_BEHAVIOR, type ProviderModule, type SimulatedBehavior } from './module.js';
import { mobway } from './mobway/module.js';
import { smartcar } from './smartcar/module.js';
import { spkey } from './spkey/module.js';

/** A provider's or a behavior's name: a GraphQL enum value (a provider's is also stored, and checked so, migration 007). */
const ENUM_NAME = /^[A-Z][A-Z0-9_]*$/;

/**
 * The providers one app fronts: their modules, looked up by the name stored
 * with each target. The single source of the GraphQL `Provider` enum, of what
 * `supportedCommands` reports and of which commands are refused before
 * anything is stored.
 */
export class ProviderRegistry {
  private readonly byName: ReadonlyMap<string, ProviderModule>;

  constructor(readonly modules: readonly ProviderModule[]) {
    const byName = new Map<string, ProviderModule>();
    for (const module of modules) {
      // The name is a GraphQL enum value and a stored column: upper-case letters, digits and underscores.
      if (!ENUM_NAME.test(module.name)) throw new Error(`provider name ${module.name} is not UPPER_SNAKE_CASE`);
      if (byName.has(module.name)) throw new Error(`provider ${module.name} is registered twice`);
      for (const behavior of Object.keys(module.behaviors)) {
        if (!ENUM_NAME.test(behavior) || behavior === NORMAL_BEHAVIOR) {
          throw new Error(`${module.name}'s behavior ${behavior} is not an UPPER_SNAKE_CASE name of its own`);
        }
      }
      byName.set(module.name, module);
    }
    this.byName = byName;
    // Two providers may not read the same variable: each one's configuration is its own.
    const variables = modules.flatMap((module) => [
      module.environment.baseUrl,
      ...Object.values<string>(module.environment.credentials),
      module.simulatorPortVariable,
    ]);
    const twice = variables.find((variable, i) => variables.indexOf(variable) !== i);
    if (twice !== undefined) throw new Error(`the variable ${twice} is named by two providers (or twice by one)`);
  }

  get names(): string[] {
    return [...this.byName.keys()];
  }

  /** The module of a stored provider name; undefined for one no longer registered. */
  find(provider: Provider): ProviderModule | undefined {
    return this.byName.get(provider);
  }

  /** The module of a caller's provider name, or a `ValidationError` on `field`. */
  require(provider: Provider, field = 'provider'): ProviderModule {
    const module = this.byName.get(provider);
    if (!module)
      throw new ValidationError(field, `${provider} is not a provider of this server: ${this.names.join(', ')}`);
    return module;
  }

  /** What a target of `provider` can be asked to do: nothing, for a provider no longer registered. */
  supportedCommands(provider: Provider): readonly CommandType[] {
    return this.byName.get(provider)?.commands ?? [];
  }

  supportsCommand(provider: Provider, command: CommandType): boolean {
    return this.supportedCommands(provider).includes(command);
  }

  /** Every behavior a registered provider's simulator plays, `NORMAL` first: the `SimulatedBehavior` values. */
  get behaviorNames(): string[] {
    return [NORMAL_BEHAVIOR, ...new Set(this.modules.flatMap((module) => Object.keys(module.behaviors)))];
  }

  /** How `provider`'s simulator plays `behavior`; undefined if it does not. */
  behavior(provider: Provider, behavior: string): SimulatedBehavior | undefined {
    const module = this.byName.get(provider);
    if (module === undefined) return undefined;
    return behavior === NORMAL_BEHAVIOR ? NORMAL : module.behaviors[behavior];
  }

  /** What `behavior` does, from the modules that play it (each says it in its provider's terms). */
  describeBehavior(behavior: string): string {
    if (behavior === NORMAL_BEHAVIOR) return NORMAL.description;
    return this.modules.flatMap((module) => module.behaviors[behavior]?.description ?? []).join(' ');
  }

  /** The behaviors `provider`'s simulator plays, `NORMAL` first. */
  behaviorsOf(provider: Provider): string[] {
    return [NORMAL_BEHAVIOR, ...Object.keys(this.byName.get(provider)?.behaviors ?? {})];
  }

  providersFor(kind: TargetKind): string[] {
    return this.modules.filter((module) => module.targetKind === kind).map((module) => module.name);
  }
}

/** Every simulator's ordinary answers. */
const NORMAL: SimulatedBehavior = {
  description: 'The provider answers as it normally does.',
  knobs: () => ({}),
  outcome: { status: 'SUCCESS', code: null },
};

/** The providers of this API: a provider is its folder and its line here. */
export const PROVIDERS = new ProviderRegistry([smartcar, mobway, spkey]);
