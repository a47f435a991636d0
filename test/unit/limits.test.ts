import { readdir, readFile } from 'node:fs/promises';
import { parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { buildSubgraph } from '../../src/graphql/schema.js';
import { limitRules, withoutSuggestions } from '../../src/server/limits.js';

const OPERATIONS = new URL('../../schema/operations/', import.meta.url);

describe('query limits', () => {
  it('let every client operation in schema/operations through with the default settings', async () => {
    const schema = await buildSubgraph();
    const limits = loadConfig({}).limits;
    const files = (await readdir(OPERATIONS)).filter((f) => f.endsWith('.graphql'));
    const source = (await Promise.all(files.map((f) => readFile(new URL(f, OPERATIONS), 'utf8')))).join('\n');
    const document = parse(source, { maxTokens: limits.maxTokens * files.length });
    const errors = validate(schema, document, [...specifiedRules, ...limitRules(limits, true)]);
    expect(errors.map((e) => e.message)).toEqual([]);
  });

  it.each([
    [
      'Cannot query field "vehicels" on type "Query". Did you mean "vehicles" or "vehicle"?',
      'Cannot query field "vehicels" on type "Query".',
    ],
    ['Unknown argument "fist". Did you mean "first", "last", or "after"?', 'Unknown argument "fist".'],
    [
      'Variable "$input" got invalid value "SPKE" at "input.provider"; Value "SPKE" does not exist in "Provider" enum. Did you mean the enum value "SPKEY"?',
      'Variable "$input" got invalid value "SPKE" at "input.provider"; Value "SPKE" does not exist in "Provider" enum.',
    ],
    [
      'Field "providr" is not defined by type "RegisterVehicleInput". Did you mean "provider"? (and more)',
      'Field "providr" is not defined by type "RegisterVehicleInput". (and more)',
    ],
    ['First. Did you mean\n"a" or\n"b"?\nSecond. Did you mean "c"?', 'First.\nSecond.'],
  ])('strip field suggestions from %j', (message, stripped) => {
    expect(withoutSuggestions(message)).toBe(stripped);
  });
});
