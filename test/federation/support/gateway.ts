import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';

export interface GatewayContext {
  authorization?: string;
}

/** Forwards the caller's Authorization header to every subgraph, as a router's header propagation does. */
export class AuthForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const authorization = (context as GatewayContext).authorization;
    if (authorization) request.http?.headers.set('authorization', authorization);
  }
}

export interface RunningGateway {
  url: string;
  stop(): Promise<void>;
}

/**
 * @apollo/gateway on a free loopback port, composing the subgraphs from their
 * live `_service { sdl }` (IntrospectAndCompose, loaded once at start).
 */
export async function startGateway(subgraphs: { name: string; url: string }[]): Promise<RunningGateway> {
  const gateway = new ApolloGateway({
    supergraphSdl: new IntrospectAndCompose({ subgraphs }),
    buildService: ({ url }) => new AuthForwardingDataSource({ url }),
  });
  const server = new ApolloServer<GatewayContext>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({ authorization: req.headers.authorization }),
  });
  return { url, stop: () => server.stop() };
}
