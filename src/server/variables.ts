import { GraphQLError, getOperationAST, getVariableValues, type DocumentNode, type GraphQLSchema } from 'graphql';
import { withoutSuggestions } from './limits.js';
import type { ErrorCode } from '../domain/error-codes.js';

/**
 * Coerces a WebSocket operation's variables before it runs. graphql-js would
 * do it inside `execute`/`subscribe` and answer uncoded errors; Apollo Server
 * answers the same failures over HTTP as BAD_USER_INPUT, and so do we here,
 * with the schema hints removed as everywhere else. Answers the errors to
 * send instead of running the operation, or undefined when the variables fit
 * (or no single operation is named: graphql-ws reports that itself).
 */
export function checkVariables(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | null | undefined,
): GraphQLError[] | undefined {
  const operation = getOperationAST(document, operationName);
  if (!operation) return undefined;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 10 });
  if (!coerced.errors) return undefined;
  return coerced.errors.map(
    (error) =>
      new GraphQLError(withoutSuggestions(error.message), {
        nodes: error.nodes,
        extensions: { code: 'BAD_USER_INPUT' satisfies ErrorCode },
      }),
  );
}
