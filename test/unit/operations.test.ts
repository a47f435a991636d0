import { readdir, readFile } from 'node:fs/promises';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSubgraph } from '../../src/graphql/schema.js';

const OPERATIONS = new URL('../../schema/operations/', import.meta.url);

describe('client operations in schema/operations', async () => {
  const files = (await readdir(OPERATIONS)).filter((f) => f.endsWith('.graphql'));
  // All files form one document set, as codegen sees them (fragments are shared).
  const source = (await Promise.all(files.map((f) => readFile(new URL(f, OPERATIONS), 'utf8')))).join('\n');

  it('exist', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it('are valid against the subgraph schema', async () => {
    const schema = await buildSubgraph();
    const errors = validate(schema, parse(source));
    expect(errors.map((e) => e.message)).toEqual([]);
  });
});
