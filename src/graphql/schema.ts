import 'reflect-metadata';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { Kind, parse, visit, type DocumentNode, type EnumValueDefinitionNode, type GraphQLSchema } from 'graphql';
import { buildSchema, createResolversMap } from 'type-graphql';
import { PROVIDERS, type ProviderRegistry } from '../providers/registry.js';
import type { GraphQLContext } from './context.js';
import { withErrorMapping } from './error-mapping.js';
import { CommandExecutionResolver } from './resolvers/command-execution.resolver.js';
import { CommandTargetResolver } from './resolvers/command-target.resolver.js';
import { CommandResolver } from './resolvers/command.resolver.js';
import { LockResolver } from './resolvers/lock.resolver.js';
import { RegistryResolver } from './resolvers/registry.resolver.js';
import { AuditResolver } from './resolvers/audit.resolver.js';
import { FleetResolver } from './resolvers/fleet.resolver.js';
import { GrantResolver } from './resolvers/grant.resolver.js';
import { SandboxResolver } from './resolvers/sandbox.resolver.js';
import { SubscriptionResolver } from './resolvers/subscription.resolver.js';
import { VehicleResolver } from './resolvers/vehicle.resolver.js';
import { resolveCommandExecutionReference } from './types/command-execution.reference.js';
import { CommandExecution } from './types/command-execution.js';
import { resolveFleetReference } from './types/fleet.reference.js';
import { resolveLockReference } from './types/lock.reference.js';
import { Lock } from './types/lock.js';
import { resolveVehicleReference } from './types/vehicle.reference.js';
import { Vehicle } from './types/vehicle.js';

/**
 * Federation 2.7 (≥ 2.4 is what routers need for subscriptions). Only the
 * directives we use are imported, so the printed SDL stays readable.
 */
const FEDERATION_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';

const RESOLVERS = [
  VehicleResolver,
  LockResolver,
  CommandTargetResolver,
  CommandExecutionResolver,
  RegistryResolver,
  FleetResolver,
  GrantResolver,
  AuditResolver,
  SandboxResolver,
  CommandResolver,
  SubscriptionResolver,
] as const;

const REFERENCE_RESOLVERS: Record<
  string,
  { __resolveReference: (ref: { id: string }, ctx: GraphQLContext) => unknown }
> = {
  Vehicle: { __resolveReference: resolveVehicleReference },
  Lock: { __resolveReference: resolveLockReference },
  CommandExecution: { __resolveReference: resolveCommandExecutionReference },
  Fleet: { __resolveReference: resolveFleetReference },
};

const UNUSED_PUBSUB = {
  publish(): never {
    throw new Error('subscriptions use the execution streams, not the type-graphql PubSub');
  },
  subscribe(): never {
    throw new Error('subscriptions use the execution streams, not the type-graphql PubSub');
  },
};

/**
 * Builds the subgraph: type-graphql's schema printed *with* its directives,
 * prefixed with the federation @link, rebuilt by `buildSubgraphSchema` with
 * type-graphql's resolvers plus our `__resolveReference`s, every one of them
 * mapping its errors (`withErrorMapping`). The rebuild drops type-graphql
 * `extensions`.
 */
export async function buildSubgraph(
  providers: ProviderRegistry = PROVIDERS,
  /** Provider names stored with targets: one no longer registered stays readable (its commands fail). */
  storedProviders: readonly string[] = [],
): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: RESOLVERS,
    // Entities no query field returns directly must still be in the schema.
    orphanedTypes: [Vehicle, Lock, CommandExecution],
    validate: false,
    // type-graphql insists on a PubSub once subscriptions exist, although
    // ours bring their own `subscribe` (the engine's execution streams).
    pubSub: UNUSED_PUBSUB,
  });
  const typeDefs = withRegistryValues(
    parse(`${FEDERATION_LINK}\n\n${printSchemaWithDirectives(schema)}`),
    providers,
    storedProviders,
  );
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(REFERENCE_RESOLVERS)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...reference } as GraphQLResolverMap<unknown>[string];
  }
  return buildSubgraphSchema({ typeDefs, resolvers: withEventsAsValues(withErrorMapping(resolvers)) });
}

/**
 * A subscription field's value is the event itself (every one of ours
 * returns its root): resolved as such, instead of through type-graphql's
 * handler, which would parse the arguments again, run the middlewares and
 * make a promise for every event of every subscriber — the arguments were
 * checked once, at subscribe. Events then execute synchronously.
 */
function withEventsAsValues(resolvers: GraphQLResolverMap<unknown>): GraphQLResolverMap<unknown> {
  const subscription = resolvers.Subscription as Record<string, { subscribe: unknown; resolve?: unknown }> | undefined;
  for (const field of Object.values(subscription ?? {})) field.resolve = (event: unknown) => event;
  return resolvers;
}

/**
 * The enums whose values are the registry's: `Provider` (one value per
 * registered provider) and `SimulatedBehavior` (every behavior their
 * simulators play), each value described by its module.
 */
function withRegistryValues(
  typeDefs: DocumentNode,
  providers: ProviderRegistry,
  storedProviders: readonly string[],
): DocumentNode {
  const value = (name: string, description: string): EnumValueDefinitionNode => ({
    kind: Kind.ENUM_VALUE_DEFINITION,
    name: { kind: Kind.NAME, value: name },
    description: { kind: Kind.STRING, value: description },
  });
  const values: Record<string, EnumValueDefinitionNode[]> = {
    Provider: [
      ...providers.modules.map((module) => value(module.name, module.description)),
      // Stored, no longer registered: readable still, so lists of targets and executions do not break
      // (a stored name is an enum name: the database checks its shape, migration 007).
      ...storedProviders
        .filter((name) => providers.find(name) === undefined)
        .map((name) => value(name, 'No longer a provider of this server: its commands fail PROVIDER_NOT_CONFIGURED.')),
    ],
    SimulatedBehavior: providers.behaviorNames.map((behavior) => value(behavior, providers.describeBehavior(behavior))),
  };
  return visit(typeDefs, {
    EnumTypeDefinition: (node) => (values[node.name.value] ? { ...node, values: values[node.name.value] } : undefined),
  });
}

/** The SDL the subgraph serves at `_service { sdl }`: what `schema/schema.graphql` holds (the production registry's). */
export async function printSubgraphSdl(providers: ProviderRegistry = PROVIDERS): Promise<string> {
  return printSubgraphSchema(await buildSubgraph(providers)).trimEnd() + '\n';
}
