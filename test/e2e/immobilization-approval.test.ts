import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore, DURABLE_STORES, STORES, type TestDatabase } from '../helpers/databases.js';
import { errorCodes, gql, type GraphQLResponse } from '../helpers/graphql-client.js';
import { appRegistry } from '../helpers/registry.js';
import { simulated } from '../helpers/simulated-providers.js';
import { FAST_ENGINE, startTestApp, type TestApp } from '../helpers/test-app.js';
import { eventually } from '../helpers/ws-client.js';

let vinCount = 0;
const nextVin = () => `3FADP4BJ${String(++vinCount).padStart(9, '0')}`;

const EXECUTION = `id status version reason approvalExpiresAt approvedBy approvedAt approvalReason requestedBy
  error { code } confirmation { code }`;
const REQUEST = `mutation($id: ID!, $reason: String) {
  requestIgnition(input: { vehicleId: $id, enable: false, reason: $reason }) { ${EXECUTION} } }`;
const APPROVE = `mutation($id: ID!, $reason: String) {
  approveCommand(input: { executionId: $id, reason: $reason }) { ${EXECUTION} } }`;
const REJECT = `mutation($id: ID!, $reason: String) {
  rejectCommand(input: { executionId: $id, reason: $reason }) { ${EXECUTION} } }`;
const CONFIRM = `mutation($id: ID!, $code: String!) { confirmIgnition(input: { executionId: $id, code: $code }) { status } }`;
const GRANT = 'mutation($input: GrantAccessInput!) { grantAccess(input: $input) }';
const REVOKE = 'mutation($input: GrantAccessInput!) { revokeAccess(input: $input) }';

function ok<T>(response: GraphQLResponse<T>): T {
  expect(response.errors).toBeUndefined();
  return response.data!;
}

/**
 * IMMOBILIZATION_APPROVAL=second-person: cutting an engine waits for a
 * SUPERVISOR (or an admin) other than the requester; nothing reaches the
 * provider before that.
 */
describeEachStore(STORES, 'a second person before an engine is cut ($name)', ({ create }) => {
  let database: TestDatabase;
  let app: TestApp;
  let admin: string;
  const call = async <T = Record<string, any>>(query: string, variables: Record<string, unknown>, token: string) =>
    gql<T>(app.url, query, variables, { token });

  beforeAll(async () => {
    database = await create();
    app = await startTestApp(database.location, {
      ...FAST_ENGINE,
      IMMOBILIZATION_APPROVAL: 'second-person',
      APPROVAL_TTL_MS: '3000',
    });
    simulated(app).mobway.configure({ completionDelayMs: 200 });
    admin = await app.token({ sub: 'ops', roles: ['admin'] });
  });
  afterAll(async () => {
    await app?.dispose();
    await database?.drop();
  });

  /** A Mobway vehicle with alice and bob OPERATOR and sam SUPERVISOR. */
  async function vehicle(): Promise<string> {
    const registry = await appRegistry(app);
    const id = await registry.vehicle({ provider: 'MOBWAY', externalId: nextVin() }, 'alice', 'bob');
    ok(await call(GRANT, { input: { userId: 'sam', targetId: id, role: 'SUPERVISOR' } }, admin));
    return id;
  }
  const ignitionRequests = () => simulated(app).mobway.counts()['POST /vehicle-command'] ?? 0;

  it('waits for a SUPERVISOR other than the requester, then goes on to the code; the trail shows who did what', async () => {
    const car = await vehicle();
    const [alice, bob, sam] = (await Promise.all(['alice', 'bob', 'sam'].map((sub) => app.token({ sub })))) as [
      string,
      string,
      string,
    ];
    expect(errorCodes(await call(REQUEST, { id: car }, alice))).toEqual(['BAD_USER_INPUT']);
    const before = ignitionRequests();
    const requested = ok(await call(REQUEST, { id: car, reason: 'reported stolen' }, alice)).requestIgnition;
    expect(requested).toMatchObject({
      status: 'AWAITING_APPROVAL',
      reason: 'reported stolen',
      approvedBy: null,
      confirmation: null,
    });
    expect(Date.parse(requested.approvalExpiresAt) - Date.now()).toBeGreaterThan(1_000);
    expect(ignitionRequests()).toBe(before);
    // Not a code to confirm yet.
    expect(errorCodes(await call(CONFIRM, { id: requested.id, code: '123456' }, alice))).toEqual([
      'CONFIRMATION_NOT_READY',
    ]);

    expect(errorCodes(await call(APPROVE, { id: requested.id }, alice))).toEqual(['FORBIDDEN']);
    // Bob commands the car too, but only a SUPERVISOR approves; he does not see alice's command at all.
    expect(errorCodes(await call(APPROVE, { id: requested.id }, bob))).toEqual(['NOT_FOUND']);
    const approved = ok(await call(APPROVE, { id: requested.id, reason: 'police report seen' }, sam)).approveCommand;
    expect(approved).toMatchObject({
      status: 'AWAITING_CONFIRMATION',
      approvedBy: 'sam',
      approvalReason: 'police report seen',
      confirmation: { code: null },
    });
    expect(ignitionRequests()).toBe(before + 1);
    expect(errorCodes(await call(APPROVE, { id: requested.id }, sam))).toEqual(['APPROVAL_NOT_PENDING']);

    const code = await eventually(async () => {
      const read = ok(
        await call(
          'query($id: ID!) { commandExecution(id: $id) { confirmation { code } } }',
          { id: requested.id },
          alice,
        ),
      );
      return read.commandExecution.confirmation?.code as string | undefined;
    });
    expect(ok(await call(CONFIRM, { id: requested.id, code }, alice)).confirmIgnition.status).toMatch(/PENDING|QUEUED/);
    await eventually(
      async () => (await app.store.executions.findForEngine(requested.id))?.status === 'SUCCESS',
      10_000,
      'the immobilization to succeed',
    );

    const trail = ok(
      await call(
        `query($t: ID) { auditEvents(targetId: $t) { edges { node { action actor reason executionId } } } }`,
        { t: car },
        admin,
      ),
    )
      .auditEvents.edges.map((edge: { node: { executionId: string | null } }) => edge.node)
      .filter((event: { executionId: string | null }) => event.executionId === requested.id)
      .reverse()
      .map(({ action, actor, reason }: { action: string; actor: string; reason: string | null }) => ({
        action,
        actor,
        reason,
      }));
    expect(trail).toEqual([
      { action: 'COMMAND_REQUESTED', actor: 'alice', reason: 'reported stolen' },
      { action: 'COMMAND_APPROVED', actor: 'sam', reason: 'police report seen' },
      { action: 'COMMAND_CONFIRMED', actor: 'alice', reason: null },
      { action: 'COMMAND_SENT', actor: 'system', reason: null },
      { action: 'COMMAND_SUCCEEDED', actor: 'system', reason: null },
    ]);
  });

  it('a rejection ends it CANCELED/REJECTED; an approval nobody gives ends it APPROVAL_EXPIRED; neither is ever sent', async () => {
    const car = await vehicle();
    const [alice, sam] = (await Promise.all(['alice', 'sam'].map((sub) => app.token({ sub })))) as [string, string];
    const before = ignitionRequests();
    const first = ok(await call(REQUEST, { id: car, reason: 'late payment' }, alice)).requestIgnition;
    const rejected = ok(await call(REJECT, { id: first.id, reason: 'not without a court order' }, sam)).rejectCommand;
    expect(rejected).toMatchObject({
      status: 'CANCELED',
      error: { code: 'REJECTED' },
      approvalReason: 'not without a court order',
      approvedBy: null,
    });
    expect(errorCodes(await call(APPROVE, { id: first.id }, sam))).toEqual(['APPROVAL_NOT_PENDING']);

    const second = ok(await call(REQUEST, { id: car, reason: 'late payment, again' }, alice)).requestIgnition;
    const expired = await eventually(
      async () => {
        const row = await app.store.executions.findForEngine(second.id);
        return row?.status === 'CANCELED' ? row : undefined;
      },
      10_000,
      'the approval to expire',
    );
    expect(expired.error?.code).toBe('APPROVAL_EXPIRED');
    expect(ignitionRequests()).toBe(before);
  });

  it('an approval holds only while its approver is a SUPERVISOR', async () => {
    const car = await vehicle();
    const [alice, sam] = (await Promise.all(['alice', 'sam'].map((sub) => app.token({ sub })))) as [string, string];
    const requested = ok(await call(REQUEST, { id: car, reason: 'theft alert' }, alice)).requestIgnition;
    ok(await call(REVOKE, { input: { userId: 'sam', targetId: car } }, admin));
    // Sam no longer sees the vehicle at all.
    expect(errorCodes(await call(APPROVE, { id: requested.id }, sam))).toEqual(['NOT_FOUND']);
    // An admin may decide.
    const approved = ok(await call(APPROVE, { id: requested.id, reason: 'on call' }, admin)).approveCommand;
    expect(approved).toMatchObject({ status: 'AWAITING_CONFIRMATION', approvedBy: 'ops' });
  });

  it('an approval checks again that the requester may still command the vehicle', async () => {
    const car = await vehicle();
    const [alice, sam] = (await Promise.all(['alice', 'sam'].map((sub) => app.token({ sub })))) as [string, string];
    const requested = ok(await call(REQUEST, { id: car, reason: 'fleet recall' }, alice)).requestIgnition;
    expect(ok(await call(REVOKE, { input: { userId: 'alice', targetId: car } }, admin)).revokeAccess).toBe(true);
    const ended = ok(await call(APPROVE, { id: requested.id }, sam)).approveCommand;
    expect(ended).toMatchObject({ status: 'CANCELED', error: { code: 'ACCESS_ENDED' } });
  });

  it('restores ignition without an approval: only cutting an engine needs a second person', async () => {
    const car = await vehicle();
    const alice = await app.token({ sub: 'alice' });
    const restore = ok(
      await call(
        'mutation($id: ID!) { requestIgnition(input: { vehicleId: $id, enable: true }) { status } }',
        { id: car },
        alice,
      ),
    );
    expect(restore.requestIgnition.status).toBe('AWAITING_CONFIRMATION');
  });
});

describeEachStore(DURABLE_STORES, 'the immobilization policy is one per database ($name)', ({ create }) => {
  let database: TestDatabase;
  afterAll(async () => database?.drop());

  it('refuses to start a replica whose policy differs from the one recorded', async () => {
    database = await create();
    const first = await startTestApp(database.location, { IMMOBILIZATION_APPROVAL: 'second-person' });
    await first.stop();
    await expect(startTestApp(database.location, { IMMOBILIZATION_APPROVAL: 'none' })).rejects.toThrow(
      /IMMOBILIZATION_APPROVAL is "none" here but "second-person" in the database/,
    );
    const again = await startTestApp(database.location, { IMMOBILIZATION_APPROVAL: 'second-person' });
    await again.dispose();
  });
});
