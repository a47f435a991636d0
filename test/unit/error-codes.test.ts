import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/domain/error-codes.js';

/** The README's error table, as [code, when, extensions] rows. */
function readmeErrorTable(): string[][] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('**Errors** carry `extensions.code`'));
  const rows: string[][] = [];
  for (const line of section.split('\n').slice(1)) {
    if (rows.length > 0 && !line.startsWith('|')) break;
    const match = /^\| `([A-Z_]+)` \| (.*) \| (.*) \|$/.exec(line);
    if (match) rows.push([match[1]!, match[2]!, match[3]!.trim()]);
  }
  return rows;
}

describe('the error-code catalogue', () => {
  it('is the README error table, row for row', () => {
    const catalogue = Object.entries(ERROR_CODES).map(([code, { when, extensions }]) => [code, when, extensions]);
    expect(readmeErrorTable()).toEqual(catalogue);
  });

  it('is the only place a code is written: no extensions.code in src/ outside it escapes the ErrorCode type', () => {
    // Every literal code in the request path is checked by `satisfies ErrorCode` or an `ErrorCode` parameter;
    // this catches one written around both.
    const offenders = execSync(
      `grep -rnP "code: '[A-Z][A-Z_]+'(?! satisfies ErrorCode)" src/server src/graphql src/services src/auth || true`,
      { encoding: 'utf8' },
    )
      .split('\n')
      .filter(Boolean);
    expect(offenders).toEqual([]);
  });
});
