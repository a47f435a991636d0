/**
 * GraphQL Code Generator configuration (client preset): typed documents for
 * the client operations in schema/operations/, generated from the checked-in
 * subgraph SDL. `npm run codegen` (scripts/codegen.ts) reads this file and
 * writes generated/graphql/; test/unit/codegen.test.ts fails while that
 * output is stale.
 *
 * The schema the documents are typed against is the subgraph's *API schema*
 * (what a client sees through a router: no `_entities`, no `_service`), made
 * by composing schema/schema.graphql on its own.
 */
export interface CodegenOutput {
  /** The client preset is the only preset scripts/codegen.ts runs. */
  preset: 'client';
  presetConfig?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

export interface CodegenConfig {
  schema: string;
  documents: string[];
  /** Output folder (ending in `/`) → how to generate it. */
  generates: Record<string, CodegenOutput>;
}

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['schema/operations/*.graphql'],
  generates: {
    'generated/graphql/': {
      preset: 'client',
      // Fragments are not masked: ExecutionFields is read as plain fields by
      // the tests and the example, like a small app would.
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        // NodeNext ESM: relative imports in the output carry `.js`.
        emitLegacyCommonJSImports: false,
        scalars: { DateTime: 'string', JSON: 'unknown' },
      },
    },
  },
};

export default config;
