import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, base64url, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authConfig, loadConfig } from '../../src/config.js';
import { Role } from '../../src/auth/roles.js';
import { AuthenticationError, createAuthenticator } from '../../src/auth/verify.js';

const secret = 'a-development-secret-of-32-bytes!!';
const now = () => Math.floor(Date.now() / 1000);

function hs256(claims: Record<string, unknown>, key = secret, header: Record<string, unknown> = {}) {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', ...header }).sign(new TextEncoder().encode(key));
}

/** `alg: none` cannot be made by jose's signer; it is two base64url parts and an empty signature. */
function unsigned(claims: Record<string, unknown>): string {
  const part = (value: object) => base64url.encode(JSON.stringify(value));
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}

async function reason(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthenticationError);
  expect((error as AuthenticationError).code).toBe('UNAUTHENTICATED');
  // The client-facing message never says why: that is for the log.
  expect((error as AuthenticationError).message).toBe('The bearer token is not valid.');
  return (error as AuthenticationError).reason;
}

describe('HS256 development tokens (AUTH_JWT_SECRET)', () => {
  const config = authConfig({ AUTH_JWT_SECRET: secret, AUTH_AUDIENCE: 'newsgraph', AUTH_ISSUER: 'dev' }, false);
  const authenticate = createAuthenticator(config);
  const valid = { sub: 'alice', roles: ['EDITOR'], aud: 'newsgraph', iss: 'dev' };

  it('no header is an anonymous reader', async () => {
    expect(await authenticate(undefined)).toEqual({ kind: 'anonymous' });
    expect(await authenticate('')).toEqual({ kind: 'anonymous' });
  });

  it('a valid token gives its subject and roles', async () => {
    const exp = now() + 60;
    const viewer = await authenticate(`Bearer ${await hs256({ ...valid, exp })}`);
    // Accepted until exp plus the clock skew (30 s by default): when a live socket opened with it closes.
    expect(viewer).toEqual({ kind: 'user', subject: 'alice', roles: new Set([Role.EDITOR]), expiresAt: (exp + 30) * 1000 });
    const admin = await authenticate(`bearer ${await hs256({ ...valid, roles: 'admin', exp: now() + 60 })}`);
    expect(admin.kind === 'user' && [...admin.roles]).toEqual([Role.ADMIN]);
    const reader = await authenticate(`Bearer ${await hs256({ ...valid, roles: ['superuser'], exp: now() + 60 })}`);
    expect(reader.kind === 'user' && reader.roles.size).toBe(0);
  });

  it('accepts exp within the clock skew and refuses it beyond', async () => {
    expect((await authenticate(`Bearer ${await hs256({ ...valid, exp: now() - 10 })}`)).kind).toBe('user');
    expect(await reason(authenticate(`Bearer ${await hs256({ ...valid, exp: now() - 120 })}`))).toMatch(/expired/);
  });

  it('refuses a token not yet valid (nbf) beyond the skew', async () => {
    expect(await reason(authenticate(`Bearer ${await hs256({ ...valid, nbf: now() + 600, exp: now() + 900 })}`))).toMatch(/nbf/);
  });

  it('refuses another key, alg none, wrong audience or issuer, and missing sub or exp', async () => {
    const exp = now() + 60;
    expect(await reason(authenticate(`Bearer ${await hs256({ ...valid, exp }, 'another-secret-that-is-32-bytes-long')}`))).toMatch(
      /signature/,
    );
    expect(await reason(authenticate(`Bearer ${unsigned({ ...valid, exp })}`))).toMatch(/alg|Unsupported|not allowed/i);
    expect(await reason(authenticate(`Bearer ${await hs256({ ...valid, aud: 'other', exp })}`))).toMatch(/aud/);
    expect(await reason(authenticate(`Bearer ${await hs256({ ...valid, iss: 'elsewhere', exp })}`))).toMatch(/iss/);
    expect(await reason(authenticate(`Bearer ${await hs256({ ...valid, sub: undefined, exp })}`))).toMatch(/sub/);
    expect(await reason(authenticate(`Bearer ${await hs256(valid)}`))).toMatch(/exp/);
  });

  it('refuses what is not a bearer JWT', async () => {
    expect(await reason(authenticate('Basic YWxpY2U6c2VjcmV0'))).toMatch(/Bearer/);
    expect(await reason(authenticate('Bearer not-a-jwt'))).toMatch(/Bearer/);
    expect(await reason(authenticate('Bearer a.b.c'))).not.toBe('');
  });

  it('without any key configured, a token is refused, not ignored', async () => {
    const none = createAuthenticator(authConfig({}, false));
    expect(await none(undefined)).toEqual({ kind: 'anonymous' });
    expect(await reason(none(`Bearer ${await hs256({ ...valid, exp: now() + 60 })}`))).toMatch(/no AUTH_JWKS_URL/);
  });

  it('reads roles from a nested claim when AUTH_ROLES_CLAIM is a path', async () => {
    const nested = createAuthenticator(authConfig({ AUTH_JWT_SECRET: secret, AUTH_ROLES_CLAIM: 'realm_access.roles' }, false));
    const viewer = await nested(`Bearer ${await hs256({ sub: 'bo', realm_access: { roles: ['editor'] }, exp: now() + 60 })}`);
    expect(viewer.kind === 'user' && [...viewer.roles]).toEqual([Role.EDITOR]);
  });
});

describe('JWKS tokens (AUTH_JWKS_URL)', () => {
  let server: Server;
  let keys: JWK[] = [];
  let url: string;
  let fetches = 0;
  const issuer = 'https://id.example.org/';
  const audience = 'newsgraph';
  let signing: Awaited<ReturnType<typeof generateKeyPair>>;

  beforeAll(async () => {
    signing = await generateKeyPair('RS256', { extractable: true });
    keys = [{ ...(await exportJWK(signing.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' }];
    server = createServer((_, res) => {
      fetches += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const rs256 = (claims: Record<string, unknown>, key: CryptoKey, kid = 'k1') =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).sign(key);

  it('verifies a token signed by a key in the set, and refuses the rest', async () => {
    const authenticate = createAuthenticator(authConfig({ AUTH_JWKS_URL: url, AUTH_ISSUER: issuer, AUTH_AUDIENCE: audience }, false));
    const claims = { sub: 'carol', roles: ['ADMIN'], iss: issuer, aud: audience, exp: now() + 60 };
    const viewer = await authenticate(`Bearer ${await rs256(claims, signing.privateKey)}`);
    expect(viewer).toEqual({ kind: 'user', subject: 'carol', roles: new Set([Role.ADMIN]), expiresAt: (claims.exp + 30) * 1000 });

    const stranger = await generateKeyPair('RS256');
    expect(await reason(authenticate(`Bearer ${await rs256(claims, stranger.privateKey)}`))).toMatch(/signature/);
    expect(await reason(authenticate(`Bearer ${await rs256({ ...claims, aud: 'another-api' }, signing.privateKey)}`))).toMatch(/aud/);

    // HS/RS confusion: an HMAC over the token keyed with the public key's bytes must not pass.
    const publicJwk = JSON.stringify(keys[0]);
    const confused = await hs256(claims, publicJwk, { kid: 'k1' });
    expect(await reason(authenticate(`Bearer ${confused}`))).toMatch(/alg|not allowed/i);
    expect(await reason(authenticate(`Bearer ${unsigned(claims)}`))).toMatch(/alg|Unsupported|not allowed/i);
  });

  it('picks up a rotated key by its kid', async () => {
    const settings = { AUTH_JWKS_URL: url, AUTH_ISSUER: issuer, AUTH_AUDIENCE: audience };
    const authenticate = createAuthenticator(authConfig(settings, false), { jwksCooldownMs: 0 });
    const claims = { sub: 'dan', roles: 'editor', iss: issuer, aud: audience, exp: now() + 60 };
    expect((await authenticate(`Bearer ${await rs256(claims, signing.privateKey)}`)).kind).toBe('user');
    const rotated = await generateKeyPair('RS256', { extractable: true });
    keys = [...keys, { ...(await exportJWK(rotated.publicKey)), kid: 'k2', alg: 'RS256', use: 'sig' }];
    const before = fetches;
    expect((await authenticate(`Bearer ${await rs256(claims, rotated.privateKey, 'k2')}`)).kind).toBe('user');
    expect(fetches).toBe(before + 1);
    // Within the default cooldown a second unknown kid does not refetch: forged kids cannot hammer the provider.
    const cooled = createAuthenticator(authConfig(settings, false));
    await cooled(`Bearer ${await rs256(claims, signing.privateKey)}`);
    const fetched = fetches;
    expect(await reason(cooled(`Bearer ${await rs256(claims, rotated.privateKey, 'k3')}`))).toMatch(/no key|kid/i);
    expect(fetches).toBe(fetched);
  });
});

describe('AUTH_* settings', () => {
  const base = { DATABASE_URL: undefined };
  it('refuses ambiguous, weak or unsafe setups at start-up', () => {
    expect(() => loadConfig({ ...base, AUTH_JWT_SECRET: secret, AUTH_JWKS_URL: 'https://id.example.org/jwks' })).toThrow(/not both/);
    expect(() => loadConfig({ ...base, AUTH_JWKS_URL: 'https://id.example.org/jwks' })).toThrow(/AUTH_ISSUER and AUTH_AUDIENCE/);
    expect(() => loadConfig({ ...base, AUTH_JWT_SECRET: 'short' })).toThrow(/at least 32 bytes/);
    expect(() => loadConfig({ ...base, NODE_ENV: 'production', AUTH_JWT_SECRET: secret })).toThrow(/for development/);
    expect(() => loadConfig({ ...base, READ_REQUIRES_AUTH: 'true' })).toThrow(/nobody could read/);
    expect(() =>
      loadConfig({
        ...base,
        AUTH_JWKS_URL: 'https://id.example.org/jwks',
        AUTH_ISSUER: 'i',
        AUTH_AUDIENCE: 'a',
        AUTH_JWT_ALGORITHMS: 'HS256',
      }),
    ).toThrow(/only asymmetric/);
  });
  it('defaults to no keys and public reading', () => {
    const config = loadConfig({});
    expect(config.auth.kind).toBe('none');
    expect(config.readRequiresAuth).toBe(false);
  });
});
