import { readdir, readFile } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { buildClientSchema, getIntrospectionQuery, parse, validate, type IntrospectionQuery } from 'graphql';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../helpers/graphql-client.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { explorerRoutes } from '../../src/server/explorer/routes.js';

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

/** GET with a Host header of the caller's choosing (undici and fetch derive it from the URL). */
function getWithHost(
  port: number,
  path: string,
  host: string,
): Promise<{ status: number; csp?: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { host, accept: 'text/html' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode!, csp: res.headers['content-security-policy'] as string | undefined, body }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the explorer page and its assets, whatever the request names', () => {
  let server: Server;
  let port: number;
  const DEMO = 'Bearer demo-token-value';

  beforeAll(async () => {
    const app = express();
    app.use(explorerRoutes({ endpoint: '/graphql', authorization: DEMO }));
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'answers 404 for /explorer/%s (an object property, not an asset)',
    async (name) => {
      const response = await getWithHost(port, `/explorer/${name}`, `127.0.0.1:${port}`);
      expect(response.status).toBe(404);
    },
  );

  it.each(['127.0.0.1', '127.0.0.1:4000', 'localhost', 'localhost:4000', '[::1]', '[::1]:4000'])(
    'prefills the demo token for the loopback host %s',
    async (host) => {
      const page = await getWithHost(port, '/graphql', host);
      expect(page.status).toBe(200);
      expect(page.body).toContain(DEMO);
    },
  );

  it.each([
    '[::ffff:7f00:1]',
    '[::ffff:127.0.0.1]:4000',
    'localhost:80@evil.example',
    'evil.example',
    '10.0.0.1',
    '127.1',
  ])('never prefills it for %s', async (host) => {
    const page = await getWithHost(port, '/graphql', host);
    expect(page.body).not.toContain(DEMO);
  });

  it('builds its Content-Security-Policy from constants, never from the Host header', async () => {
    const hostile = await getWithHost(port, '/graphql', "evil.example; script-src 'unsafe-inline' *");
    const plain = await getWithHost(port, '/graphql', `127.0.0.1:${port}`);
    expect(hostile.csp).toBe(plain.csp);
    expect(plain.csp).toContain("connect-src 'self';");
    expect(plain.csp).not.toMatch(/evil|unsafe-inline' \*/);
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
