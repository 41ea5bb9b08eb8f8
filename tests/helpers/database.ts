import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { seedDatabase } from '../../seeds/index.js';

export type TestDriver = 'pglite' | 'postgres';

export const testDriver = (process.env.NEWSGRAPH_TEST_DRIVER ?? 'pglite') as TestDriver;

export interface TestDatabase {
  handle: DatabaseHandle;
  /** Connection URL of the throwaway database (postgres only). */
  url?: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database of the suite's driver: in-memory PGlite, or a new database created on
 * the TEST_DATABASE_URL server (dropped afterwards), so test files never share state. `migrating`:
 * the caller migrates it at once, so a PGlite one may start from the cached migrated cluster.
 */
export async function createEmptyDatabase({ migrating = false } = {}): Promise<TestDatabase> {
  if (testDriver === 'pglite') {
    const handle = await openDatabase({ pgliteDataDir: 'memory://', pgliteMigrated: migrating });
    return { handle, drop: () => handle.close() };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('NEWSGRAPH_TEST_DRIVER=postgres needs TEST_DATABASE_URL');
  const name = `newsgraph_test_${randomBytes(6).toString('hex')}`;
  // No skip on failure: an unreachable server must fail the suite.
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), poolMax: 4 });
  return {
    handle,
    url: url.toString(),
    drop: async () => {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** A migrated database with the seed dataset loaded. */
export async function createSeededDatabase(): Promise<TestDatabase> {
  const database = await createEmptyDatabase({ migrating: true });
  await migrateDatabase(database.handle);
  await seedDatabase(database.handle.db);
  return database;
}
