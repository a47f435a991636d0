import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * GraphQL Code Generator (`npm run codegen`, the `graphql-codegen` CLI):
 * typed documents for the client operations in schema/operations/, typed
 * against schema/api-schema.graphql — what a client sees through a router
 * (`npm run schema` prints it). test/unit/codegen.test.ts fails while
 * generated/graphql/ is stale.
 */
const config: CodegenConfig = {
  schema: 'schema/api-schema.graphql',
  documents: ['schema/operations/*.graphql'],
  // NodeNext ESM: relative imports in the output carry `.js`.
  emitLegacyCommonJSImports: false,
  // Keep the schema's own order (types and fields as the SDL declares them).
  config: { sort: false },
  generates: {
    'generated/graphql/': {
      preset: 'client',
      // Fragments are not masked: ExecutionFields is read as plain fields by
      // the tests and the example, like a small app would.
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', JSON: 'unknown' },
      },
    },
  },
};

export default config;
