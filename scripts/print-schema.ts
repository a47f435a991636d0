import { writeFile } from 'node:fs/promises';
import { printSubgraphSdl } from '../src/graphql/schema.js';
import { apiSchemaSdl } from './api-schema.js';

/**
 * `npm run schema`: rewrites schema/schema.graphql (the subgraph SDL, for
 * routers) and schema/api-schema.graphql (what clients see, for codegen)
 * from the code. A test fails while either is stale.
 */
const subgraph = await printSubgraphSdl();
for (const [file, content] of [
  ['schema.graphql', subgraph],
  ['api-schema.graphql', apiSchemaSdl(subgraph)],
] as const) {
  const target = new URL(`../schema/${file}`, import.meta.url);
  await writeFile(target, content);
  console.log(`wrote ${target.pathname}`);
}
