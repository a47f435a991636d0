import { simulated } from '../helpers/simulated-providers.js';
import { print } from 'graphql';
import { createClient } from 'graphql-sse';
import { request } from 'undici';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CommandExecutionUpdatedDocument } from '../../generated/graphql/graphql.js';
import { lockVehicle } from '../helpers/commands.js';
import { describeEachStore, STORES } from '../helpers/databases.js';
import { streamingFixture } from '../helpers/streaming-fixture.js';
import { appRegistry } from '../helpers/registry.js';
import { codesOf, openEventStream } from '../helpers/sse-client.js';
import { FAST_ENGINE, startTestApp, type TestApp } from '../helpers/test-app.js';

const WATCH = print(CommandExecutionUpdatedDocument);
const VINS = ['1HGCM82633A004352', '2HGCM82633A004353'];

/**
 * GraphQL over Server-Sent Events on /graphql (graphql-sse's distinct
 * connections): the protocol as a client reads it, and the same admission,
 * visibility and stream endings as every other transport.
 */
describeEachStore(STORES, 'GraphQL over SSE on $name', ({ create }) => {
  const fixture = streamingFixture(create);
  const { command } = fixture;

  it('streams a POSTed subscription: next PENDING, next SUCCESS, then complete and the end', async () => {
    const id = await command();
    const stream = await openEventStream(fixture.app.url, {
      token: fixture.alice,
      body: { query: WATCH, variables: { id } },
    });
    expect(stream.status).toBe(200);
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    const first = await stream.next();
    expect(first.event).toBe('next');
    expect(first.data).toMatchObject({ data: { commandExecutionUpdated: { id, status: 'PENDING', version: 1 } } });
    const second = await stream.next();
    expect(second.data).toMatchObject({ data: { commandExecutionUpdated: { id, status: 'SUCCESS', version: 2 } } });
    expect((await stream.next()).event).toBe('complete');
    await stream.ended();
    expect(stream.comments).toBeGreaterThanOrEqual(1); // the opening comment flushes the headers
  });

  it('streams a subscription sent as GET with query parameters', async () => {
    const id = await command();
    const stream = await openEventStream(fixture.app.url, {
      method: 'GET',
      token: fixture.alice,
      query: { query: WATCH, variables: JSON.stringify({ id }) },
    });
    expect((await stream.next()).data).toMatchObject({ data: { commandExecutionUpdated: { id } } });
    stream.close();
  });

  it.each([
    ['no token', undefined, 'UNAUTHENTICATED'],
    ['a malformed token', 'not.a.jwt', 'UNAUTHENTICATED'],
  ])('answers %s inside the accepted stream: next with UNAUTHENTICATED, then complete', async (_, token, code) => {
    const id = await command();
    const stream = await openEventStream(fixture.app.url, { token, body: { query: WATCH, variables: { id } } });
    expect(stream.status).toBe(200);
    const refused = await stream.next();
    expect(refused.event).toBe('next');
    expect(codesOf(refused)).toEqual([code]);
    expect((refused.data as { data?: unknown }).data ?? null).toBeNull();
    expect((await stream.next()).event).toBe('complete');
    await stream.ended();
  });

  it('gives a stranger NOT_FOUND, never data', async () => {
    const id = await command();
    const mallory = await fixture.app.token({ sub: 'mallory' });
    const stream = await openEventStream(fixture.app.url, {
      token: mallory,
      body: { query: WATCH, variables: { id } },
    });
    expect(codesOf(await stream.next())).toEqual(['NOT_FOUND']);
    expect((await stream.next()).event).toBe('complete');
  });

  it('applies the same limits as every transport (16 aliases, 15 allowed), before anything runs', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: status`).join(' ');
    const stream = await openEventStream(fixture.app.url, {
      token: fixture.alice,
      body: {
        query: `subscription($id: ID!) { commandExecutionUpdated(id: $id) { ${aliases} } }`,
        variables: { id: 'x' },
      },
    });
    expect(codesOf(await stream.next())).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect((await stream.next()).event).toBe('complete');
  });

  it('refuses variables of the wrong type with BAD_USER_INPUT, as over HTTP', async () => {
    const stream = await openEventStream(fixture.app.url, {
      token: fixture.alice,
      body: { query: WATCH, variables: { id: { nested: true } } },
    });
    expect(codesOf(await stream.next())).toEqual(['BAD_USER_INPUT']);
  });

  it('ends a stream with FORBIDDEN when the grant is revoked, then complete', async () => {
    const id = await command(10 * 60_000, fixture.heldVehicleId);
    const stream = await openEventStream(fixture.app.url, {
      token: fixture.alice,
      body: { query: WATCH, variables: { id } },
    });
    expect((await stream.next()).data).toMatchObject({ data: { commandExecutionUpdated: { status: 'PENDING' } } });
    await (await appRegistry(fixture.app)).revoke('alice', fixture.heldVehicleId);
    try {
      expect(codesOf(await stream.next())).toEqual(['FORBIDDEN']);
      expect((await stream.next()).event).toBe('complete');
      await stream.ended();
    } finally {
      await (await appRegistry(fixture.app)).grant('alice', fixture.heldVehicleId);
    }
  });

  it('ends a stream with UNAUTHENTICATED when the token expires, then complete', async () => {
    const id = await command(10 * 60_000);
    const shortLived = await fixture.app.token({ sub: 'alice', expiresIn: '2s' });
    const stream = await openEventStream(fixture.app.url, {
      token: shortLived,
      body: { query: WATCH, variables: { id } },
    });
    expect((await stream.next()).data).toMatchObject({ data: { commandExecutionUpdated: { status: 'PENDING' } } });
    expect(codesOf(await stream.next(8_000))).toEqual(['UNAUTHENTICATED']);
    expect((await stream.next()).event).toBe('complete');
  });

  it.each([
    ['a body over 1 MB', 'x'.repeat(1_100_000), 413, 'PAYLOAD_TOO_LARGE'],
    ['a body that is not JSON', '{"query": ', 400, 'BAD_REQUEST'],
  ])(
    'answers %s over SSE and multipart as any request is answered, and echoes the request id',
    async (_, body, status, code) => {
      for (const accept of ['text/event-stream', 'multipart/mixed;subscriptionSpec=1.0']) {
        const response = await request(fixture.app.url, {
          method: 'POST',
          headers: { accept, 'content-type': 'application/json', 'x-request-id': 'sse-limits-1' },
          body,
        });
        expect(response.statusCode).toBe(status);
        expect(response.headers['x-request-id']).toBe('sse-limits-1');
        const answer = (await response.body.json()) as { errors: { extensions: { code: string } }[] };
        expect(answer.errors.map((e) => e.extensions.code)).toEqual([code]);
      }
    },
  );

  it("works with graphql-sse's own client (distinct connections)", async () => {
    const id = await command();
    const client = createClient({
      url: fixture.app.url,
      headers: { authorization: `Bearer ${fixture.alice}` },
      retryAttempts: 0,
    });
    try {
      const statuses: string[] = [];
      for await (const result of client.iterate<{ commandExecutionUpdated: { status: string } }>({
        query: WATCH,
        variables: { id },
      })) {
        statuses.push(result.data!.commandExecutionUpdated.status);
      }
      expect(statuses).toEqual(['PENDING', 'SUCCESS']);
    } finally {
      client.dispose();
    }
  });
});

describeEachStore(STORES.slice(0, 1), 'an SSE stream when its replica stops ($name)', ({ create }) => {
  it('ends with SHUTTING_DOWN, then complete, and the stop does not wait it out', async () => {
    const database = await create();
    const app = await startTestApp(database.location, FAST_ENGINE);
    try {
      simulated(app).mobway.configure({ completionDelayMs: 10 * 60_000 });
      const alice = await app.token({ sub: 'alice' });
      const vehicle = await (await appRegistry(app)).vehicle({ provider: 'MOBWAY', externalId: VINS[0]! }, 'alice');
      const id = (await lockVehicle(app.url, vehicle, alice)).id;
      const stream = await openEventStream(app.url, { token: alice, body: { query: WATCH, variables: { id } } });
      await stream.next();
      const started = Date.now();
      const stopping = app.stop();
      expect(codesOf(await stream.next())).toEqual(['SHUTTING_DOWN']);
      expect((await stream.next()).event).toBe('complete');
      await stopping;
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await app.stop().catch(() => {});
      await database.drop();
    }
  });
});
