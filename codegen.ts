/**
 * GraphQL Code Generator configuration (client preset): typed documents for
 * the client operations in schema/operations/, generated from the checked-in
 * subgraph SDL. The federation issue installs @graphql-codegen/cli and adds
 * `npm run codegen` plus a freshness check; until then this file is the
 * single place that says where the inputs are, and the operations are
 * validated against the schema by test/unit/operations.test.ts.
 */
const config = {
  schema: 'schema/schema.graphql',
  documents: ['schema/operations/*.graphql'],
  generates: {
    'src/generated/graphql/': {
      preset: 'client',
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTime: 'string', JSON: 'unknown' } },
    },
  },
};

export default config;
