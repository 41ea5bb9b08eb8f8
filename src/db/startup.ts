import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseHandle, type DatabaseOptions } from './client.js';
import { migrateDatabase, pendingMigrations } from './migrate.js';
import { StartupError, faultCode, rootFault } from '../startup-error.js';

/** Where a postgres:// URL points, for messages (never the password). */
function describeUrl(url: string): { host: string; port: string; user: string; database: string } {
  const parsed = new URL(url);
  return {
    host: parsed.hostname || 'localhost',
    port: parsed.port || '5432',
    user: decodeURIComponent(parsed.username) || process.env.PGUSER || process.env.USER || 'postgres',
    database: decodeURIComponent(parsed.pathname.slice(1)) || decodeURIComponent(parsed.username) || 'postgres',
  };
}

/**
 * Turns what Postgres or the network said into the line an operator needs, or undefined when
 * the fault is not one we can explain (the caller then shows the bare message).
 */
export function explainDatabaseFault(error: unknown, url: string): string | undefined {
  const { host, port, user, database } = describeUrl(url);
  const at = `Postgres at ${host}:${port}`;
  const code = faultCode(error);
  const root = rootFault(error) ?? error;
  const message = root instanceof Error ? root.message : '';
  switch (code) {
    case 'ECONNREFUSED':
      return `cannot reach ${at} (connection refused): is the server running? Check DATABASE_URL.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve the host "${host}" of DATABASE_URL: check its spelling, or the DNS.`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `cannot reach ${at} (${code}): check DATABASE_URL and the network in between.`;
    case '28P01':
      return `${at} refused the password of user "${user}": check the password in DATABASE_URL.`;
    case '28000':
      return `${at} does not let user "${user}" connect to "${database}" (${message}): check the user in DATABASE_URL and pg_hba.conf.`;
    case '3D000':
      return (
        `database "${database}" does not exist on ${at}: ` +
        `create it with \`createdb -h ${host} -p ${port} ${database}\`, or name another in DATABASE_URL.`
      );
    case '42501':
    case '25006':
      return (
        `user "${user}" may not change database "${database}" (${message}); newsgraph applies its migrations at start: ` +
        `run \`npm run db:migrate\` once with DATABASE_URL of the database's owner, then start with this user.`
      );
    case '53300':
      return `${at} has no connection slot left for user "${user}" (too many clients): lower PG_POOL_MAX or raise max_connections.`;
    default:
      break;
  }
  if (/timeout/i.test(message)) return `${at} did not answer in time: is it overloaded, or behind a firewall? Check DATABASE_URL.`;
  if (/password must be a string|no password was provided/i.test(message)) {
    return `${at} asks user "${user}" for a password: put it in DATABASE_URL (postgres://user:password@host:port/database).`;
  }
  if (/does not support SSL|SSL/.test(message)) return `${at}: ${message} (set or remove ?sslmode=… in DATABASE_URL).`;
  return undefined;
}

/** Creates the database a URL names, through the server's `postgres` database; false if not allowed. */
async function createMissingDatabase(url: string): Promise<boolean> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    return true;
  } catch (error) {
    // Created meanwhile by another instance starting at the same time: fine.
    if (faultCode(error) === '42P04') return true;
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** PGlite creates only the last folder of its data directory: make its parents first. */
function prepareDataDir(dataDir: string): void {
  if (/^(memory|idb|opfs-ahp):\/\//.test(dataDir)) return;
  const path = resolve(dataDir.replace(/^file:\/\//, ''));
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    const code = faultCode(error) ?? 'error';
    throw new StartupError(`cannot create the data directory ${path} (${code}): set PGLITE_DATA_DIR to a writable folder.`);
  }
}

export interface StartupOptions extends DatabaseOptions {
  /** Create a missing database (when the user may), as `createdb` would. */
  createMissing?: boolean;
  /** Told when a missing database was created. */
  onCreated?: (database: string) => void;
}

/**
 * Opens the configured database, creating it when it is missing and the user may, and applies
 * pending migrations. Any fault an operator can fix becomes a StartupError with one line.
 */
export async function openMigratedDatabase(options: StartupOptions): Promise<DatabaseHandle> {
  const { url } = options;
  if (!url) {
    prepareDataDir(options.pgliteDataDir ?? 'memory://');
    const handle = await openDatabase({ ...options, pgliteMigrated: true }).catch((error: unknown) => {
      if (error instanceof StartupError) throw error;
      throw new StartupError(`cannot open the embedded database at ${options.pgliteDataDir} (${(error as Error).message}).`);
    });
    await migrateDatabase(handle);
    return handle;
  }
  let handle = await openDatabase(options);
  try {
    await handle.withSession(async () => {});
  } catch (error) {
    await handle.close().catch(() => {});
    if (faultCode(error) === '3D000' && options.createMissing && (await createMissingDatabase(url))) {
      options.onCreated?.(describeUrl(url).database);
      handle = await openDatabase(options);
    } else {
      throw new StartupError(explainDatabaseFault(error, url) ?? `cannot connect to Postgres: ${(error as Error).message}`);
    }
  }
  try {
    // A read-only user can serve an up-to-date database: migrate only when something is pending.
    if ((await pendingMigrations(handle)) > 0) await migrateDatabase(handle);
  } catch (error) {
    await handle.close().catch(() => {});
    throw new StartupError(explainDatabaseFault(error, url) ?? `cannot apply migrations: ${(error as Error).message}`);
  }
  return handle;
}
