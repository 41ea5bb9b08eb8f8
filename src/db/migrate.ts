import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { sql } from 'drizzle-orm';
import { queryRows, type DatabaseHandle } from './client.js';
import { packageRoot } from '../paths.js';

// From the package root, so the compiled server (dist/src/db/) finds the same folder.
export const migrationsFolder = path.join(packageRoot, 'migrations');

/** How many migrations migrations/meta/_journal.json lists, i.e. how many a ready database has applied. */
export function expectedMigrationCount(): number {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as { entries: unknown[] };
  return journal.entries.length;
}

/**
 * How many migrations the database has not applied yet: drizzle records each applied one in
 * drizzle.__drizzle_migrations (absent before the first run).
 */
export async function pendingMigrations(handle: DatabaseHandle): Promise<number> {
  const [table] = await queryRows<{ present: boolean }>(
    handle.db,
    sql`SELECT to_regclass('drizzle.__drizzle_migrations') IS NOT NULL AS present`,
  );
  if (!table?.present) return expectedMigrationCount();
  const [counted] = await queryRows<{ applied: number }>(handle.db, sql`SELECT count(*)::int AS applied FROM drizzle.__drizzle_migrations`);
  return Math.max(0, expectedMigrationCount() - (counted?.applied ?? 0));
}

const pgliteMigrations = new WeakMap<DatabaseHandle, Promise<void>>();

/** Arbitrary constant naming newsgraph's migration lock among the server's advisory locks. */
const MIGRATION_LOCK_KEY = 7_301_965_112;

/**
 * Applies every pending migration in `migrations/` (the same files on both drivers). On Postgres
 * the run holds an advisory lock, so instances starting together apply each migration once:
 * the second waits, then finds nothing left to do.
 */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.driver === 'pglite') {
    // One connection, shared: concurrent runs would interleave their transactions, so queue them.
    const previous = pgliteMigrations.get(handle) ?? Promise.resolve();
    const run = previous
      .catch(() => {})
      .then(() => migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder }))
      .then(() => handle.migrated?.());
    pgliteMigrations.set(handle, run);
    return run;
  }
  await handle.withSession(async (db) => {
    await db.execute(sql`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      await migratePg(db as unknown as NodePgDatabase, { migrationsFolder });
    } finally {
      await db.execute(sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    }
  });
}

// `npm run db:migrate`
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { loadConfig } = await import('../config.js');
  const { openMigratedDatabase } = await import('./startup.js');
  const { startupFailureLine } = await import('../startup-error.js');
  try {
    const config = loadConfig();
    // Migrations may rewrite large tables: no statement_timeout here.
    const handle = await openMigratedDatabase({
      url: config.databaseUrl,
      pgliteDataDir: config.pgliteDataDir,
      connectionTimeoutMs: config.connectionTimeoutMs,
      createMissing: true,
    });
    await handle.close();
    console.log(`migrations applied (${handle.driver})`);
  } catch (error) {
    console.error(startupFailureLine(error));
    process.exit(1);
  }
}
