import { readFile } from 'node:fs/promises';
import { buildSchema, parse, type GraphQLEnumType, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { printSubgraphSdl } from '../../src/graphql/schema.js';
import { apiSchemaSdl } from '../../scripts/api-schema.js';

const CHECKED_IN = new URL('../../schema/schema.graphql', import.meta.url);

describe('subgraph SDL', () => {
  it('schema/schema.graphql is current (run `npm run schema` if this fails)', async () => {
    expect(await readFile(CHECKED_IN, 'utf8')).toBe(await printSubgraphSdl());
  });

  it('schema/api-schema.graphql, what clients see through a router, is current (run `npm run schema`)', async () => {
    const apiSchema = await readFile(new URL('../../schema/api-schema.graphql', import.meta.url), 'utf8');
    expect(apiSchema).toBe(apiSchemaSdl(await printSubgraphSdl()));
    expect(apiSchema).not.toMatch(/_entities|_service|@key/);
  });

  it('links Federation 2.4 or later', async () => {
    const sdl = await printSubgraphSdl();
    const version = /specs\.apollo\.dev\/federation\/v2\.(\d+)/.exec(sdl);
    expect(Number(version?.[1])).toBeGreaterThanOrEqual(4);
  });

  it('keeps the contract of names', async () => {
    const sdl = await printSubgraphSdl();
    // Strip federation-only syntax so graphql-js can build it as a plain schema.
    const plain = sdl.replace(/extend schema[\s\S]*?\)\n/, '').replace(/@key\(fields: "id"\)/g, '');
    const schema = buildSchema(plain);
    const enumValues = (name: string) => (schema.getType(name) as GraphQLEnumType).getValues().map((v) => v.name);
    expect(enumValues('Provider')).toEqual(['SMARTCAR', 'MOBWAY', 'SPKEY']);
    expect(enumValues('CommandStatus')).toEqual([
      'AWAITING_APPROVAL',
      'AWAITING_CONFIRMATION',
      'QUEUED',
      'PENDING',
      'SUCCESS',
      'FAILURE',
      'CANCELED',
    ]);
    expect(enumValues('ExecutionMode')).toEqual(['SYNC', 'ASYNC']);
    expect(enumValues('AccessRole')).toEqual(['VIEWER', 'OPERATOR', 'SUPERVISOR']);
    expect(enumValues('AuditAction')).toEqual([
      'TARGET_REGISTERED',
      'FLEET_CREATED',
      'FLEET_CHANGED',
      'FLEET_DELETED',
      'ACCESS_GRANTED',
      'ACCESS_REVOKED',
      'ACCESS_EXPIRED',
      'COMMAND_REQUESTED',
      'COMMAND_APPROVED',
      'COMMAND_REJECTED',
      'APPROVAL_EXPIRED',
      'COMMAND_CONFIRMED',
      'COMMAND_SENT',
      'COMMAND_SUCCEEDED',
      'COMMAND_FAILED',
      'COMMAND_OUTCOME_UNKNOWN',
      'COMMAND_CANCELED',
      'COMMAND_SUPERSEDED',
      'BATCH_REQUESTED',
      'BATCH_CANCELED',
    ]);
    expect(enumValues('CommandType')).toEqual(
      expect.arrayContaining([
        'LOCK',
        'UNLOCK',
        'OPEN_LOCK',
        'START_CHARGE',
        'STOP_CHARGE',
        'SET_CHARGE_LIMIT',
        'SET_NAVIGATION_DESTINATION',
        'ENABLE_IGNITION',
        'DISABLE_IGNITION',
      ]),
    );
    const fields = (name: string) => Object.keys((schema.getType(name) as GraphQLObjectType).getFields());
    expect(fields('Query')).toEqual(
      expect.arrayContaining(['vehicle', 'vehicles', 'lock', 'locks', 'commandExecution', 'commandExecutions']),
    );
    expect(fields('Mutation')).toEqual(
      expect.arrayContaining([
        'registerVehicle',
        'registerLock',
        'grantAccess',
        'revokeAccess',
        'cancelCommandExecution',
        'createFleet',
        'renameFleet',
        'deleteFleet',
        'addToFleet',
        'removeFromFleet',
        'revokeGrant',
        'approveCommand',
        'rejectCommand',
      ]),
    );
    expect(fields('Query')).toEqual(expect.arrayContaining(['fleet', 'fleets', 'grants', 'auditEvents']));
    expect(fields('CommandExecution')).toEqual(
      expect.arrayContaining([
        'id',
        'commandType',
        'status',
        'isFinal',
        'cancelable',
        'reason',
        'approvalExpiresAt',
        'approvedBy',
        'approvedAt',
        'approvalReason',
        'executionMode',
        'provider',
        'target',
        'version',
        'error',
        'confirmation',
        'parameters',
        'providerExecutionId',
        'providerStatus',
        'requestedBy',
        'requestedAt',
        'executedAt',
        'completedAt',
        'durationSeconds',
        'history',
      ]),
    );
    expect(fields('CommandError')).toEqual([
      'code',
      'type',
      'title',
      'detail',
      'retryable',
      'retryAfterSeconds',
      'resolution',
      'suggestedUserMessage',
    ]);
    expect(fields('IgnitionConfirmation')).toEqual(['code', 'message', 'expiresAt']);
    expect(String(schema.getType('CommandExecution')!.toString())).toBe('CommandExecution');
    expect(schema.getType('CommandTarget')?.astNode?.kind).toBe('InterfaceTypeDefinition');
  });

  it('declares every entity with @key(fields: "id")', async () => {
    const document = parse(await printSubgraphSdl());
    const keyed = document.definitions
      .filter((d) => d.kind === 'ObjectTypeDefinition')
      .filter((d) => d.directives?.some((x) => x.name.value === 'key'))
      .map((d) => d.name.value)
      .sort();
    expect(keyed).toEqual(['CommandExecution', 'Fleet', 'Lock', 'Vehicle']);
  });
});
