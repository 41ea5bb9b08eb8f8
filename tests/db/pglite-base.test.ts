import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type DatabaseHandle } from '../../src/db/client.js';
import { migrateDatabase, pendingMigrations } from '../../src/db/migrate.js';
import { baseClusterFile, createPglite, migratedClusterFile } from '../../src/db/pglite-base.js';

/** New PGlite databases start from the cached initdb cluster: the same cluster initdb makes. */
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const describeCluster = async (client: PGlite) =>
  (
    await client.query<{ setting: string }>(
      `SELECT string_agg(name || '=' || setting, ',' ORDER BY name) AS setting FROM pg_settings
       WHERE name IN ('server_version', 'server_encoding', 'lc_collate', 'lc_ctype', 'data_checksums')`,
    )
  ).rows[0]!.setting;

describe('PGlite base cluster', () => {
  it('is cached after the first new database, and a database made from it equals one made by initdb', async () => {
    await (await createPglite('memory://', { extensions: { pg_trgm } })).client.close();
    expect(existsSync(baseClusterFile)).toBe(true);
    const { client: fromCache } = await createPglite('memory://', { extensions: { pg_trgm } });
    const fromInitdb = await PGlite.create('memory://', { extensions: { pg_trgm } });
    expect(await describeCluster(fromCache)).toBe(await describeCluster(fromInitdb));
    const databases = "SELECT string_agg(datname, ',' ORDER BY datname) AS setting FROM pg_database";
    expect((await fromCache.query(databases)).rows).toEqual((await fromInitdb.query(databases)).rows);
    await fromCache.exec("CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE TABLE t (x text); INSERT INTO t VALUES ('kept')");
    expect((await fromCache.query<{ s: boolean }>("SELECT similarity('Kataib', 'Kataeb') > 0 AS s")).rows[0]!.s).toBe(true);
    await Promise.all([fromCache.close(), fromInitdb.close()]);
  });

  it('fills a new data directory (parents made by the caller), which then reopens with its data', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'newsgraph-pglite-'));
    dirs.push(parent);
    const dataDir = join(parent, 'pglite');
    const { client: first } = await createPglite(dataDir, { extensions: { pg_trgm } });
    await first.exec("CREATE TABLE t (x text); INSERT INTO t VALUES ('kept')");
    await first.close();
    expect(readdirSync(dataDir)).toContain('PG_VERSION');
    const { client: again, startedFrom } = await createPglite(dataDir, { extensions: { pg_trgm } }, { migrated: true });
    expect(startedFrom).toBe('existing'); // a directory with a cluster is opened as it is, never replaced
    expect((await again.query('SELECT x FROM t')).rows).toEqual([{ x: 'kept' }]);
    await again.close();
  });
});

/** Every table, column, index, constraint, trigger and function the migrations made, as text. */
async function describeSchema(handle: DatabaseHandle): Promise<string> {
  const [row] = await queryRows<{ schema: string }>(
    handle.db,
    sql`SELECT concat_ws(E'\n',
          (SELECT string_agg(table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, ''),
                             E'\n' ORDER BY table_name, column_name)
             FROM information_schema.columns WHERE table_schema = 'public'),
          (SELECT string_agg(indexdef, E'\n' ORDER BY indexdef) FROM pg_indexes WHERE schemaname = 'public'),
          (SELECT string_agg(conname || ' ' || pg_get_constraintdef(oid), E'\n' ORDER BY conname)
             FROM pg_constraint WHERE connamespace = 'public'::regnamespace),
          (SELECT string_agg(tgname || ' ' || pg_get_triggerdef(oid), E'\n' ORDER BY tgname) FROM pg_trigger WHERE NOT tgisinternal),
          (SELECT string_agg(proname || ' ' || md5(prosrc), E'\n' ORDER BY proname, md5(prosrc))
             FROM pg_proc WHERE pronamespace = 'public'::regnamespace),
          (SELECT string_agg(hash || ' ' || created_at, E'\n' ORDER BY created_at) FROM drizzle.__drizzle_migrations)
        ) AS schema`,
  );
  return row!.schema;
}

describe('PGlite migrated cluster', () => {
  it('is kept after a new database is migrated, and a database started from it equals one migrated from scratch', async () => {
    const first = await openDatabase({ pgliteDataDir: 'memory://', pgliteMigrated: true });
    await migrateDatabase(first);
    expect(existsSync(migratedClusterFile())).toBe(true);

    const fromCache = await openDatabase({ pgliteDataDir: 'memory://', pgliteMigrated: true });
    expect(await pendingMigrations(fromCache)).toBe(0);
    await migrateDatabase(fromCache); // nothing left to do: no statement changes the schema
    const fromScratch = await openDatabase({ pgliteDataDir: 'memory://' });
    expect(await pendingMigrations(fromScratch)).toBeGreaterThan(10);
    await migrateDatabase(fromScratch);
    const described = await describeSchema(fromScratch);
    expect(described.split('\n').length).toBeGreaterThan(300);
    expect(await describeSchema(fromCache)).toBe(described);
    await Promise.all([first.close(), fromCache.close(), fromScratch.close()]);
  });
});
