import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse, type ExecutionResult } from 'graphql';
import { afterEach, expect, it } from 'vitest';
import type { HttpStreamOperations } from '../../src/server/http-stream-operations.js';
import { sseTransport } from '../../src/server/sse.js';
import { eventually } from '../helpers/ws-client.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/**
 * A client that leaves while its subscription is still opening (the token
 * checked, the current state read) must not leave the subscription running
 * with nobody reading it: its `close` came before the stream existed. The
 * source is a stand-in whose opening takes 200 ms; the HTTP is real.
 */
it('returns the subscription of a client that left while it was opening', async () => {
  let returned = false;
  const source: AsyncIterableIterator<ExecutionResult> = {
    next: () => new Promise(() => {}), // a live stream with nothing new yet
    return: async () => {
      returned = true;
      return { done: true, value: undefined };
    },
    throw: async () => ({ done: true, value: undefined }),
    [Symbol.asyncIterator]() {
      return source;
    },
  };
  const operations = {
    prepare: async () => ({ schema: {}, document: parse('subscription { x }'), contextValue: {} }),
    subscribe: async () => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      return source;
    },
  } as unknown as HttpStreamOperations;
  const sse = sseTransport(operations);
  let settled = false;
  server = createServer((req, res) => {
    void sse({
      req,
      res,
      body: { query: 'subscription { x }' },
      caller: { authorization: undefined, requestId: 'r' },
      passOn() {},
    }).finally(() => (settled = true));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = httpRequest({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/graphql',
    headers: { accept: 'text/event-stream', 'content-type': 'application/json' },
  });
  client.on('error', () => {});
  client.end('{}');
  setTimeout(() => client.destroy(), 50);
  await eventually(() => returned && settled, 5_000, 'the subscription returned and the response settled');
  expect(returned).toBe(true);
});
