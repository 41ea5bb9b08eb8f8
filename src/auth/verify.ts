import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { AuthConfig } from '../config.js';
import { anonymous, claimAt, rolesFromClaim, type Viewer } from './roles.js';

/**
 * A token was sent but cannot be trusted. `reason` is for the server log only: telling the
 * client whether a signature or a date failed would help someone forging tokens.
 */
export class AuthenticationError extends Error {
  readonly code = 'UNAUTHENTICATED';
  constructor(readonly reason: string) {
    super('The bearer token is not valid.');
    this.name = 'AuthenticationError';
  }
}

/** Turns an Authorization header into the viewer it proves, or throws AuthenticationError. */
export type Authenticate = (authorization: string | undefined) => Promise<Viewer>;

const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)\s*$/i;

/**
 * The JWKS is fetched on first use and cached by jose; an unknown `kid` (a rotated key) refetches
 * it, at most once per `jwksCooldownMs` (jose's default 30 s), so forged kids cannot hammer the provider.
 */
export function createAuthenticator(config: AuthConfig, { jwksCooldownMs }: { jwksCooldownMs?: number } = {}): Authenticate {
  const key: Uint8Array | JWTVerifyGetKey | undefined =
    config.kind === 'jwks'
      ? createRemoteJWKSet(config.jwksUrl, { cooldownDuration: jwksCooldownMs, timeoutDuration: 5_000 })
      : config.kind === 'secret'
        ? config.secret
        : undefined;
  const options =
    config.kind === 'jwks'
      ? { algorithms: config.algorithms, issuer: config.issuer, audience: config.audience, clockTolerance: config.clockSkewSeconds }
      : config.kind === 'secret'
        ? { algorithms: ['HS256'], issuer: config.issuer, audience: config.audience, clockTolerance: config.clockSkewSeconds }
        : undefined;

  return async (authorization) => {
    if (authorization === undefined || authorization.trim() === '') return anonymous;
    const match = BEARER.exec(authorization);
    if (!match) throw new AuthenticationError('Authorization header is not "Bearer <JWT>"');
    if (!key || !options) throw new AuthenticationError('no AUTH_JWKS_URL or AUTH_JWT_SECRET is configured, so no token can be verified');
    let payload: JWTPayload;
    try {
      ({ payload } = typeof key === 'function' ? await jwtVerify(match[1]!, key, options) : await jwtVerify(match[1]!, key, options));
    } catch (error) {
      throw new AuthenticationError(describe(error));
    }
    if (typeof payload.sub !== 'string' || payload.sub === '') throw new AuthenticationError('token has no `sub` claim');
    if (payload.exp === undefined) throw new AuthenticationError('token has no `exp` claim: tokens that never expire are refused');
    return {
      kind: 'user',
      subject: payload.sub,
      roles: rolesFromClaim(claimAt(payload, config.rolesClaim)),
      expiresAt: (payload.exp + config.clockSkewSeconds) * 1000,
    };
  };
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return `token expired (exp ${String(error.payload.exp)})`;
  if (error instanceof errors.JWTClaimValidationFailed) return `claim ${error.claim} failed: ${error.reason} (${error.message})`;
  if (error instanceof errors.JOSEAlgNotAllowed) return `algorithm not allowed: ${error.message}`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature does not verify';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no key in the JWKS matches the token';
  if (error instanceof errors.JOSEError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
