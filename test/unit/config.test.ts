import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('config', () => {
  it('has working defaults for development', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      production: false,
      host: '127.0.0.1',
      port: 4000,
      logLevel: 'info',
      demoData: true,
      auth: { kind: 'dev' },
      store: { kind: 'pglite' },
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT', /port number/],
    [{ PORT: '70000' }, 'PORT', /port number/],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL', /postgres/],
    [{ AUTH_JWT_SECRET: 'short' }, 'AUTH_JWT_SECRET', /at least 32 bytes/],
    [{ AUTH_JWKS_URL: 'not a url' }, 'AUTH_JWKS_URL', /http\(s\) URL/],
    [{ AUTH_JWT_SECRET: 'x'.repeat(32), AUTH_JWKS_URL: 'https://idp/jwks' }, 'AUTH_JWT_SECRET', /exclusive/],
    [{ NODE_ENV: 'production' }, 'AUTH_JWT_SECRET', /required with NODE_ENV=production/],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /one of/],
    [{ SUBSCRIPTION_CALLBACK_URLS: 'http://127.0.0.1,router:4000' }, 'SUBSCRIPTION_CALLBACK_URLS', /http\(s\) URLs/],
    [{ SUBSCRIPTION_CALLBACK_URLS: 'http://user:pw@router' }, 'SUBSCRIPTION_CALLBACK_URLS', /without credentials/],
    [{ NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp/jwks' }, 'AUTH_ISSUER', /required with AUTH_JWKS_URL/],
    [
      { NODE_ENV: 'production', AUTH_JWKS_URL: 'https://idp/jwks', AUTH_ISSUER: 'https://idp' },
      'AUTH_AUDIENCE',
      /required with AUTH_JWKS_URL/,
    ],
    [{ DEMO_DATA: 'maybe' }, 'DEMO_DATA', /true or false/],
    [
      { NODE_ENV: 'production', AUTH_JWT_SECRET: 'x'.repeat(32), DEMO_DATA: 'true' },
      'DEMO_DATA',
      /cannot be true with NODE_ENV=production/,
    ],
    [{ SMARTCAR_BASE_URL: 'ftp://x' }, 'SMARTCAR_BASE_URL', /http\(s\) URL/],
    [{ SMARTCAR_BASE_URL: 'https://api.example' }, 'SMARTCAR_ACCESS_TOKEN', /required when SMARTCAR_BASE_URL/],
    [{ MOBWAY_BASE_URL: 'https://m.example', MOBWAY_TOKEN: 't' }, 'MOBWAY_SIGN_SECRET', /required/],
    [{ SPKEY_BASE_URL: 'https://s.example', SPKEY_TOKEN: 't' }, 'SPKEY_API_KEY', /required/],
  ])('%o → names %s', (env, variable, expectation) => {
    const error = configError(env);
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(expectation);
    expect(error.message.startsWith(variable)).toBe(true);
  });

  it('reads the store location', () => {
    expect(loadConfig({ DATABASE_URL: 'memory://' }).store).toEqual({ kind: 'memory' });
    const pg = loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/app' });
    expect(pg.store).toEqual({ kind: 'postgres', url: 'postgres://u:p@db:5432/app' });
    expect(pg.demoData).toBe(false);
  });

  it('never seeds demo data in production, whatever the store', () => {
    const secret = { NODE_ENV: 'production', AUTH_JWT_SECRET: 'x'.repeat(32) };
    expect(loadConfig(secret).demoData).toBe(false);
    expect(loadConfig({ ...secret, DATABASE_URL: 'memory://' }).demoData).toBe(false);
    expect(loadConfig({ ...secret, DEMO_DATA: 'false' }).demoData).toBe(false);
  });

  it('listens on all interfaces in production only', () => {
    expect(loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: 'x'.repeat(32) }).host).toBe('0.0.0.0');
  });

  it('allows subscription callbacks to loopback in development only, unless SUBSCRIPTION_CALLBACK_URLS says where', () => {
    expect(loadConfig({}).subscriptionCallbackUrls.map(String)).toEqual([
      'http://127.0.0.1/',
      'http://localhost/',
      'http://[::1]/',
    ]);
    expect(loadConfig({ NODE_ENV: 'production', AUTH_JWT_SECRET: 'x'.repeat(32) }).subscriptionCallbackUrls).toEqual(
      [],
    );
    const listed = loadConfig({ SUBSCRIPTION_CALLBACK_URLS: ' https://router.internal:8443/callback , ' });
    expect(listed.subscriptionCallbackUrls.map(String)).toEqual(['https://router.internal:8443/callback']);
  });
});
