import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse } from 'graphql';

/** The garage subgraph's SDL: composed in composition.test.ts, served by startGarage. */
export const GARAGE_SDL = readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8');

export interface ParkedVehicle {
  nickname: string;
  pinnedExecutionId?: string;
}

export interface Garage {
  url: string;
  /** Adds or replaces a vehicle's garage entry. */
  park(vehicleId: string, entry: ParkedVehicle): void;
  clear(): void;
  /** The Authorization header of every request received, in order (undefined when absent). */
  readonly authorizations: (string | undefined)[];
  stop(): Promise<void>;
}

interface GarageContext {
  authorization?: string;
}

/** A small, real second subgraph (Apollo Server + buildSubgraphSchema) on a free loopback port. */
export async function startGarage(): Promise<Garage> {
  const parked = new Map<string, ParkedVehicle>();
  const authorizations: (string | undefined)[] = [];
  const vehicle = (id: string) => ({ id, ...parked.get(id) });

  const resolvers: GraphQLResolverMap<unknown> = {
    Query: {
      parkedVehicles: () => [...parked.keys()].map((id) => ({ id })),
    },
    Vehicle: {
      __resolveReference: (reference: { id: string }) => vehicle(reference.id),
      nickname: (parent: { id: string }) => parked.get(parent.id)?.nickname ?? null,
      pinnedExecution: (parent: { id: string }) => {
        const id = parked.get(parent.id)?.pinnedExecutionId;
        return id ? { id } : null;
      },
    },
  };
  const server = new ApolloServer<GarageContext>({
    schema: buildSubgraphSchema({ typeDefs: parse(GARAGE_SDL), resolvers }),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => {
      authorizations.push(req.headers.authorization);
      return { authorization: req.headers.authorization };
    },
  });

  return {
    url,
    park: (vehicleId, entry) => void parked.set(vehicleId, entry),
    clear: () => parked.clear(),
    authorizations,
    stop: () => server.stop(),
  };
}
