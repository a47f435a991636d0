import type { GatewayPlugin } from '@graphql-hive/gateway';
import { createGraphQLError } from '@graphql-tools/utils';

/**
 * Automatic persisted queries (APQ) refused the way the subgraph refuses them.
 *
 * Apollo Client's persisted-query link (and Apollo Kotlin's, iOS's) first
 * sends only `extensions.persistedQuery.sha256Hash`, without `query`. The
 * subgraph has APQ off (`persistedQueries: false`: a store anyone could fill)
 * and answers PERSISTED_QUERY_NOT_SUPPORTED, on which the link stops hashing
 * and resends the full query. The gateway, left alone, answers 400 "Must
 * provide query string." with code BAD_REQUEST, which the link does not know,
 * so every query of such a client fails through the gateway.
 *
 * This answers any request carrying `extensions.persistedQuery` exactly as
 * Apollo Server with APQ off does: HTTP 200, `cache-control: private,
 * no-cache, must-revalidate`, one error with message PersistedQueryNotSupported
 * and `extensions.code` PERSISTED_QUERY_NOT_SUPPORTED (the link checks either).
 * It runs before Yoga's own check for a missing query.
 */
export function usePersistedQueriesNotSupported(): GatewayPlugin {
  return {
    onParams({ params }) {
      if (!params.extensions?.persistedQuery) return;
      throw createGraphQLError('PersistedQueryNotSupported', {
        extensions: {
          code: 'PERSISTED_QUERY_NOT_SUPPORTED',
          http: { status: 200, headers: { 'cache-control': 'private, no-cache, must-revalidate' } },
        },
      });
    },
  };
}
