import { readFile } from 'node:fs/promises';
import { composeServices, type CompositionResult } from '@apollo/composition';
import { parse, type GraphQLObjectType } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { GARAGE_SDL } from './garage/server.js';

const SUBGRAPH_SDL = await readFile(new URL('../../schema/schema.graphql', import.meta.url), 'utf8');

/** Composes the checked-in SDL with the garage subgraph, as a router's build step would. */
function composeWithGarage(garageSdl = GARAGE_SDL): CompositionResult {
  return composeServices([
    { name: 'vehicle-access', typeDefs: parse(SUBGRAPH_SDL), url: 'http://vehicle-access/graphql' },
    { name: 'garage', typeDefs: parse(garageSdl), url: 'http://garage/graphql' },
  ]);
}

describe('composition of schema/schema.graphql with a second subgraph', () => {
  let result: CompositionResult;

  beforeAll(() => {
    result = composeWithGarage();
    const hints = result.hints ?? [];
    console.info(`composition: ${result.errors ? `${result.errors.length} error(s)` : 'ok'}, ${hints.length} hint(s)`);
    for (const hint of hints) console.info(`composition hint [${hint.definition.code}]: ${hint.message}`);
  });

  it('composes without errors', () => {
    expect(result.errors?.map((e) => e.message) ?? []).toEqual([]);
    expect(result.supergraphSdl).toContain('@join__graph(name: "garage"');
  });

  it('exposes both subgraphs’ fields on the shared entities in the API schema', () => {
    const api = result.schema!.toAPISchema().toGraphQLJSSchema();
    const vehicle = api.getType('Vehicle') as GraphQLObjectType;
    expect(Object.keys(vehicle.getFields())).toEqual(expect.arrayContaining(['id', 'name', 'provider', 'supportedCommands', 'executions', 'nickname', 'pinnedExecution']));
    expect(vehicle.getFields().pinnedExecution!.type.toString()).toBe('CommandExecution');
    expect(vehicle.description).toBe('A vehicle registered with a provider.');
    expect(Object.keys(api.getQueryType()!.getFields())).toEqual(expect.arrayContaining(['vehicles', 'locks', 'commandExecution', 'parkedVehicles']));
    // Subscriptions survive composition: a router serves them from this subgraph.
    expect(Object.keys(api.getSubscriptionType()!.getFields())).toEqual(['commandExecutionUpdated', 'commandExecutionsUpdated', 'commandExecutionChanges']);
    // Federation internals stay internal.
    expect(api.getQueryType()!.getFields()._entities).toBeUndefined();
  });

  it('fails loudly when the second subgraph conflicts with ours', () => {
    const conflicting = GARAGE_SDL.replace('nickname: String', 'nickname: String\n  name: Int');
    const broken = composeWithGarage(conflicting);
    expect(broken.errors?.map((e) => e.message).join('\n')).toMatch(/Vehicle\.name/);
  });
});
