import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { LimitsConfig } from '../config.js';
import type { GraphQLContext } from '../graphql/context.js';
import { checkEntityRepresentations } from './entity-limits.js';
import { GRAPHQL_PATH } from './websocket.js';
import type { ErrorCode } from '../domain/error-codes.js';

/**
 * What Apollo Server can decide only once the operation is resolved, before
 * anything runs: a subscription must come over a transport that streams, and
 * `_entities` representations are capped and costed (their count is in the
 * variables, known only now).
 */
export function operationAdmissionPlugin(limits: LimitsConfig): ApolloServerPlugin<GraphQLContext> {
  return {
    requestDidStart: async () => ({
      didResolveOperation: async ({ schema, document, operation, request }) => {
        // A router's callback subscription carries `extensions.subscription`;
        // the callback plugin admits or refuses it.
        if (operation?.operation === 'subscription' && request.extensions?.subscription === undefined) {
          throw subscriptionNeedsStream();
        }
        const errors = checkEntityRepresentations(schema, document, request.operationName, request.variables, limits);
        if (errors) throw errors[0];
      },
    }),
  };
}

/**
 * A plain HTTP request (one that does not ask for an event stream) answers once, so it cannot carry a subscription's
 * updates: said plainly, before authentication (it would fail the same way
 * with any token), instead of graphql-js's "Cannot return null …".
 */
function subscriptionNeedsStream(): GraphQLError {
  return new GraphQLError(
    `Subscriptions are not served over a plain HTTP request: subscribe at ${GRAPHQL_PATH} over WebSocket ` +
      `(graphql-transport-ws), Server-Sent Events (Accept: text/event-stream) or Apollo's multipart protocol ` +
      `(Accept: multipart/mixed;subscriptionSpec=1.0), or from a router with Apollo's HTTP callback protocol.`,
    { extensions: { code: 'SUBSCRIPTION_TRANSPORT_REQUIRED' satisfies ErrorCode, http: { status: 400 } } },
  );
}
