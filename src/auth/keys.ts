import type { AuthConfig } from '../config.js';
import { loadOrCreateDevSecret } from './dev-secret.js';
import { createTokenVerifier, type TokenVerifier } from './token-verifier.js';

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
  switch (auth.kind) {
    case 'jwks':
      return { verifier: createTokenVerifier({ kind: 'jwks', url: auth.jwksUrl }, options), devSigningSecret: undefined };
    case 'secret': {
      const secret = new TextEncoder().encode(auth.secret);
      return { verifier: createTokenVerifier({ kind: 'secret', secret }, options), devSigningSecret: undefined };
    }
    case 'dev': {
      const secret = await loadOrCreateDevSecret(dataDir);
      return { verifier: createTokenVerifier({ kind: 'secret', secret }, options), devSigningSecret: secret };
    }
  }
}
