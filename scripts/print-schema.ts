import { writeFile } from 'node:fs/promises';
import { printSubgraphSdl } from '../src/graphql/schema.js';

/** `npm run schema`: rewrites schema/schema.graphql from the code. A test fails when it is stale. */
const target = new URL('../schema/schema.graphql', import.meta.url);
await writeFile(target, await printSubgraphSdl());
console.log(`wrote ${target.pathname}`);
