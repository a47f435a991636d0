import { readdir, readFile } from 'node:fs/promises';
import { buildClientSchema, getIntrospectionQuery, parse, validate, type IntrospectionQuery } from 'graphql';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../helpers/graphql-client.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const OPERATIONS = new URL('../../schema/operations/', import.meta.url);

async function contractOperations(): Promise<string> {
  const files = (await readdir(OPERATIONS)).filter((f) => f.endsWith('.graphql'));
  return (await Promise.all(files.map((f) => readFile(new URL(f, OPERATIONS), 'utf8')))).join('\n');
}

// Production (introspection and explorer off) is covered by test/e2e/auth.test.ts.
describe('the explorer in development', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ kind: 'memory' });
  });
  afterAll(() => app?.dispose());

  it('serves the landing page to a browser at GET /graphql', async () => {
    const response = await request(app.url, { headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    const html = await response.body.text();
    expect(html).toMatch(/<!DOCTYPE html>/i);
    expect(html).toMatch(/apollo/i);
  });

  it('answers introspection without a token, enough to type every contract operation', async () => {
    const response = await gql<IntrospectionQuery>(app.url, getIntrospectionQuery({ descriptions: true }));
    expect(response.errors).toBeUndefined();
    const schema = buildClientSchema(response.data!);
    expect(schema.getType('Vehicle')?.description).toMatch(/vehicle/i);
    expect(validate(schema, parse(await contractOperations())).map((e) => e.message)).toEqual([]);
  });
});
