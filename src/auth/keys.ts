import type { AuthConfig } from '../config.js';
import { loadOrCreateDevSecret } from './dev-secret.js';
import { createTokenVerifier, type TokenVerifier } from './token-verifier.js';

export interface AuthSetup {
  verifier: TokenVerifier;
  /** The HS256 secret when we hold one (dev or configured): lets `npm start` print ready tokens. */
  signingSecret: Uint8Array | undefined;
}

export async function setUpAuth(auth: AuthConfig, dataDir: string): Promise<AuthSetup> {
  const options = { issuer: auth.issuer, audience: auth.audience };
  switch (auth.kind) {
    case 'jwks':
      return { verifier: createTokenVerifier({ kind: 'jwks', url: auth.jwksUrl }, options), signingSecret: undefined };
    case 'secret': {
      const secret = new TextEncoder().encode(auth.secret);
      return { verifier: createTokenVerifier({ kind: 'secret', secret }, options), signingSecret: secret };
    }
    case 'dev': {
      const secret = await loadOrCreateDevSecret(dataDir);
      return { verifier: createTokenVerifier({ kind: 'secret', secret }, options), signingSecret: secret };
    }
  }
}
