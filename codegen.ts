import { readdirSync, readFileSync } from 'node:fs';
import type { CodegenConfig } from '@graphql-codegen/cli';

const OPERATIONS = new URL('./schema/operations/', import.meta.url);

/**
 * The operation files' text, in name order. The CLI loads files matched by a
 * glob concurrently and keeps them in the order they finish reading, which
 * made generated/graphql/gql.ts differ from run to run; given as text, they
 * keep this order.
 */
const operations = readdirSync(OPERATIONS)
  .filter((file) => file.endsWith('.graphql'))
  .sort()
  .map((file) => readFileSync(new URL(file, OPERATIONS), 'utf8'));

/**
 * GraphQL Code Generator (`npm run codegen`, the `graphql-codegen` CLI):
 * typed documents for the client operations in schema/operations/, typed
 * against schema/api-schema.graphql — what a client sees through a router
 * (`npm run schema` prints it). test/unit/codegen.test.ts fails while
 * generated/graphql/ is stale.
 */
const config: CodegenConfig = {
  schema: 'schema/api-schema.graphql',
  documents: operations,
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
