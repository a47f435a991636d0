import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConfirmIgnitionDocument,
  RequestIgnitionDocument,
  SimulateProviderDocument,
} from '../../generated/graphql/graphql.js';
import { CommandType } from '../../src/domain/enums.js';
import { PROVIDERS } from '../../src/providers/registry.js';
import { commandRequests, finalOutcome, lockVehicle, openLock } from '../helpers/commands.js';
import { errorCodes, gql } from '../helpers/graphql-client.js';
import { registry as registryOf } from '../helpers/registry.js';
import { startSimulators, providerEnv, type Simulators } from '../helpers/simulated-providers.js';
import { FAST_ENGINE, startTestApp, type TestApp } from '../helpers/test-app.js';
import { run } from '../helpers/typed-client.js';

/** The matrix the sandbox promises at least: each provider's behaviors, NORMAL everywhere. */
const MATRIX: Record<string, string[]> = {
  SMARTCAR: ['NORMAL', 'ASLEEP', 'RATE_LIMITED', 'SLOW'],
  MOBWAY: ['NORMAL', 'REJECTED', 'NEVER_ANSWERS'],
  SPKEY: ['NORMAL', 'OFFLINE'],
};

/** A target of each provider: what registration needs, and the command the test sends it. */
const TARGETS = {
  SMARTCAR: {
    kind: 'vehicle',
    input: { provider: 'SMARTCAR', externalId: 'v_sandbox01', providerUserId: 'u_sandbox' },
  },
  MOBWAY: { kind: 'vehicle', input: { provider: 'MOBWAY', externalId: '1HGCM82633A004352' } },
  SPKEY: { kind: 'lock', input: { provider: 'SPKEY', externalId: '77' } },
} as const;

const SIMULATE = `mutation($input: SimulateProviderInput!) { simulateProvider(input: $input) }`;

describe('the provider sandbox: simulateProvider, then a command', () => {
  let app: TestApp;
  let admin: string;
  let alice: string;
  const targetIds: Record<string, string> = {};

  beforeAll(async () => {
    // A short deadline, for the command that is never answered.
    app = await startTestApp({ kind: 'memory' }, { ...FAST_ENGINE, COMMAND_TIMEOUT_MS: '4000' });
    admin = await app.token({ sub: 'ops', roles: ['admin'] });
    alice = await app.token({ sub: 'alice' });
    const registry = registryOf(app.url, admin);
    for (const [provider, target] of Object.entries(TARGETS)) {
      targetIds[provider] =
        target.kind === 'lock'
          ? await registry.lock(target.input, 'alice')
          : await registry.vehicle(target.input, 'alice');
    }
  }, 60_000);
  afterAll(() => app?.dispose());

  /** The provider's command for its test target, as alice: the execution as the mutation answered it. */
  const command = (provider: string) =>
    PROVIDERS.supportedCommands(provider).includes(CommandType.OPEN_LOCK)
      ? openLock(app.url, targetIds[provider]!, alice)
      : lockVehicle(app.url, targetIds[provider]!, alice);

  it('plays at least the documented matrix, as each module declares', () => {
    for (const [provider, behaviors] of Object.entries(MATRIX)) {
      expect(PROVIDERS.behaviorsOf(provider)).toEqual(behaviors);
    }
  });

  describe.each(Object.entries(MATRIX).flatMap(([provider, behaviors]) => behaviors.map((b) => [provider, b])))(
    '%s %s',
    (provider, behavior) => {
      it('ends the next command as the module says, sent once', async () => {
        const expected = PROVIDERS.behavior(provider, behavior)!.outcome;
        const simulated = await run(
          app.url,
          SimulateProviderDocument,
          { input: { targetId: targetIds[provider]!, behavior: behavior as never } },
          admin,
        );
        expect(simulated.errors).toBeUndefined();
        expect(simulated.data?.simulateProvider).toBe(true);

        const simulator = app.providers.simulators[provider]!;
        const postsBefore = commandRequests(simulator);
        const answered = await command(provider);
        if (expected.acknowledged) expect(answered.status).toBe(expected.acknowledged);
        expect(await finalOutcome(app, answered.id)).toEqual({ status: expected.status, code: expected.code });
        // Sent once, whatever the behavior (a poll is a GET of its own).
        expect(commandRequests(simulator)).toBe(postsBefore + 1);

        // Only the next command played it: the one after answers normally.
        const after = await command(provider);
        expect(await finalOutcome(app, after.id)).toEqual({ status: 'SUCCESS', code: null });
      }, 30_000);
    },
  );

  it('plays a behavior for as many commands as asked, then stops', async () => {
    const simulated = await gql(
      app.url,
      SIMULATE,
      { input: { targetId: targetIds.SPKEY, behavior: 'OFFLINE', commands: 2 } },
      { token: admin },
    );
    expect(simulated.errors).toBeUndefined();
    const outcomes = [];
    for (let i = 0; i < 3; i += 1) outcomes.push(await finalOutcome(app, (await command('SPKEY')).id));
    expect(outcomes.map((o) => o.code)).toEqual(['SHADOW_UPDATE_FAILED', 'SHADOW_UPDATE_FAILED', null]);
  });

  it('replaces what was still queued for the target: the last call says what its next commands do', async () => {
    const simulate = (behavior: string, commands?: number) =>
      gql(app.url, SIMULATE, { input: { targetId: targetIds.SPKEY, behavior, commands } }, { token: admin });
    expect((await simulate('OFFLINE', 3)).errors).toBeUndefined();
    expect((await simulate('NORMAL')).errors).toBeUndefined();
    const outcomes = [];
    for (let i = 0; i < 2; i += 1) outcomes.push(await finalOutcome(app, (await command('SPKEY')).id));
    expect(outcomes.map((o) => o.code)).toEqual([null, null]);
  });

  it('plays a behavior on a two-step command as a whole: an ignition rejected on its confirmed step', async () => {
    const simulated = await gql(
      app.url,
      SIMULATE,
      { input: { targetId: targetIds.MOBWAY, behavior: 'REJECTED' } },
      { token: admin },
    );
    expect(simulated.errors).toBeUndefined();
    const requested = await run(
      app.url,
      RequestIgnitionDocument,
      { input: { vehicleId: targetIds.MOBWAY!, enable: false } },
      alice,
    );
    const { id, status, confirmation } = requested.data!.requestIgnition;
    expect(status).toBe('AWAITING_CONFIRMATION');
    const confirmed = await run(
      app.url,
      ConfirmIgnitionDocument,
      { input: { executionId: id, code: confirmation!.code! } },
      alice,
    );
    expect(confirmed.errors).toBeUndefined();
    expect(await finalOutcome(app, id)).toEqual({ status: 'FAILURE', code: 'OEM_INITIATE_FAILED' });
  });

  it("refuses a behavior the target's provider does not play with BAD_USER_INPUT, and changes nothing", async () => {
    const refused = await gql(
      app.url,
      SIMULATE,
      { input: { targetId: targetIds.SPKEY, behavior: 'ASLEEP' } },
      { token: admin },
    );
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0]!.message).toMatch(/SPKEY does not play ASLEEP; it plays NORMAL, OFFLINE/);
    expect(await finalOutcome(app, (await command('SPKEY')).id)).toEqual({ status: 'SUCCESS', code: null });
  });

  it('refuses a count out of range, an unknown target, and a caller who is not an admin', async () => {
    const input = { targetId: targetIds.SPKEY, behavior: 'OFFLINE' };
    for (const commands of [0, 101]) {
      const refused = await gql(app.url, SIMULATE, { input: { ...input, commands } }, { token: admin });
      expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    }
    const unknown = await gql(app.url, SIMULATE, { input: { ...input, targetId: 'lck_nope' } }, { token: admin });
    expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
    const notAdmin = await gql(app.url, SIMULATE, { input }, { token: alice });
    expect(errorCodes(notAdmin)).toEqual(['FORBIDDEN']);
    expect(await finalOutcome(app, (await command('SPKEY')).id)).toEqual({ status: 'SUCCESS', code: null });
  });
});

/**
 * Registers an spkey lock (granted to alice) on `app`, asks the sandbox to make it go OFFLINE,
 * and expects FORBIDDEN with `why` in its message; answers the lock's id.
 */
async function expectSandboxRefused(app: TestApp, externalId: string, why: RegExp): Promise<string> {
  const admin = await app.token({ sub: 'ops', roles: ['admin'] });
  const lockId = await registryOf(app.url, admin).lock({ provider: 'SPKEY', externalId }, 'alice');
  const refused = await gql(app.url, SIMULATE, { input: { targetId: lockId, behavior: 'OFFLINE' } }, { token: admin });
  expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
  expect(refused.errors![0]!.message).toMatch(why);
  return lockId;
}

describe('the sandbox is refused', () => {
  it('in production, with FORBIDDEN', async () => {
    const app = await startTestApp({ kind: 'memory' }, { NODE_ENV: 'production', HOST: '127.0.0.1' });
    try {
      await expectSandboxRefused(app, '77', /off in production/);
    } finally {
      await app.dispose();
    }
  });

  describe('for a provider whose real endpoint is configured', () => {
    let simulators: Simulators;
    beforeAll(async () => {
      simulators = await startSimulators();
    });
    afterAll(() => simulators?.close());

    it('with FORBIDDEN naming the variable, and the provider answers as it does', async () => {
      const app = await startTestApp({ kind: 'memory' }, { ...FAST_ENGINE, ...providerEnv(simulators) });
      try {
        const lockId = await expectSandboxRefused(app, '123', /SPKEY_BASE_URL is set/);
        const opened = await openLock(app.url, lockId, await app.token({ sub: 'alice' }));
        expect(opened.status).toBe('SUCCESS');
      } finally {
        await app.dispose();
      }
    });
  });
});
