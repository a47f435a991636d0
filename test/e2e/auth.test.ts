import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Client } from 'graphql-ws';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegisterLockDocument } from '../../generated/graphql/graphql.js';
import { errorCodes, gql } from '../helpers/graphql-client.js';
import { describeEachStore, STORES } from '../helpers/databases.js';
import { SECRET_BYTES, signToken, startTestApp, type TestApp } from '../helpers/test-app.js';
import { run } from '../helpers/typed-client.js';
import { MAX_TOKEN_LENGTH } from '../../src/auth/token-verifier.js';
import { subscribe, within, wsClient } from '../helpers/ws-client.js';

/** The least an authenticated caller can ask, on both transports; over WebSocket its answer is compared whole. */
const ME = '{ vehicles { edges { node { id } } } }';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

const now = () => Math.floor(Date.now() / 1000);

/**
 * An HS256 token over a payload given as raw JSON, so that a test can send
 * claims no JWT library would produce (`1e999` parses as Infinity).
 */
function signRawPayload(payloadJson: string): string {
  const encode = (text: string) => Buffer.from(text).toString('base64url');
  const signingInput = `${encode('{"alg":"HS256","typ":"JWT"}')}.${encode(payloadJson)}`;
  return `${signingInput}.${createHmac('sha256', SECRET_BYTES).update(signingInput).digest('base64url')}`;
}

/** Validly signed claims for the test app below, with `overrides` on top. */
const claimsJson = (overrides: Record<string, unknown>, rawExtra = '') =>
  JSON.stringify({
    sub: 'alice',
    iss: 'https://idp.test',
    aud: 'vehicle-access',
    iat: now(),
    exp: now() + 3600,
    ...overrides,
  }).replace(/}$/, `${rawExtra}}`);

describe('authentication over HTTP (HS256, issuer and audience)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ kind: 'memory' }, { AUTH_ISSUER: 'https://idp.test', AUTH_AUDIENCE: 'vehicle-access' });
  });
  afterAll(() => app?.dispose());

  it('accepts a valid token', async () => {
    const response = await gql(app.url, ME, {}, { token: await app.token({ sub: 'alice' }) });
    expect(response.errors).toBeUndefined();
  });

  it.each([
    ['no token', async () => undefined, /missing bearer token/],
    ['a non-bearer header', async () => 'Basic abc', /expected "Authorization: Bearer <JWT>"/],
    ['a malformed token', async () => 'Bearer not.a.jwt', /malformed|invalid/],
    [
      'a bad signature',
      async () =>
        `Bearer ${await signToken(new TextEncoder().encode('another-secret-that-is-32-bytes-long!'), {
          sub: 'alice',
          issuer: 'https://idp.test',
          audience: 'vehicle-access',
        })}`,
      /signature is invalid/,
    ],
    [
      'an expired token',
      async () =>
        `Bearer ${await new SignJWT({ roles: [] })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('alice')
          .setIssuer('https://idp.test')
          .setAudience('vehicle-access')
          .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
          .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
          .sign(SECRET_BYTES)}`,
      /expired/,
    ],
    [
      'a wrong audience',
      async () =>
        `Bearer ${await signToken(SECRET_BYTES, { sub: 'alice', issuer: 'https://idp.test', audience: 'other-api' })}`,
      /claim "aud"/,
    ],
    [
      'a wrong issuer',
      async () =>
        `Bearer ` +
        `${await signToken(SECRET_BYTES, { sub: 'alice', issuer: 'https://evil.test', audience: 'vehicle-access' })}`,
      /claim "iss"/,
    ],
    [
      'no sub claim',
      async () =>
        `Bearer ${await new SignJWT({})
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer('https://idp.test')
          .setAudience('vehicle-access')
          .setExpirationTime('1h')
          .sign(SECRET_BYTES)}`,
      /sub/,
    ],
    [
      'a token without expiry',
      async () =>
        `Bearer ${await new SignJWT({ roles: ['admin'] })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('alice')
          .setIssuer('https://idp.test')
          .setAudience('vehicle-access')
          .sign(SECRET_BYTES)}`,
      /claim "exp"/,
    ],
    ['an exp beyond the Date range', async () => `Bearer ${signRawPayload(claimsJson({ exp: 9e15 }))}`, /claim "exp"/],
    [
      'an infinite exp',
      async () => `Bearer ${signRawPayload(claimsJson({ exp: undefined }, ',"exp":1e999'))}`,
      /claim "exp"/,
    ],
    ['an nbf beyond the Date range', async () => `Bearer ${signRawPayload(claimsJson({ nbf: -9e15 }))}`, /claim "nbf"/],
    ['an iat beyond the Date range', async () => `Bearer ${signRawPayload(claimsJson({ iat: 9e15 }))}`, /claim "iat"/],
    [
      'an iat an hour in the future',
      async () => `Bearer ${signRawPayload(claimsJson({ iat: now() + 3600 }))}`,
      /claim "iat"/,
    ],
    [
      'a fractional exp beyond the Date range',
      async () => `Bearer ${signRawPayload(claimsJson({ exp: 8.64e12 + 0.5 }))}`,
      /claim "exp"/,
    ],
    ['a sub with a NUL', async () => `Bearer ${signRawPayload(claimsJson({ sub: 'ali\u0000ce' }))}`, /sub/],
    [
      'a sub with a C1 control (NEL)',
      async () => `Bearer ${signRawPayload(claimsJson({ sub: 'ali\u0085ce' }))}`,
      /sub/,
    ],
    ['a sub with a line separator', async () => `Bearer ${signRawPayload(claimsJson({ sub: 'ali\u2028ce' }))}`, /sub/],
    [
      'a sub with a right-to-left override',
      async () => `Bearer ${signRawPayload(claimsJson({ sub: 'ali\u202ece' }))}`,
      /sub/,
    ],
    ['a sub with a lone surrogate', async () => `Bearer ${signRawPayload(claimsJson({ sub: 'ali\ud800ce' }))}`, /sub/],
    ['a blank sub', async () => `Bearer ${signRawPayload(claimsJson({ sub: '   ' }))}`, /sub/],
    ['a 257-character sub', async () => `Bearer ${signRawPayload(claimsJson({ sub: 'a'.repeat(257) }))}`, /sub/],
  ])('refuses %s with UNAUTHENTICATED', async (_name, header, message) => {
    const authorization = await header();
    const response = await gql(app.url, ME, {}, { headers: authorization ? { authorization } : {} });
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    expect(response.errors![0]!.message).toMatch(message);
    expect(response.data).toBeNull();
  });

  it('accepts a long-lived token and a sub in any script', async () => {
    const token = signRawPayload(claimsJson({ sub: 'João 🚗 ص', exp: now() + 400 * 86_400 }));
    const response = await gql(app.url, ME, {}, { token });
    expect(response.errors).toBeUndefined();
  });

  it('refuses a validly signed token longer than 8 KiB before verifying it, and accepts one just under', async () => {
    const padded = (length: number) => {
      const base = signRawPayload(claimsJson({ pad: '' }));
      return signRawPayload(claimsJson({ pad: 'x'.repeat(Math.floor(((length - base.length) * 3) / 4)) }));
    };
    const large = padded(12 * 1024);
    expect(large.length).toBeGreaterThan(MAX_TOKEN_LENGTH);
    const refused = await gql(app.url, ME, {}, { token: large });
    expect(errorCodes(refused)).toEqual(['UNAUTHENTICATED']);
    expect(refused.errors![0]!.message).toMatch(/token is longer than 8192 characters/);

    const fits = padded(MAX_TOKEN_LENGTH - 200);
    expect(fits.length).toBeLessThanOrEqual(MAX_TOKEN_LENGTH);
    expect((await gql(app.url, ME, {}, { token: fits })).errors).toBeUndefined();
  });

  it('never echoes the token in the error', async () => {
    const token = await signToken(SECRET_BYTES, { sub: 'alice', issuer: 'https://idp.test', audience: 'other-api' });
    const response = await gql(app.url, ME, {}, { token });
    expect(JSON.stringify(response)).not.toContain(token);
  });
});

describeEachStore(STORES, 'a sub the store could not hold, on $name', ({ create }) => {
  let database: Awaited<ReturnType<typeof create>>;
  let app: TestApp;

  beforeAll(async () => {
    database = await create();
    app = await startTestApp(database.location);
  });
  afterAll(async () => {
    await app?.dispose();
    await database?.drop();
  });

  it('is refused as UNAUTHENTICATED before any query (a NUL cannot be stored in text)', async () => {
    const token = signRawPayload(JSON.stringify({ sub: 'alice\u0000', exp: now() + 60 }));
    const response = await gql(app.url, ME, {}, { token });
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('authentication by JWKS', () => {
  let jwks: Server;
  let app: TestApp;
  let privateKey: PrivateKey;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwks = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as AddressInfo;
    app = await startTestApp(
      { kind: 'memory' },
      { AUTH_JWT_SECRET: '', AUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks.json` },
    );
  });
  afterAll(async () => {
    await app?.dispose();
    await new Promise((resolve) => jwks?.close(resolve));
  });

  const sign = (key: PrivateKey, kid = 'k1') =>
    new SignJWT({ roles: ['admin'] })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setSubject('ops')
      .setExpirationTime('5m')
      .sign(key);

  it('accepts a token signed by a published key, with its roles', async () => {
    const response = await run(
      app.url,
      RegisterLockDocument,
      { input: { provider: 'SPKEY', externalId: '77' } },
      await sign(privateKey),
    );
    expect(response.errors).toBeUndefined();
  });

  it('refuses a token signed by another key', async () => {
    const other = await generateKeyPair('RS256');
    const response = await gql(app.url, ME, {}, { token: await sign(other.privateKey) });
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses an HS256 token (algorithm confusion)', async () => {
    const response = await gql(app.url, ME, {}, { token: await signToken(SECRET_BYTES, { sub: 'ops' }) });
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('authentication over WebSocket', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ kind: 'memory' });
  });
  afterAll(() => app?.dispose());

  /** Opens a graphql-ws client, runs one query, and reports the result or the close code. */
  async function runOverSocket(connectionParams: Record<string, unknown>) {
    const client = wsClient(app.wsUrl, undefined, { connectionParams });
    try {
      const outcome = await subscribe(client, ME).outcome();
      return 'message' in outcome
        ? outcome.message
        : { closeCode: (outcome.error as { code?: number } | undefined)?.code };
    } finally {
      await client.dispose();
    }
  }

  it('accepts `authorization: "Bearer <JWT>"` at connection_init', async () => {
    const result = await runOverSocket({ authorization: `Bearer ${await app.token({ sub: 'alice' })}` });
    expect(result).toEqual({ data: { vehicles: { edges: [] } } });
  });

  it('accepts `token` (what a router in passthrough mode forwards)', async () => {
    const result = await runOverSocket({ token: await app.token({ sub: 'alice' }) });
    expect(result).toEqual({ data: { vehicles: { edges: [] } } });
  });

  it('closes a socket with 4403 when its token expires', async () => {
    const token = await new SignJWT({ roles: [] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('alice')
      .setExpirationTime(Math.floor(Date.now() / 1000) + 2)
      .sign(SECRET_BYTES);
    let client: Client | undefined;
    const closed = new Promise<number>((resolve) => {
      client = wsClient(app.wsUrl, token, { lazy: false, onClosed: resolve });
    });
    try {
      expect(await within(closed, 10_000, 'the socket to close at token expiry')).toBe(4403);
    } finally {
      await client?.dispose();
    }
  });

  it('closes a socket whose token expires beyond the Date range with 4403', async () => {
    const token = signRawPayload(JSON.stringify({ sub: 'alice', iat: now(), exp: 9e15 }));
    expect(await runOverSocket({ authorization: `Bearer ${token}` })).toEqual({ closeCode: 4403 });
  });

  it('closes a socket whose token is longer than 8 KiB with 4403', async () => {
    const token = signRawPayload(
      JSON.stringify({ sub: 'alice', iat: now(), exp: now() + 60, pad: 'x'.repeat(40_000) }),
    );
    expect(await runOverSocket({ authorization: `Bearer ${token}` })).toEqual({ closeCode: 4403 });
  });

  it('closes an unauthenticated socket with 4403', async () => {
    expect(await runOverSocket({})).toEqual({ closeCode: 4403 });
    expect(await runOverSocket({ authorization: 'Bearer nope' })).toEqual({ closeCode: 4403 });
  });
});

describe('introspection in production', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ kind: 'memory' }, { NODE_ENV: 'production', HOST: '127.0.0.1' });
  });
  afterAll(() => app?.dispose());

  it('is refused over HTTP', async () => {
    const response = await gql(
      app.url,
      '{ __schema { types { name } } }',
      {},
      { token: await app.token({ sub: 'alice' }) },
    );
    expect(response.errors?.[0]?.message).toMatch(/introspection/i);
  });

  it('is refused over WebSocket too', async () => {
    const client = wsClient(app.wsUrl, undefined, { connectionParams: { token: await app.token({ sub: 'alice' }) } });
    try {
      const outcome = await subscribe(client, '{ __schema { types { name } } }').outcome();
      const result = 'message' in outcome ? outcome.message : outcome.error;
      expect(JSON.stringify(result)).toMatch(/introspection/i);
      expect(JSON.stringify(result)).not.toContain('"types"');
    } finally {
      await client.dispose();
    }
  });
});
