import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { afterAll, describe, expect, it } from 'vitest';
import { baseClusterFile, createPglite } from '../../src/db/pglite-base.js';

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
    await (await createPglite('memory://', { extensions: { pg_trgm } })).close();
    expect(existsSync(baseClusterFile)).toBe(true);
    const fromCache = await createPglite('memory://', { extensions: { pg_trgm } });
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
    const first = await createPglite(dataDir, { extensions: { pg_trgm } });
    await first.exec("CREATE TABLE t (x text); INSERT INTO t VALUES ('kept')");
    await first.close();
    expect(readdirSync(dataDir)).toContain('PG_VERSION');
    const again = await createPglite(dataDir, { extensions: { pg_trgm } });
    expect((await again.query('SELECT x FROM t')).rows).toEqual([{ x: 'kept' }]);
    await again.close();
  });
});
