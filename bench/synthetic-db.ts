/**
 * The synthetic data sets the statistics and write benchmarks run on, kept between runs: a
 * Postgres database or PGlite directory per size, rebuilt only when the generator, its
 * parameters or any migration change (the stamp says which built it).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { generateSynthetic, syntheticDefaults, truncateAll } from '../scripts/synthetic.js';
import { databaseStamp } from './datasets.js';

const root = fileURLToPath(new URL('..', import.meta.url));

function stampOf(casualties: number): string {
  const options = syntheticDefaults(casualties, 1);
  const sources = createHash('sha256').update(readFileSync(path.join(root, 'scripts', 'synthetic.ts')));
  for (const file of readdirSync(path.join(root, 'migrations'))
    .filter((name) => name.endsWith('.sql'))
    .sort()) {
    sources.update(readFileSync(path.join(root, 'migrations', file)));
  }
  return `newsgraph-synthetic ${JSON.stringify({ ...options, generator: sources.digest('hex').slice(0, 16) })}`;
}

async function fill(handle: DatabaseHandle, casualties: number, log: (line: string) => void): Promise<void> {
  await migrateDatabase(handle);
  await truncateAll(handle);
  await generateSynthetic(handle, syntheticDefaults(casualties, 1), (line) => {
    if (!line.includes('source rows')) log(`  ${line}`);
  });
}

/** The Postgres database of this size (`newsgraph_bench_stats_<casualties>`), generated when missing or stale. */
export async function syntheticPostgres(
  casualties: number,
  serverUrl: string,
  log: (line: string) => void,
): Promise<{ database: string; handle: DatabaseHandle }> {
  const database = `newsgraph_bench_stats_${casualties}`;
  const stamp = stampOf(casualties);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const existing = await databaseStamp(admin, database);
    const reuse = existing === stamp;
    // From scratch otherwise: migrations already applied by another version would not be applied again.
    if (existing !== undefined && !reuse) await admin.query(`DROP DATABASE ${database} WITH (FORCE)`);
    if (!reuse) await admin.query(`CREATE DATABASE ${database}`);
    const handle = await openDatabase({ url: url.toString(), poolMax: 4 });
    if (reuse) {
      await migrateDatabase(handle);
      log(`postgres: reusing ${database}`);
    } else {
      log(`postgres: generating ${casualties} casualties into ${database}`);
      await fill(handle, casualties, log);
      await admin.query(`COMMENT ON DATABASE ${database} IS ${admin.escapeLiteral(stamp)}`);
    }
    return { database, handle };
  } finally {
    await admin.end();
  }
}

/** A PGlite directory of this size, kept under the OS temp dir between runs. */
export async function syntheticPglite(casualties: number, log: (line: string) => void): Promise<DatabaseHandle> {
  const dir = path.join(os.tmpdir(), `newsgraph-bench-stats-pglite-${casualties}`);
  const stamp = stampOf(casualties);
  const stampFile = `${dir}.stamp`;
  const fresh = !(existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp);
  if (fresh) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const handle = await openDatabase({ pgliteDataDir: dir });
  if (fresh) {
    log(`pglite: generating ${casualties} casualties into ${dir}`);
    await fill(handle, casualties, log);
    writeFileSync(stampFile, stamp);
  } else {
    await migrateDatabase(handle);
    log(`pglite: reusing ${dir}`);
  }
  return handle;
}
