import { print } from 'graphql';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LocksDocument } from '../../generated/graphql/graphql.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { subscribe, within, wsClient } from '../helpers/ws-client.js';

/**
 * What an Apollo Router in subscription passthrough mode does to reach us
 * (apollo-router src/protocols/websocket.rs and services/subgraph_service.rs):
 * it opens `ws://…/graphql` with the `protocol` of docs/federation.md, copies
 * the propagated headers onto the upgrade request, and sends
 * `connection_init` with payload `{ connectionParams: { token: "<the Authorization header>" } }`.
 */
const query = print(LocksDocument);

/** Resolves with the first result, or the close code of a refused socket. */
async function firstResult(client: Client): Promise<unknown> {
  const outcome = await subscribe(client, query, { first: 1 }).outcome();
  return 'message' in outcome
    ? outcome.message.data
    : { closeCode: (outcome.error as { code?: number } | undefined)?.code };
}

describe('this subgraph as a router’s passthrough WebSocket peer', () => {
  let app: TestApp;
  let jwt: string;
  const clients: Client[] = [];
  const client = (connectionParams: Record<string, unknown>, headers: Record<string, string> = {}) => {
    // Upgrade headers as the router propagates them.
    const created = wsClient(app.wsUrl, undefined, { connectionParams, headers });
    clients.push(created);
    return created;
  };

  beforeAll(async () => {
    app = await startTestApp({ kind: 'memory' });
    jwt = await app.token({ sub: 'alice' });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await app?.dispose();
  });

  it('speaks graphql-transport-ws (router `protocol: graphql_ws`), not the legacy graphql-ws subprotocol', async () => {
    // The handshake alone, on bare sockets: no graphql-ws client offers a chosen subprotocol.
    const accepted = await within(
      new Promise<string>((resolve, reject) => {
        const socket = new WebSocket(app.wsUrl, 'graphql-transport-ws');
        socket.once('open', () => {
          resolve(socket.protocol);
          socket.close();
        });
        socket.once('error', reject);
      }),
      10_000,
      'the handshake',
    );
    expect(accepted).toBe('graphql-transport-ws');

    // Router `protocol: graphql_transport_ws` selects subscriptions-transport-ws, whose subprotocol is "graphql-ws".
    // The server selects no subprotocol for it, so the handshake fails and the socket never opens.
    const legacy = await within(
      new Promise<string>((resolve) => {
        const socket = new WebSocket(app.wsUrl, 'graphql-ws');
        socket.once('open', () => resolve('opened'));
        socket.once('error', (error) => resolve(error.message));
      }),
      10_000,
      'the legacy handshake',
    );
    expect(legacy).toMatch(/no subprotocol/i);
  });

  it('authenticates a top-level `token` (bare or Bearer) in connection_init', async () => {
    expect(await firstResult(client({ token: jwt }))).toEqual({
      locks: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } },
    });
    expect(await firstResult(client({ token: `Bearer ${jwt}` }))).toEqual({
      locks: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } },
    });
  });

  it('authenticates exactly what Apollo Router sends in passthrough mode', async () => {
    const routerLike = client({ connectionParams: { token: `Bearer ${jwt}` } }, { authorization: `Bearer ${jwt}` });
    expect(await firstResult(routerLike)).toEqual({
      locks: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } },
    });
  });

  it('authenticates from the upgrade request header alone', async () => {
    expect(await firstResult(client({}, { authorization: `Bearer ${jwt}` }))).toEqual({
      locks: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } },
    });
  });

  it('refuses a nested token that does not verify', async () => {
    const refused = await subscribe(client({ connectionParams: { token: 'Bearer forged' } }), query, {
      first: 1,
    }).error();
    expect((refused as { code?: number }).code).toBe(4403);
  });
});
