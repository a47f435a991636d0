import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gql } from '../helpers/graphql-client.js';
import { FAST_ENGINE, startTestApp, type TestApp } from '../helpers/test-app.js';

const UUID = '00000000-0000-4000-8000-000000000000';

interface Case {
  name: string;
  query: string;
  variables: (ids: Ids) => Record<string, unknown>;
  as?: 'alice' | 'admin';
  code: string;
  message?: RegExp;
}

interface Ids {
  smartcar: string;
  mobway: string;
  lock: string;
  awaiting: string;
}

const VEHICLE = 'query($id: ID!) { vehicle(id: $id) { id } }';
const EXECUTION = 'query($id: ID!) { commandExecution(id: $id) { id } }';
const CHARGE = 'mutation($input: SetChargeLimitInput!) { setChargeLimit(input: $input) { id } }';
const NAVIGATE = 'mutation($input: SetNavigationDestinationInput!) { setNavigationDestination(input: $input) { id } }';
const OPEN = 'mutation($input: OpenLockInput!) { openLock(input: $input) { id } }';
const LOCK = 'mutation($input: VehicleCommandInput!) { lockVehicle(input: $input) { id } }';
const IGNITION = 'mutation($input: RequestIgnitionInput!) { requestIgnition(input: $input) { id } }';
const CONFIRM = 'mutation($input: ConfirmIgnitionInput!) { confirmIgnition(input: $input) { id } }';
const REGISTER_VEHICLE = 'mutation($input: RegisterVehicleInput!) { registerVehicle(input: $input) { id } }';
const REGISTER_LOCK = 'mutation($input: RegisterLockInput!) { registerLock(input: $input) { id } }';
const GRANT = 'mutation($input: GrantAccessInput!) { grantAccess(input: $input) }';

/** Every case gets a clear error and writes nothing. */
const CASES: Case[] = [
  // Invalid and foreign ids: indistinguishable from "does not exist".
  { name: 'a lock id where a vehicle id goes', query: VEHICLE, variables: (i) => ({ id: i.lock }), code: 'NOT_FOUND' },
  { name: 'a malformed id', query: VEHICLE, variables: () => ({ id: 'veh_not-a-uuid' }), code: 'NOT_FOUND' },
  { name: 'an injection-shaped id', query: VEHICLE, variables: () => ({ id: "veh_' OR 1=1 --" }), code: 'NOT_FOUND' },
  { name: 'a 10,000-character id', query: VEHICLE, variables: () => ({ id: 'veh_' + 'a'.repeat(10_000) }), code: 'NOT_FOUND' },
  { name: 'an empty execution id', query: EXECUTION, variables: () => ({ id: '' }), code: 'NOT_FOUND' },
  { name: 'a command on a lock id', query: LOCK, variables: (i) => ({ input: { vehicleId: i.lock } }), code: 'NOT_FOUND' },
  { name: 'a grant on an execution id', query: GRANT, as: 'admin', variables: () => ({ input: { userId: 'bob', targetId: `cex_${UUID}` } }), code: 'NOT_FOUND' },
  // Unknown enum values.
  { name: 'an unknown provider (variable)', query: REGISTER_VEHICLE, as: 'admin', variables: () => ({ input: { provider: 'BOAT', externalId: 'x' } }), code: 'BAD_USER_INPUT', message: /Provider/ },
  { name: 'an unknown provider (literal)', query: 'mutation { registerVehicle(input: { provider: BOAT, externalId: "x" }) { id } }', as: 'admin', variables: () => ({}), code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'an unknown status filter', query: 'query($s: CommandStatus) { commandExecutions(filter: { status: $s }) { edges { cursor } } }', variables: () => ({ s: 'DONE' }), code: 'BAD_USER_INPUT' },
  // Out-of-range numbers.
  { name: 'percent 49', query: CHARGE, variables: (i) => ({ input: { vehicleId: i.smartcar, percent: 49 } }), code: 'BAD_USER_INPUT', message: /50 to 100/ },
  { name: 'percent over 32 bits', query: CHARGE, variables: (i) => ({ input: { vehicleId: i.smartcar, percent: 2 ** 31 } }), code: 'BAD_USER_INPUT' },
  { name: 'latitude 90.0001', query: NAVIGATE, variables: (i) => ({ input: { vehicleId: i.smartcar, latitude: 90.0001, longitude: 0 } }), code: 'BAD_USER_INPUT', message: /latitude/ },
  { name: 'longitude -181', query: NAVIGATE, variables: (i) => ({ input: { vehicleId: i.smartcar, latitude: 0, longitude: -181 } }), code: 'BAD_USER_INPUT', message: /longitude/ },
  { name: 'page size 0', query: '{ vehicles(first: 0) { edges { cursor } } }', variables: () => ({}), code: 'BAD_USER_INPUT' },
  { name: 'page size 101', query: '{ locks(first: 101) { edges { cursor } } }', variables: () => ({}), code: 'BAD_USER_INPUT' },
  { name: 'a forged cursor', query: '{ vehicles(after: "c2VxOi0x") { edges { cursor } } }', variables: () => ({}), code: 'BAD_USER_INPUT' },
  // Wrong types.
  { name: 'percent as a string', query: CHARGE, variables: (i) => ({ input: { vehicleId: i.smartcar, percent: '80' } }), code: 'BAD_USER_INPUT' },
  { name: 'percent with a fraction', query: CHARGE, variables: (i) => ({ input: { vehicleId: i.smartcar, percent: 80.5 } }), code: 'BAD_USER_INPUT' },
  { name: 'latitude as text', query: NAVIGATE, variables: (i) => ({ input: { vehicleId: i.smartcar, latitude: 'north', longitude: 0 } }), code: 'BAD_USER_INPUT' },
  { name: 'enable as "yes"', query: IGNITION, variables: (i) => ({ input: { vehicleId: i.mobway, enable: 'yes' } }), code: 'BAD_USER_INPUT' },
  { name: 'an unknown input field', query: LOCK, variables: (i) => ({ input: { vehicleId: i.smartcar, force: true } }), code: 'BAD_USER_INPUT' },
  { name: 'a missing required field', query: CHARGE, variables: (i) => ({ input: { vehicleId: i.smartcar } }), code: 'BAD_USER_INPUT' },
  // Empty and oversized strings.
  { name: 'an empty reason', query: OPEN, variables: (i) => ({ input: { lockId: i.lock, reason: '' } }), code: 'BAD_USER_INPUT', message: /reason must not be empty/ },
  { name: 'a 501-character reason', query: OPEN, variables: (i) => ({ input: { lockId: i.lock, reason: 'r'.repeat(501) } }), code: 'BAD_USER_INPUT', message: /at most 500/ },
  { name: 'an empty idempotency key', query: LOCK, variables: (i) => ({ input: { vehicleId: i.smartcar, idempotencyKey: '' } }), code: 'BAD_USER_INPUT' },
  { name: 'a 129-character idempotency key', query: LOCK, variables: (i) => ({ input: { vehicleId: i.smartcar, idempotencyKey: 'k'.repeat(129) } }), code: 'BAD_USER_INPUT' },
  { name: 'an empty confirmation code', query: CONFIRM, variables: (i) => ({ input: { executionId: i.awaiting, code: '' } }), code: 'BAD_USER_INPUT', message: /6-digit/ },
  { name: 'a 7-digit confirmation code', query: CONFIRM, variables: (i) => ({ input: { executionId: i.awaiting, code: '1234567' } }), code: 'BAD_USER_INPUT' },
  { name: 'a 121-character name', query: REGISTER_LOCK, as: 'admin', variables: () => ({ input: { provider: 'SPKEY', externalId: '55', name: 'n'.repeat(121) } }), code: 'BAD_USER_INPUT' },
  { name: 'a blank external id', query: REGISTER_LOCK, as: 'admin', variables: () => ({ input: { provider: 'SPKEY', externalId: '   ' } }), code: 'BAD_USER_INPUT' },
  { name: 'an empty user id', query: GRANT, as: 'admin', variables: (i) => ({ input: { userId: '', targetId: i.lock } }), code: 'BAD_USER_INPUT' },
  { name: 'a VIN with an O', query: REGISTER_VEHICLE, as: 'admin', variables: () => ({ input: { provider: 'MOBWAY', externalId: '1HGCM82633O004352' } }), code: 'BAD_USER_INPUT' },
  { name: 'a non-numeric spkey lock id', query: REGISTER_LOCK, as: 'admin', variables: () => ({ input: { provider: 'SPKEY', externalId: '12a' } }), code: 'BAD_USER_INPUT' },
  // Unusual Unicode.
  { name: 'a reason with a NUL', query: OPEN, variables: (i) => ({ input: { lockId: i.lock, reason: 'open\u0000now' } }), code: 'BAD_USER_INPUT', message: /control characters/ },
  { name: 'a reason with a NEL (U+0085)', query: OPEN, variables: (i) => ({ input: { lockId: i.lock, reason: 'open\u0085now' } }), code: 'BAD_USER_INPUT', message: /control characters/ },
  { name: 'a reason with a line separator (U+2028)', query: OPEN, variables: (i) => ({ input: { lockId: i.lock, reason: 'open\u2028now' } }), code: 'BAD_USER_INPUT', message: /control characters/ },
  { name: 'a reason with a paragraph separator (U+2029)', query: OPEN, variables: (i) => ({ input: { lockId: i.lock, reason: 'open\u2029now' } }), code: 'BAD_USER_INPUT', message: /control characters/ },
  { name: 'a name with a C1 control (U+009B)', query: REGISTER_LOCK, as: 'admin', variables: () => ({ input: { provider: 'SPKEY', externalId: '59', name: 'door\u009b2J' } }), code: 'BAD_USER_INPUT', message: /control characters/ },
  { name: 'a user id with a NUL', query: GRANT, as: 'admin', variables: (i) => ({ input: { userId: 'bob\u0000', targetId: i.lock } }), code: 'BAD_USER_INPUT', message: /control characters/ },
  { name: 'a user id with a line separator', query: GRANT, as: 'admin', variables: (i) => ({ input: { userId: 'bob\u2028', targetId: i.lock } }), code: 'BAD_USER_INPUT', message: /control characters/ },
  { name: 'a user id with a right-to-left override', query: GRANT, as: 'admin', variables: (i) => ({ input: { userId: 'bob\u202e', targetId: i.lock } }), code: 'BAD_USER_INPUT', message: /bidirectional/ },
  { name: 'a 257-character user id', query: GRANT, as: 'admin', variables: (i) => ({ input: { userId: 'u'.repeat(257), targetId: i.lock } }), code: 'BAD_USER_INPUT', message: /at most 256/ },
  { name: 'a name with a right-to-left override', query: REGISTER_LOCK, as: 'admin', variables: () => ({ input: { provider: 'SPKEY', externalId: '56', name: 'Front \u202edoor' } }), code: 'BAD_USER_INPUT', message: /bidirectional/ },
  { name: 'a name with a lone surrogate', query: REGISTER_LOCK, as: 'admin', variables: () => ({ input: { provider: 'SPKEY', externalId: '57', name: 'door \ud800' } }), code: 'BAD_USER_INPUT', message: /well-formed/ },
  { name: 'a non-ASCII idempotency key', query: LOCK, variables: (i) => ({ input: { vehicleId: i.smartcar, idempotencyKey: 'clé-1' } }), code: 'BAD_USER_INPUT' },
  { name: 'Arabic-Indic digits as a code', query: CONFIRM, variables: (i) => ({ input: { executionId: i.awaiting, code: '١٢٣٤٥٦' } }), code: 'BAD_USER_INPUT' },
  { name: 'a full-width VIN', query: REGISTER_VEHICLE, as: 'admin', variables: () => ({ input: { provider: 'MOBWAY', externalId: '１HGCM82633A004352' } }), code: 'BAD_USER_INPUT' },
  { name: "a Smartcar vehicle id of '..'", query: REGISTER_VEHICLE, as: 'admin', variables: () => ({ input: { provider: 'SMARTCAR', externalId: '..', providerUserId: 'user_1' } }), code: 'BAD_USER_INPUT', message: /^externalId must be/ },
  { name: "a Smartcar vehicle id of '.'", query: REGISTER_VEHICLE, as: 'admin', variables: () => ({ input: { provider: 'SMARTCAR', externalId: '.', providerUserId: 'user_1' } }), code: 'BAD_USER_INPUT', message: /^externalId must be/ },
  { name: "a Smartcar vehicle id with a slash", query: REGISTER_VEHICLE, as: 'admin', variables: () => ({ input: { provider: 'SMARTCAR', externalId: 'v_1/../../admin', providerUserId: 'user_1' } }), code: 'BAD_USER_INPUT', message: /^externalId must be/ },
  { name: "a Smartcar vehicle id percent-encoded", query: REGISTER_VEHICLE, as: 'admin', variables: () => ({ input: { provider: 'SMARTCAR', externalId: '%2e%2e', providerUserId: 'user_1' } }), code: 'BAD_USER_INPUT', message: /^externalId must be/ },
  { name: "a Smartcar vehicle id with a query", query: REGISTER_VEHICLE, as: 'admin', variables: () => ({ input: { provider: 'SMARTCAR', externalId: 'v_1?x=1', providerUserId: 'user_1' } }), code: 'BAD_USER_INPUT', message: /^externalId must be/ },
  { name: "a Smartcar vehicle id with a space", query: REGISTER_VEHICLE, as: 'admin', variables: () => ({ input: { provider: 'SMARTCAR', externalId: 'v_1 2', providerUserId: 'user_1' } }), code: 'BAD_USER_INPUT', message: /^externalId must be/ },
  { name: "a Smartcar vehicle id with a control character", query: REGISTER_VEHICLE, as: 'admin', variables: () => ({ input: { provider: 'SMARTCAR', externalId: 'v_1\u0001', providerUserId: 'user_1' } }), code: 'BAD_USER_INPUT', message: /^externalId must not contain control/ },
  { name: "a Smartcar user id with a line break (a header)", query: REGISTER_VEHICLE, as: 'admin', variables: () => ({ input: { provider: 'SMARTCAR', externalId: 'v_ok1', providerUserId: 'user_1\r\nx-admin: 1' } }), code: 'BAD_USER_INPUT', message: /^providerUserId must not contain control/ },
  { name: "a Smartcar user id of '..'", query: REGISTER_VEHICLE, as: 'admin', variables: () => ({ input: { provider: 'SMARTCAR', externalId: 'v_ok2', providerUserId: '..' } }), code: 'BAD_USER_INPUT', message: /^providerUserId must be/ },
  { name: 'an spkey lock id with a leading zero', query: REGISTER_LOCK, as: 'admin', variables: () => ({ input: { provider: 'SPKEY', externalId: '0123' } }), code: 'BAD_USER_INPUT' },
  { name: 'an spkey lock id with a sign', query: REGISTER_LOCK, as: 'admin', variables: () => ({ input: { provider: 'SPKEY', externalId: '-1' } }), code: 'BAD_USER_INPUT' },
  { name: 'a VIN of 16 characters', query: REGISTER_VEHICLE, as: 'admin', variables: () => ({ input: { provider: 'MOBWAY', externalId: '1HGCM82633A00435' } }), code: 'BAD_USER_INPUT' },
];

describe('the bad input catalogue: a clear error, and no row written', () => {
  let app: TestApp;
  const tokens: Record<'alice' | 'admin', string> = { alice: '', admin: '' };
  const ids = {} as Ids;

  /** Every table a request could write, summarised: any insert or update changes it. */
  const fingerprint = async () =>
    (
      await app.store.db.query(
        `SELECT (SELECT count(*) FROM targets)::int AS targets, (SELECT count(*) FROM grants)::int AS grants,
                (SELECT count(*) FROM executions)::int AS executions,
                (SELECT coalesce(sum(version + confirmation_attempts), 0) FROM executions)::int AS changes,
                (SELECT count(*) FROM execution_transitions)::int AS transitions,
                (SELECT count(*) FROM idempotency_keys)::int AS keys`,
      )
    )[0];

  beforeAll(async () => {
    app = await startTestApp({ kind: 'memory' }, FAST_ENGINE);
    tokens.admin = await app.token({ sub: 'ops', roles: ['admin'] });
    tokens.alice = await app.token({ sub: 'alice' });
    const register = async (query: string, input: Record<string, unknown>) => {
      const id = (Object.values((await gql(app.url, query, { input }, { token: tokens.admin })).data!)[0] as { id: string }).id;
      await gql(app.url, GRANT, { input: { userId: 'alice', targetId: id } }, { token: tokens.admin });
      return id;
    };
    ids.smartcar = await register(REGISTER_VEHICLE, { provider: 'SMARTCAR', externalId: 'v_123abc456def', providerUserId: 'user_789xyz' });
    ids.mobway = await register(REGISTER_VEHICLE, { provider: 'MOBWAY', externalId: '6AHFT68CKAF501652' });
    ids.lock = await register(REGISTER_LOCK, { provider: 'SPKEY', externalId: '123' });
    ids.awaiting = (await gql(app.url, IGNITION, { input: { vehicleId: ids.mobway, enable: true } }, { token: tokens.alice })).data!.requestIgnition.id;
  });
  afterAll(() => app?.dispose());

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = await fingerprint();
    const response = await gql(app.url, c.query, c.variables(ids), { token: tokens[c.as ?? 'alice'] });
    expect(response.errors?.length).toBeGreaterThan(0);
    expect(response.errors![0]!.extensions?.code).toBe(c.code);
    expect(response.errors![0]!.message.length).toBeGreaterThan(5);
    if (c.message) expect(response.errors![0]!.message).toMatch(c.message);
    expect(await fingerprint()).toEqual(before);
  });

  it('accepts unusual but valid Unicode where text is free-form', async () => {
    const response = await gql(app.url, REGISTER_LOCK, { input: { provider: 'SPKEY', externalId: '58', name: 'Portão do João 🚗 ‏' } }, { token: tokens.admin });
    expect(response.errors).toBeUndefined();
  });
});
