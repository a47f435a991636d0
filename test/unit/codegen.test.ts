import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.js';
import { generate, PROJECT_ROOT } from '../../scripts/codegen.js';

describe('generated client code (npm run codegen)', async () => {
  const files = await generate();

  it('covers every output folder of codegen.ts', () => {
    for (const folder of Object.keys(config.generates)) {
      expect(files.map((f) => f.filename)).toEqual(expect.arrayContaining([`${folder}graphql.ts`, `${folder}gql.ts`, `${folder}index.ts`]));
    }
  });

  it('emits a typed document for every operation in schema/operations', () => {
    const graphqlTs = files.find((f) => f.filename.endsWith('/graphql.ts'))!.content;
    for (const name of ['LockVehicle', 'RequestIgnition', 'ConfirmIgnition', 'OpenLock', 'Vehicles', 'Locks', 'CommandExecutionUpdated']) {
      expect(graphqlTs).toContain(`export const ${name}Document`);
    }
    // Typed against the API schema a router exposes, not the subgraph's federation internals.
    expect(graphqlTs).not.toMatch(/_entities|_Any|_Service/);
  });

  it.each(files.map((f) => [f.filename, f.content] as const))('%s is current (run `npm run codegen` after changing the schema or operations)', async (filename, content) => {
    const checkedIn = await readFile(path.join(PROJECT_ROOT, filename), 'utf8').catch(() => '<missing>');
    expect(checkedIn === content, `${filename} is stale: run npm run codegen`).toBe(true);
  });
});
