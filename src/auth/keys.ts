import type { AuthConfig } from '../config.js';
import { loadOrCreateDevSecret } from './dev-secret.js';
import { CLOCK_TOLERANCE_SECONDS, createTokenVerifier, type KeySource, type TokenVerifier } from './token-verifier.js';
import { cachingVerifier } from './verified-token-cache.js';

export interface AuthSetup {
  verifier: TokenVerifier;
  /**
   * The generated development secret, when that is what verifies tokens: lets
   * `npm start` print ready tokens. Never set for a configured secret, so a
   * staging instance holding a shared secret prints no admin token.
   */
  devSigningSecret: Uint8Array | undefined;
}

export async function setUpAuth(auth: AuthConfig, dataDir: string): Promise<AuthSetup> {
  const options = { issuer: auth.issuer, audience: auth.audience };
  // Verified once per token, then remembered until it expires.
  const verifierFor = (keys: KeySource) =>
    cachingVerifier(createTokenVerifier(keys, options), { clockToleranceSeconds: CLOCK_TOLERANCE_SECONDS });
  switch (auth.kind) {
    case 'jwks':
      return { verifier: verifierFor({ kind: 'jwks', url: auth.jwksUrl }), devSigningSecret: undefined };
    case 'secret':
      return {
        verifier: verifierFor({ kind: 'secret', secret: new TextEncoder().encode(auth.secret) }),
        devSigningSecret: undefined,
      };
    case 'dev': {
      const secret = await loadOrCreateDevSecret(dataDir);
      return { verifier: verifierFor({ kind: 'secret', secret }), devSigningSecret: secret };
    }
  }
}
