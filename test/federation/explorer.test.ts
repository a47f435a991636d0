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

  it('serves its own GraphiQL to a browser at GET /graphql, with every asset from this server', async () => {
    const response = await request(app.url, { headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['content-security-policy']).toMatch(/default-src 'self'; script-src 'self'/);
    const html = await response.body.text();
    expect(html).toMatch(/<!doctype html>/i);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(7);
    for (const asset of assets) {
      expect(asset).toMatch(/^\/explorer\//);
      const served = await request(new URL(asset, app.url));
      expect(served.statusCode).toBe(200);
      await served.body.dump();
    }
  });

  it('leaves GET /graphql to API clients that do not ask for HTML', async () => {
    const response = await request(`${app.url}?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(response.statusCode).toBe(200);
    expect(await response.body.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('answers introspection without a token, enough to type every contract operation', async () => {
    const response = await gql<IntrospectionQuery>(app.url, getIntrospectionQuery({ descriptions: true }));
    expect(response.errors).toBeUndefined();
    const schema = buildClientSchema(response.data!);
    expect(schema.getType('Vehicle')?.description).toMatch(/vehicle/i);
    expect(validate(schema, parse(await contractOperations())).map((e) => e.message)).toEqual([]);
  });
});

describe('the explorer in production', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ kind: 'memory' }, { NODE_ENV: 'production', HOST: '127.0.0.1' });
  });
  afterAll(() => app?.dispose());

  it('is off: a browser at GET /graphql gets no page, and no asset is served', async () => {
    const response = await request(app.url, { headers: { accept: 'text/html' } });
    expect(response.headers['content-type'] ?? '').not.toMatch(/^text\/html/);
    await response.body.dump();
    const asset = await request(new URL('/explorer/graphiql.js', app.url));
    expect(asset.statusCode).toBe(404);
    await asset.body.dump();
  });
});
