import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.js';

const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('generated client code (npm run codegen)', async () => {
  // What `graphql-codegen --config codegen.ts` would write, in memory.
  const files = (await generate({ ...config, cwd: PROJECT_ROOT, silent: true }, false)) as {
    filename: string;
    content: string;
  }[];

  it('covers every output folder of codegen.ts', () => {
    for (const folder of Object.keys(config.generates).filter((output) => output.endsWith('/'))) {
      expect(files.map((f) => f.filename)).toEqual(
        expect.arrayContaining([`${folder}graphql.ts`, `${folder}gql.ts`, `${folder}index.ts`]),
      );
    }
  });

  it('emits a typed document for every operation in schema/operations', () => {
    const graphqlTs = files.find((f) => f.filename.endsWith('/graphql.ts'))!.content;
    for (const name of [
      'LockVehicle',
      'RequestIgnition',
      'ConfirmIgnition',
      'OpenLock',
      'Vehicles',
      'Locks',
      'CommandExecutionUpdated',
    ]) {
      expect(graphqlTs).toContain(`export const ${name}Document`);
    }
    // Typed against the API schema a router exposes, not the subgraph's federation internals.
    expect(graphqlTs).not.toMatch(/_entities|_Any|_Service/);
  });

  it("emits Apollo Client's possibleTypes for every interface of the API schema", async () => {
    const possibleTypesTs = files.find((f) => f.filename === 'generated/possible-types.ts')?.content;
    expect(possibleTypesTs).toBeDefined();
    const { possibleTypes } = await import('../../generated/possible-types.js');
    expect(possibleTypes).toEqual({ CommandTarget: ['Lock', 'Vehicle'] });
  });

  it.each(files.map((f) => [f.filename, f.content] as const))(
    '%s is current (run `npm run codegen` after changing the schema or operations)',
    async (filename, content) => {
      const checkedIn = await readFile(new URL(filename, `file://${PROJECT_ROOT}`), 'utf8').catch(() => '<missing>');
      expect(checkedIn === content, `${filename} is stale: run npm run codegen`).toBe(true);
    },
  );
});
