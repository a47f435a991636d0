import type { DocumentNode, GraphQLError, GraphQLSchema, ValidationRule } from 'graphql';
import type { LimitsConfig } from '../config.js';
import { checkEntityRepresentations } from './entity-limits.js';
import { operationChecker } from './limits.js';
import { checkVariables } from './variables.js';

/** An operation as a transport receives it, before anything is known to be valid. */
export interface OperationPayload {
  query: string;
  variables?: Readonly<Record<string, unknown>> | null;
  operationName?: string | null;
}

export type Admission = { document: DocumentNode } | { errors: readonly GraphQLError[] };

/**
 * The one check an operation passes on every transport Apollo Server does
 * not serve itself (graphql-ws, GraphQL over SSE): the same parse and token
 * limit, validation rules (depth, aliases, cost, directives, introspection in
 * production), variable coercion and `_entities` caps that Apollo's pipeline
 * and our plugins apply over plain HTTP. Authentication, visibility, the
 * per-user cap and the stream endings (revoke, token expiry, shutdown) are
 * the resolvers', the same everywhere.
 */
export function streamAdmission(
  schema: GraphQLSchema,
  limits: LimitsConfig,
  rules: readonly ValidationRule[],
): (payload: OperationPayload) => Admission {
  const checkOperation = operationChecker(schema, limits, rules);
  return (payload) => {
    const checked = checkOperation(payload.query);
    if ('errors' in checked) return checked;
    const { document } = checked;
    const variableErrors = checkVariables(schema, document, payload.operationName, payload.variables);
    if (variableErrors) return { errors: variableErrors };
    const entityErrors = checkEntityRepresentations(schema, document, payload.operationName, payload.variables, limits);
    if (entityErrors) return { errors: entityErrors };
    return { document };
  };
}
