import { StartupError } from './startup-error.js';

/** Every environment setting in one place, parsed and checked once at start-up. */

export interface Config {
  /** DATABASE_URL: postgres://… to run on a real server; absent means embedded PGlite. */
  databaseUrl: string | undefined;
  /** PGLITE_DATA_DIR: PGlite data directory, or `memory://` for a throwaway in-memory database. */
  pgliteDataDir: string;
  /** PORT: HTTP port (0 picks a free one). */
  port: number;
  /** HOST: interface to listen on. */
  host: string;
  /** NODE_ENV=production: hides field suggestions and turns Sandbox and introspection off by default. */
  production: boolean;
  /** SANDBOX: serve the Apollo Sandbox landing page on GET /graphql. */
  sandbox: boolean;
  /** INTROSPECTION: answer `__schema` / `__type` queries. */
  introspection: boolean;
  /** MAX_PAGE_SIZE: largest page a connection argument `first` may ask for. */
  maxPageSize: number;
  /** LOG_LEVEL: pino level (silent under NODE_ENV=test). */
  logLevel: string;
  /** PG_POOL_MAX: pool size for real Postgres. */
  poolMax: number;
  /** PG_CONNECTION_TIMEOUT_MS: how long to wait for a new Postgres connection before failing the request. */
  connectionTimeoutMs: number;
  /** PG_STATEMENT_TIMEOUT_MS: Postgres cancels any statement running longer (0 = no limit); clients see code TIMEOUT. */
  statementTimeoutMs: number;
  /** SEED_ON_START: load the seed dataset on start when the database has no events. */
  seedOnStart: boolean;
  /** MAX_QUERY_DEPTH: deepest field nesting an operation may have (fragments flattened). */
  maxQueryDepth: number;
  /** MAX_ALIASES: aliases per operation. */
  maxAliases: number;
  /** MAX_DIRECTIVES: directives per operation. */
  maxDirectives: number;
  /** MAX_TOKENS: lexical tokens per document; the parser stops reading beyond it. */
  maxTokens: number;
  /** MAX_QUERY_COST: expected cost per operation; the worst case may reach 100 times it (see src/http/query-cost.ts for the model). */
  maxQueryCost: number;
  /** FANOUT_RELOAD_SECONDS: how often the server rereads the nested lists' measured sizes the cost estimate uses (0: at start only). */
  fanoutReloadSeconds: number;
  /** MAX_BODY_BYTES: largest request body; larger ones get 413. */
  maxBodyBytes: number;
  /** REQUEST_TIMEOUT_MS: a request must be received and answered within this time (408 / 503 TIMEOUT otherwise). */
  requestTimeoutMs: number;
  /** CORS_ORIGINS: comma-separated origins (scheme://host[:port]) browsers may call from, in addition to local pages (below). */
  corsOrigins: string[];
  /** CORS_ALLOW_LOCAL: also allow pages on http(s)://localhost, 127.0.0.1 and [::1], any port; on unless NODE_ENV=production. */
  corsAllowLocal: boolean;
  /** TRUST_PROXY: with express' `trust proxy` semantics (true, a hop count or addresses) the client IP comes from X-Forwarded-For. */
  trustProxy: boolean | number | string;
  /** RATE_LIMIT_REQUESTS: requests one client (IP) may make per window on /graphql; 0 turns the limit off. */
  rateLimitRequests: number;
  /** RATE_LIMIT_WINDOW_SECONDS: length of the rate-limit window. */
  rateLimitWindowSeconds: number;
  /** PERSISTED_QUERIES: accept automatic persisted queries (APQ). */
  persistedQueries: boolean;
  /** PERSISTED_QUERY_TTL_SECONDS: how long a registered persisted query is kept. */
  persistedQueryTtlSeconds: number;
  /** REDIS_URL: redis://… shared by all instances for rate limits and persisted queries; absent means in-memory. */
  redisUrl: string | undefined;
  /** REDIS_KEY_PREFIX: prefix of every Redis key, so several apps or environments can share one Redis. */
  redisKeyPrefix: string;
  /** SHUTDOWN_GRACE_MS: on SIGTERM/SIGINT, in-flight requests get this long before the process exits anyway. */
  shutdownGraceMs: number;
  /** How bearer tokens are verified (AUTH_* settings); `none` when no key is configured: every write is then refused. */
  auth: AuthConfig;
  /** READ_REQUIRES_AUTH: queries need a valid token too (any role); off by default, reading is public. */
  readRequiresAuth: boolean;
  /** Subscriptions over WebSocket (LIVE_* settings, docs/live.md). */
  live: LiveConfig;
}

/** Limits of the WebSocket endpoint that carries subscriptions (graphql-ws on /graphql). */
export interface LiveConfig {
  /** LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION: operations one socket may run at once; more are answered with an error. */
  maxSubscriptionsPerConnection: number;
  /** LIVE_MAX_CONNECTIONS_PER_CLIENT: open sockets per client address (per instance); more get HTTP 429 at the upgrade. */
  maxConnectionsPerClient: number;
  /** LIVE_MAX_MESSAGE_BYTES: largest message a client may send; a larger one closes the socket (1009). */
  maxMessageBytes: number;
  /** LIVE_PING_INTERVAL_MS: the server pings this often; a client that has not answered by the next ping is dropped (0: never). */
  pingIntervalMs: number;
  /** LIVE_MAX_BUFFERED_BYTES: bytes written to a socket but not yet taken by the client; past it the socket is closed (4008). */
  maxBufferedBytes: number;
  /** LIVE_MAX_PENDING_EVENTS: changes waiting for one subscription to take them; past it the socket is closed (4008). */
  maxPendingEvents: number;
  /** LIVE_STATS_INTERVAL_MS: casualtyStatsChanged sends at most one message per subscription this often. */
  statsIntervalMs: number;
}

/** Bearer-token verification: a shared HS256 secret for development, or a JWKS endpoint (asymmetric keys) for production. */
export type AuthConfig =
  | { kind: 'none'; rolesClaim: string; clockSkewSeconds: number }
  | { kind: 'secret'; secret: Uint8Array; issuer?: string; audience?: string; rolesClaim: string; clockSkewSeconds: number }
  | { kind: 'jwks'; jwksUrl: URL; issuer: string; audience: string; algorithms: string[]; rolesClaim: string; clockSkewSeconds: number };

/** Asymmetric algorithms only: accepting HS* next to a JWKS would let a public key be used as an HMAC secret. */
const JWKS_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new StartupError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new StartupError(`${name} must be true or false, got "${env[name]}"`);
}

function list(env: NodeJS.ProcessEnv, name: string): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/**
 * Browsers send an origin as scheme://host[:port], no path; an entry with a path or `*` would
 * silently never match, so it is refused at start-up. Case and default ports are normalised.
 */
function origins(env: NodeJS.ProcessEnv, name: string): string[] {
  return list(env, name).map((entry) => {
    const url = URL.canParse(entry) ? new URL(entry) : undefined;
    const plain = url && ['http:', 'https:'].includes(url.protocol) && url.pathname === '/' && !url.search && !url.hash && !url.username;
    if (!plain)
      throw new Error(`${name} entries must be origins like https://app.example.org or http://localhost:5173 (no path), got "${entry}"`);
    return url.origin;
  });
}

/** true/false, a hop count, or a list of trusted addresses/subnets (express' `trust proxy` forms, see src/http/client-address.ts). */
function trustProxy(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === '' || ['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  if (['true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw;
}

/** DATABASE_URL must be a postgres:// URL; checked here so a typo is named, not a driver's stack. */
function databaseUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let protocol: string | undefined;
  try {
    protocol = new URL(raw).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    throw new StartupError(
      'DATABASE_URL must look like postgres://user:password@host:5432/database (unset it to use the embedded PGlite).',
    );
  }
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const auth = authConfig(env, production);
  const readRequiresAuth = flag(env, 'READ_REQUIRES_AUTH', false);
  if (readRequiresAuth && auth.kind === 'none') {
    throw new StartupError('READ_REQUIRES_AUTH=true needs AUTH_JWKS_URL or AUTH_JWT_SECRET: without them nobody could read.');
  }
  return {
    databaseUrl: databaseUrl(env.DATABASE_URL),
    pgliteDataDir: env.PGLITE_DATA_DIR || '.data/pglite',
    port: integer(env, 'PORT', 4000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    production,
    sandbox: flag(env, 'SANDBOX', !production),
    introspection: flag(env, 'INTROSPECTION', !production),
    maxPageSize: integer(env, 'MAX_PAGE_SIZE', 100, 1, 1000),
    logLevel: env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    poolMax: integer(env, 'PG_POOL_MAX', 10, 1, 200),
    connectionTimeoutMs: integer(env, 'PG_CONNECTION_TIMEOUT_MS', 5_000, 1, 600_000),
    statementTimeoutMs: integer(env, 'PG_STATEMENT_TIMEOUT_MS', 10_000, 0, 3_600_000),
    seedOnStart: flag(env, 'SEED_ON_START', true),
    maxQueryDepth: integer(env, 'MAX_QUERY_DEPTH', 10, 1, 100),
    maxAliases: integer(env, 'MAX_ALIASES', 15, 0, 1000),
    maxDirectives: integer(env, 'MAX_DIRECTIVES', 10, 0, 1000),
    maxTokens: integer(env, 'MAX_TOKENS', 2_000, 10, 1_000_000),
    maxQueryCost: integer(env, 'MAX_QUERY_COST', 20_000, 1, 100_000_000),
    fanoutReloadSeconds: integer(env, 'FANOUT_RELOAD_SECONDS', 300, 0, 86_400),
    maxBodyBytes: integer(env, 'MAX_BODY_BYTES', 100 * 1024, 1024, 100 * 1024 * 1024),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 30_000, 100, 3_600_000),
    corsOrigins: origins(env, 'CORS_ORIGINS'),
    corsAllowLocal: flag(env, 'CORS_ALLOW_LOCAL', !production),
    trustProxy: trustProxy(env.TRUST_PROXY),
    rateLimitRequests: integer(env, 'RATE_LIMIT_REQUESTS', 600, 0, 1_000_000),
    rateLimitWindowSeconds: integer(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1, 86_400),
    persistedQueries: flag(env, 'PERSISTED_QUERIES', true),
    persistedQueryTtlSeconds: integer(env, 'PERSISTED_QUERY_TTL_SECONDS', 86_400, 1, 31_536_000),
    redisUrl: env.REDIS_URL || undefined,
    redisKeyPrefix: env.REDIS_KEY_PREFIX || 'newsgraph:',
    shutdownGraceMs: integer(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    auth,
    readRequiresAuth,
    live: {
      maxSubscriptionsPerConnection: integer(env, 'LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION', 20, 1, 10_000),
      maxConnectionsPerClient: integer(env, 'LIVE_MAX_CONNECTIONS_PER_CLIENT', 20, 1, 100_000),
      maxMessageBytes: integer(env, 'LIVE_MAX_MESSAGE_BYTES', 64 * 1024, 1024, 16 * 1024 * 1024),
      pingIntervalMs: integer(env, 'LIVE_PING_INTERVAL_MS', 15_000, 0, 3_600_000),
      maxBufferedBytes: integer(env, 'LIVE_MAX_BUFFERED_BYTES', 1024 * 1024, 1024, 1024 * 1024 * 1024),
      maxPendingEvents: integer(env, 'LIVE_MAX_PENDING_EVENTS', 5_000, 1, 10_000_000),
      statsIntervalMs: integer(env, 'LIVE_STATS_INTERVAL_MS', 250, 10, 60_000),
    },
  };
}

/** The AUTH_* settings, checked together so that a half-configured or ambiguous setup stops the start. */
export function authConfig(env: NodeJS.ProcessEnv, production: boolean): AuthConfig {
  const rolesClaim = env.AUTH_ROLES_CLAIM || 'roles';
  const clockSkewSeconds = integer(env, 'AUTH_CLOCK_SKEW_SECONDS', 30, 0, 300);
  const secret = env.AUTH_JWT_SECRET || undefined;
  const jwks = env.AUTH_JWKS_URL || undefined;
  const issuer = env.AUTH_ISSUER || undefined;
  const audience = env.AUTH_AUDIENCE || undefined;
  if (secret && jwks) throw new StartupError('Set AUTH_JWKS_URL or AUTH_JWT_SECRET, not both.');
  if (jwks) {
    const url = URL.canParse(jwks) ? new URL(jwks) : undefined;
    if (!url || !['https:', 'http:'].includes(url.protocol)) throw new StartupError(`AUTH_JWKS_URL must be an https:// URL, got "${jwks}"`);
    if (production && url.protocol !== 'https:') throw new StartupError('AUTH_JWKS_URL must use https:// when NODE_ENV=production.');
    if (!issuer || !audience)
      throw new StartupError('AUTH_JWKS_URL needs AUTH_ISSUER and AUTH_AUDIENCE, so that tokens meant for another service are refused.');
    const algorithms = list(env, 'AUTH_JWT_ALGORITHMS');
    for (const algorithm of algorithms) {
      if (!JWKS_ALGORITHMS.includes(algorithm)) {
        throw new StartupError(
          `AUTH_JWT_ALGORITHMS may name only asymmetric algorithms (${JWKS_ALGORITHMS.join(', ')}), got "${algorithm}"`,
        );
      }
    }
    return {
      kind: 'jwks',
      jwksUrl: url,
      issuer,
      audience,
      algorithms: algorithms.length ? algorithms : ['RS256'],
      rolesClaim,
      clockSkewSeconds,
    };
  }
  if (secret) {
    if (production)
      throw new StartupError(
        'AUTH_JWT_SECRET is for development; with NODE_ENV=production set AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE.',
      );
    // HS256 needs a key of at least 256 bits (RFC 7518 §3.2).
    if (Buffer.byteLength(secret) < 32)
      throw new StartupError('AUTH_JWT_SECRET must be at least 32 bytes long (HS256 needs a 256-bit key).');
    return { kind: 'secret', secret: new TextEncoder().encode(secret), issuer, audience, rolesClaim, clockSkewSeconds };
  }
  return { kind: 'none', rolesClaim, clockSkewSeconds };
}
