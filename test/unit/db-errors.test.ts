import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, isConnectionError } from '../../src/store/db.js';

/** An error as `pg` raises it for a server-reported failure: its SQLSTATE in `code`. */
const sqlError = (code: string) => Object.assign(new Error(`failed with ${code}`), { code });

describe('telling an unavailable database from a bad statement', () => {
  it.each([
    ['08006', 'connection failure'],
    ['53300', 'too many connections'],
    ['53100', 'disk full'],
    ['57P01', 'admin shutdown'],
    ['57P03', 'cannot connect now'],
    ['57P04', 'database dropped'],
    ['57014', 'statement timeout'],
    ['58030', 'I/O error'],
  ])('%s (%s) means unavailable', (code) => {
    expect(isConnectionError(sqlError(code))).toBe(true);
  });

  it.each([
    ['42601', 'syntax error'],
    ['22021', 'invalid byte sequence'],
    ['23505', 'unique violation'],
    ['40001', 'serialization failure'],
    ['55P03', 'lock not available'],
    ['XX000', 'internal error'],
  ])('%s (%s) is about the statement', (code) => {
    expect(isConnectionError(sqlError(code))).toBe(false);
  });

  it('counts a refused connection, whatever its SQLSTATE, as unavailable', () => {
    expect(isConnectionError(new DatabaseUnavailableError('cannot connect', { cause: sqlError('55000') }))).toBe(true);
    expect(isConnectionError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(true);
  });
});
