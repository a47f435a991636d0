import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandType, TargetKind } from '../../src/domain/enums.js';
import { isFinal } from '../../src/domain/status.js';
import type { ProviderModule, SimulatedBehavior } from '../../src/providers/module.js';
import { PROVIDERS, ProviderRegistry } from '../../src/providers/registry.js';
import type { ExecutionRecord } from '../../src/store/records.js';
import { commandRequests, finalOutcome } from '../helpers/commands.js';
import { gql } from '../helpers/graphql-client.js';
import { registry as registryOf } from '../helpers/registry.js';
import { FAST_ENGINE, startTestApp, type TestApp } from '../helpers/test-app.js';
import { eventually } from '../helpers/ws-client.js';
import { latchkey } from './latchkey/module.js';

/**
 * One contract, every provider — in the manner of graphql-ws's shared test
 * servers. For each registered module (the three real ones and the test-only
 * fourth) and each command kind it claims, the same cases run against its
 * simulator through the whole app: each ends in the status and error code
 * documented for it, and the command is sent once.
 */
const REGISTRY = new ProviderRegistry([...PROVIDERS.modules, latchkey]);

const ACK_TIMEOUT_MS = 400;
const TIMINGS = {
  ACK_TIMEOUT_MS: String(ACK_TIMEOUT_MS),
  PROVIDER_TIMEOUT_MS: '1500',
  PROVIDER_LONG_COMMAND_TIMEOUT_MS: '1500',
};

/** The cases every provider shares: played by the simulator kit, read by the shared HTTP client. */
const SHARED_CASES: Record<string, SimulatedBehavior> = {
  SUCCESS: { description: 'answers normally', knobs: () => ({}), outcome: { status: 'SUCCESS', code: null } },
  SLOW: {
    description: 'answers after the acknowledgement timeout',
    knobs: () => ({ latencyMs: ACK_TIMEOUT_MS + 400 }),
    outcome: { status: 'SUCCESS', code: null },
  },
  RESET: {
    description: 'resets the connection',
    knobs: () => ({ wireFault: 'RESET' }),
    outcome: { status: 'FAILURE', code: 'PROVIDER_CONNECTION_RESET' },
  },
  GARBAGE: {
    description: 'answers 200 with a body that is not JSON',
    knobs: () => ({ wireFault: 'GARBAGE' }),
    outcome: { status: 'FAILURE', code: 'PROVIDER_NOT_JSON' },
  },
  TRUNCATED: {
    description: 'cuts its body short',
    knobs: () => ({ wireFault: 'TRUNCATED' }),
    outcome: { status: 'FAILURE', code: 'PROVIDER_CONNECTION_RESET' },
  },
  TIMEOUT: {
    description: 'never answers',
    knobs: () => ({ wireFault: 'HANG' }),
    outcome: { status: 'FAILURE', code: 'PROVIDER_HEADERS_TIMEOUT' },
  },
};

const EXECUTION = '{ id status }';
/** How each command kind is sent through GraphQL: its mutation, for a target id. */
const SEND: Record<CommandType, (targetId: string) => { query: string; variables: Record<string, unknown> }> = {
  LOCK: (vehicleId) => vehicleCommand('lockVehicle', { vehicleId }),
  UNLOCK: (vehicleId) => vehicleCommand('unlockVehicle', { vehicleId }),
  START_CHARGE: (vehicleId) => vehicleCommand('startCharging', { vehicleId }),
  STOP_CHARGE: (vehicleId) => vehicleCommand('stopCharging', { vehicleId }),
  SET_CHARGE_LIMIT: (vehicleId) => vehicleCommand('setChargeLimit', { vehicleId, percent: 80 }, 'SetChargeLimitInput'),
  SET_NAVIGATION_DESTINATION: (vehicleId) =>
    vehicleCommand(
      'setNavigationDestination',
      { vehicleId, latitude: 52.52, longitude: 13.405 },
      'SetNavigationDestinationInput',
    ),
  OPEN_LOCK: (lockId) => vehicleCommand('openLock', { lockId }, 'OpenLockInput'),
  ENABLE_IGNITION: (vehicleId) =>
    vehicleCommand('requestIgnition', { vehicleId, enable: true }, 'RequestIgnitionInput'),
  DISABLE_IGNITION: (vehicleId) =>
    vehicleCommand('requestIgnition', { vehicleId, enable: false }, 'RequestIgnitionInput'),
};
const TWO_STEP = new Set<CommandType>([CommandType.ENABLE_IGNITION, CommandType.DISABLE_IGNITION]);

function vehicleCommand(field: string, input: Record<string, unknown>, type = 'VehicleCommandInput') {
  return { query: `mutation($input: ${type}!) { ${field}(input: $input) ${EXECUTION} }`, variables: { input } };
}

describe.each(REGISTRY.modules.map((module) => [module.name, module] as const))(
  'the provider contract: %s',
  (_name, module: ProviderModule) => {
    let app: TestApp;
    let alice: string;
    let targetId: string;

    beforeAll(async () => {
      app = await startTestApp({ kind: 'memory' }, { ...FAST_ENGINE, ...TIMINGS }, { providers: REGISTRY });
      const admin = await app.token({ sub: 'ops', roles: ['admin'] });
      alice = await app.token({ sub: 'alice' });
      const registry = registryOf(app.url, admin);
      const input = { provider: module.name as never, ...module.demoTarget };
      targetId =
        module.targetKind === TargetKind.LOCK
          ? await registry.lock(input, 'alice')
          : await registry.vehicle(input, 'alice');
    }, 60_000);
    afterAll(() => app?.dispose());

    const simulator = () => app.providers.simulators[module.name]!;
    const stateOf = async (id: string) => (await app.store.executions.snapshotsSince(id, 0)).at(-1) as ExecutionRecord;

    /** Sends `commandType` (both steps of a two-step one, when the first asks for a code); answers the execution id. */
    async function send(commandType: CommandType): Promise<string> {
      const { query, variables } = SEND[commandType](targetId);
      const sent = await gql<Record<string, { id: string; status: string }>>(app.url, query, variables, {
        token: alice,
      });
      expect(sent.errors).toBeUndefined();
      const { id } = Object.values(sent.data!)[0]!;
      if (!TWO_STEP.has(commandType)) return id;
      let state: ExecutionRecord | undefined;
      await eventually(
        async () => {
          state = await stateOf(id);
          return isFinal(state.status) || state.confirmationCode !== null;
        },
        10_000,
        'the confirmation code, or the end',
      );
      if (state!.confirmationCode === null) return id;
      const confirmed = await gql(
        app.url,
        'mutation($input: ConfirmIgnitionInput!) { confirmIgnition(input: $input) { id status } }',
        { input: { executionId: id, code: state!.confirmationCode } },
        { token: alice },
      );
      expect(confirmed.errors).toBeUndefined();
      return id;
    }

    const cases = Object.entries({ ...SHARED_CASES, ...module.contract });
    describe.each(module.commands.map((commandType) => [commandType] as const))('%s', (commandType) => {
      it.each(cases.map(([name, behavior]) => [name, behavior] as const))(
        '%s → the documented status and code, sent once',
        async (_case, behavior) => {
          const steps = TWO_STEP.has(commandType) ? 2 : 1;
          const { externalId } = module.demoTarget;
          simulator().clearPlays(externalId);
          // The next command meets the case (a two-step one: on the step the provider answers it on).
          simulator().playNext(externalId, behavior.knobs({ ackTimeoutMs: ACK_TIMEOUT_MS }));
          const postsBefore = commandRequests(simulator());
          try {
            const id = await send(commandType);
            expect(await finalOutcome(app, id)).toEqual({
              status: behavior.outcome.status,
              code: behavior.outcome.code,
            });
            const sent = commandRequests(simulator()) - postsBefore;
            expect(sent).toBeGreaterThanOrEqual(1);
            expect(sent).toBeLessThanOrEqual(steps);
          } finally {
            simulator().clearPlays(externalId);
          }
        },
        20_000,
      );
    });
  },
);
