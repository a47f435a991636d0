import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { PROVIDERS } from '../../src/providers/registry.js';

describe('log redaction', () => {
  it('hides every credential a provider module names, and tokens, at the top and two levels down', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const credentials = PROVIDERS.modules.flatMap((module) => Object.keys(module.environment.credentials));
    expect(credentials).toEqual(expect.arrayContaining(['accessToken', 'token', 'signSecret', 'apiKey']));
    const secret = (field: string) => `s3cr3t-${field}`;
    const fields = Object.fromEntries([...credentials, 'authorization'].map((field) => [field, secret(field)]));
    createLogger('info', sink).info({ ...fields, one: { ...fields }, one2: { two: { ...fields } } }, 'credentials');
    const line = lines.join('');
    for (const field of Object.keys(fields)) expect(line).not.toContain(secret(field));
    expect(line).toContain('[redacted]');
  });
});
