import { SignJWT } from 'jose';

export interface TokenClaims {
  sub: string;
  roles?: string[];
  /** jose time span, e.g. '30d', '1h'. */
  expiresIn?: string;
  issuer?: string;
  audience?: string;
}

/** HS256 tokens: the dev tokens `npm start` prints, and the tests' tokens. */
export async function signToken(secret: Uint8Array, claims: TokenClaims): Promise<string> {
  const jwt = new SignJWT({ roles: claims.roles ?? [] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn ?? '1h');
  if (claims.issuer) jwt.setIssuer(claims.issuer);
  if (claims.audience) jwt.setAudience(claims.audience);
  return jwt.sign(secret);
}
