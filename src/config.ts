/** Every environment setting in one place, parsed and checked once at start-up. */

export interface Config {
  /** postgres://… to run on a real server; absent means embedded PGlite. */
  databaseUrl: string | undefined;
  /** PGlite data directory, or `memory://` for a throwaway in-memory database. */
  pgliteDataDir: string;
  port: number;
  host: string;
  production: boolean;
  /** Serve the Apollo Sandbox landing page on GET /graphql. */
  sandbox: boolean;
  introspection: boolean;
  /** Largest page a connection argument `first` may ask for. */
  maxPageSize: number;
  logLevel: string;
  /** Pool size for real Postgres. */
  poolMax: number;
  /** Load the seed dataset on start when the database has no events. */
  seedOnStart: boolean;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name]?.toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new Error(`${name} must be true or false, got "${env[name]}"`);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    pgliteDataDir: env.PGLITE_DATA_DIR || '.data/pglite',
    port: integer(env, 'PORT', 4000, 0, 65535),
    host: env.HOST || '0.0.0.0',
    production,
    sandbox: flag(env, 'SANDBOX', !production),
    introspection: flag(env, 'INTROSPECTION', !production),
    maxPageSize: integer(env, 'MAX_PAGE_SIZE', 100, 1, 1000),
    logLevel: env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    poolMax: integer(env, 'PG_POOL_MAX', 10, 1, 200),
    seedOnStart: flag(env, 'SEED_ON_START', true),
  };
}
