import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProviderRegistry, PROVIDERS } from '../../src/providers/registry.js';
import { startSimulators } from '../../src/simulators/index.js';
import { gql } from '../helpers/graphql-client.js';
import { createLogger } from '../../src/logger.js';
import { LogCapture } from '../helpers/log-capture.js';
import type { RegisterLockInput } from '../../generated/graphql/graphql.js';
import { registry } from '../helpers/registry.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { subscribe, wsClient } from '../helpers/ws-client.js';
import { latchkey } from '../providers/latchkey/module.js';
import type { LatchkeySimulator } from '../providers/latchkey/simulator.js';

/** Not one of the generated `Provider` values, which are the production registry's. */
const LATCHKEY = 'LATCHKEY' as RegisterLockInput['provider'];

/** The one line: the production providers and the test-only fourth. */
const WITH_LATCHKEY = new ProviderRegistry([...PROVIDERS.modules, latchkey]);

const REGISTER_LOCK = `mutation($input: RegisterLockInput!) {
  registerLock(input: $input) { id provider externalId supportedCommands }
}`;
const OPEN_LOCK = 'mutation($lockId: ID!) { openLock(input: { lockId: $lockId }) { id status version provider } }';
const WATCH = 'subscription($id: ID!) { commandExecutionUpdated(id: $id) { id status version error { code } } }';

describe('a fourth provider, from one folder and one line', () => {
  let app: TestApp;
  let admin: string;
  let user: string;

  beforeAll(async () => {
    app = await startTestApp({ kind: 'memory' }, {}, { providers: WITH_LATCHKEY });
    admin = await app.token({ sub: 'ops', roles: ['admin'] });
    user = await app.token({ sub: 'alice' });
  });
  afterAll(() => app?.dispose());

  it("is a value of the app's Provider enum, described by its module", async () => {
    const { data } = await gql<{ __type: { enumValues: { name: string; description: string }[] } }>(
      app.url,
      '{ __type(name: "Provider") { enumValues { name description } } }',
      {},
      { token: user },
    );
    expect(data!.__type.enumValues.map((value) => value.name)).toEqual(['SMARTCAR', 'MOBWAY', 'SPKEY', 'LATCHKEY']);
    expect(data!.__type.enumValues.at(-1)!.description).toBe(latchkey.description);
  });

  it('registers, grants and opens a lock through GraphQL, and the subscription sees SUCCESS', async () => {
    const registered = await gql<{ registerLock: { id: string; provider: string; supportedCommands: string[] } }>(
      app.url,
      REGISTER_LOCK,
      { input: { provider: 'LATCHKEY', externalId: 'L-42', name: 'Back door' } },
      { token: admin },
    );
    expect(registered.errors).toBeUndefined();
    const lock = registered.data!.registerLock;
    expect(lock).toMatchObject({ provider: 'LATCHKEY', supportedCommands: ['OPEN_LOCK'] });
    await registry(app.url, admin).grant('alice', lock.id);

    const opened = await gql<{ openLock: { id: string; status: string; provider: string } }>(
      app.url,
      OPEN_LOCK,
      { lockId: lock.id },
      { token: user },
    );
    expect(opened.errors).toBeUndefined();
    expect(opened.data!.openLock).toMatchObject({ status: 'SUCCESS', provider: 'LATCHKEY' });

    const client = wsClient(app.wsUrl, user);
    try {
      const watch = subscribe(client, WATCH, { id: opened.data!.openLock.id });
      expect((await watch.next()).data.commandExecutionUpdated).toMatchObject({ status: 'SUCCESS', error: null });
      await watch.completed();
    } finally {
      await client.dispose();
    }
    const simulator = app.providers.simulators.LATCHKEY as LatchkeySimulator;
    expect(simulator.counts()['POST /v1/locks/:lockId/unlatch']).toBe(1);
  });

  it('applies its own registration rules and its own refusals', async () => {
    const badId = await gql(
      app.url,
      REGISTER_LOCK,
      { input: { provider: 'LATCHKEY', externalId: '42' } },
      { token: admin },
    );
    expect(badId.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(badId.errors?.[0]?.message).toMatch(/Latchkey lock id/);

    const lockId = await registry(app.url, admin).lock({ provider: LATCHKEY, externalId: 'L-7' }, 'alice');
    (app.providers.simulators.LATCHKEY as LatchkeySimulator).failNext(1, 'JAMMED');
    const refused = await gql<{ openLock: { status: string } }>(app.url, OPEN_LOCK, { lockId }, { token: user });
    expect(refused.data!.openLock.status).toBe('FAILURE');
  });
});

describe('the production registry does not know the fourth provider', () => {
  it('refuses a registration naming it, as an unknown enum value', async () => {
    const app = await startTestApp({ kind: 'memory' });
    try {
      const admin = await app.token({ sub: 'ops', roles: ['admin'] });
      const response = await gql(
        app.url,
        REGISTER_LOCK,
        { input: { provider: 'LATCHKEY', externalId: 'L-1' } },
        { token: admin },
      );
      expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(await app.store.targets.all()).toEqual([]);
    } finally {
      await app.dispose();
    }
  });
});

describe('a stored target whose provider is no longer registered', () => {
  let simulators: Awaited<ReturnType<typeof startSimulators>>;
  let app: TestApp | undefined;

  beforeAll(async () => {
    simulators = await startSimulators({}, WITH_LATCHKEY);
  });
  afterEach(async () => {
    await app?.dispose();
    app = undefined;
  });
  afterAll(() => simulators?.close());

  it('makes start-up warn, and its commands end FAILURE with PROVIDER_NOT_CONFIGURED', async () => {
    // First with Latchkey: a lock of it is registered and granted, into a database that outlives the app.
    const dataDir = await mkdtemp(path.join(tmpdir(), 'vas-unregistered-'));
    const first = await startTestApp({ kind: 'pglite', dataDir }, simulators.env(), { providers: WITH_LATCHKEY });
    const admin = await first.token({ sub: 'ops', roles: ['admin'] });
    const user = await first.token({ sub: 'alice' });
    const lockId = await registry(first.url, admin).lock({ provider: LATCHKEY, externalId: 'L-1' }, 'alice');
    await first.dispose();

    // Then without it, on the same data.
    const logs = new LogCapture();
    try {
      app = await startTestApp({ kind: 'pglite', dataDir }, simulators.env(), { logger: createLogger('warn', logs) });
      expect(
        logs.lines.some(
          (line) => line.provider === 'LATCHKEY' && /not a provider of this server/.test(String(line.msg)),
        ),
      ).toBe(true);
      const opened = await gql<{ openLock: { status: string; error: { code: string } | null } }>(
        app.url,
        'mutation($lockId: ID!) { openLock(input: { lockId: $lockId }) { status error { code } } }',
        { lockId },
        { token: user },
      );
      expect(opened.errors).toBeUndefined();
      expect(opened.data!.openLock).toEqual({ status: 'FAILURE', error: { code: 'PROVIDER_NOT_CONFIGURED' } });
      // Still readable: its provider is a value of this app's enum, said to be no longer registered.
      const listed = await gql<{ locks: { edges: { node: { id: string; provider: string } }[] } }>(
        app.url,
        '{ locks { edges { node { id provider } } } }',
        {},
        { token: user },
      );
      expect(listed.errors).toBeUndefined();
      expect(listed.data!.locks.edges.map((edge) => edge.node)).toEqual([{ id: lockId, provider: 'LATCHKEY' }]);
    } finally {
      await app?.dispose();
      app = undefined;
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
