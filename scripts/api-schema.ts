import { composeServices } from '@apollo/composition';
import { parse, printSchema } from 'graphql';

/**
 * The schema clients see through a router (no `_entities`, no `_service`):
 * the subgraph SDL composed on its own, as an API schema. Printed to
 * schema/api-schema.graphql, which codegen types client operations against.
 */
export function apiSchemaSdl(subgraphSdl: string): string {
  const result = composeServices([{ name: 'vehicle-access', typeDefs: parse(subgraphSdl), url: 'http://vehicle-access/graphql' }]);
  if (result.errors) throw new Error(`schema does not compose:\n${result.errors.map((e) => e.message).join('\n')}`);
  return `${printSchema(result.schema.toAPISchema().toGraphQLJSSchema())}\n`;
}
