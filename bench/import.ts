/**
 * Import speed (issue 16): N synthetic GED rows (scripts/ged-synthetic.ts) imported by the real
 * importer into a fresh database, timed next to a floor in the same run: COPY of the same file
 * into a plain 49-column text staging table (no parsing into types, no keys, no indexes). Peak
 * RSS is this process's (`process.resourceUsage().maxRSS`), so each driver runs in its own process.
 *
 *   npm run bench:import -- [--driver postgres|pglite] [--rows 1000000] [--batch 1000]
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { importFile, summaryLine } from '../src/import/run.js';
import { GED_COLUMNS } from '../src/import/ucdp-ged/row.js';
import { writeSyntheticGed } from '../scripts/ged-synthetic.js';

const { values: flags } = parseArgs({
  options: {
    driver: { type: 'string' },
    rows: { type: 'string' },
    batch: { type: 'string', default: '1000' },
    'server-url': { type: 'string', default: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
  strict: true,
});

const root = fileURLToPath(new URL('..', import.meta.url));

async function syntheticFile(rows: number): Promise<string> {
  const path = join(tmpdir(), `newsgraph-ged-synthetic-${rows}.csv`);
  if (!existsSync(path)) {
    const started = performance.now();
    await writeSyntheticGed(path, rows);
    console.error(`generated ${rows} rows in ${((performance.now() - started) / 1000).toFixed(1)} s: ${path}`);
  }
  return path;
}

interface Result {
  driver: string;
  rows: number;
  importSeconds: number;
  importRowsPerSecond: number;
  copySeconds: number | null;
  copyRowsPerSecond: number | null;
  ratioToCopy: number | null;
  peakRssMb: number;
  summary: string;
}

async function freshPostgres(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `newsgraph_import_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

const staging = `CREATE TABLE ged_staging (${GED_COLUMNS.map((c) => `"${c}" text`).join(', ')})`;

async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { seconds: (performance.now() - started) / 1000, value };
}

async function run(driver: 'postgres' | 'pglite', rows: number, batchSize: number): Promise<Result> {
  const file = await syntheticFile(rows);
  let handle: DatabaseHandle;
  let drop = async () => {};
  let copySeconds: number | null = null;
  if (driver === 'postgres') {
    const database = await freshPostgres(flags['server-url']);
    drop = database.drop;
    handle = await openDatabase({ url: database.url, poolMax: 2 });
    // The floor: the server reads the same file into untyped columns (server-side COPY, no client round trips).
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(staging);
    copySeconds = (await timed(() => client.query(`COPY ged_staging FROM '${file}' WITH (FORMAT csv, HEADER true)`))).seconds;
    await client.query('DROP TABLE ged_staging');
    await client.end();
  } else {
    handle = await openDatabase({ pgliteDataDir: 'memory://' });
  }
  await migrateDatabase(handle);
  const { seconds, value: summary } = await timed(() =>
    importFile(handle.db, { file, batchSize, rejectsPath: join(tmpdir(), 'bench.rejects.ndjson') }),
  );
  await handle.close();
  await drop();
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  return {
    driver,
    rows,
    importSeconds: Number(seconds.toFixed(1)),
    importRowsPerSecond: Math.round(rows / seconds),
    copySeconds: copySeconds === null ? null : Number(copySeconds.toFixed(2)),
    copyRowsPerSecond: copySeconds === null ? null : Math.round(rows / copySeconds),
    ratioToCopy: copySeconds === null ? null : Number((copySeconds / seconds).toFixed(3)),
    peakRssMb,
    summary: summaryLine(summary),
  };
}

if (flags.driver) {
  const driver = flags.driver as 'postgres' | 'pglite';
  const rows = Number(flags.rows ?? (driver === 'postgres' ? 1_000_000 : 100_000));
  console.log(JSON.stringify(await run(driver, rows, Number(flags.batch))));
} else {
  // Each driver in its own process, so one's memory does not show in the other's peak RSS.
  const results: Result[] = [];
  for (const [driver, rows] of [
    ['postgres', flags.rows ?? '1000000'],
    ['pglite', flags.rows ?? '100000'],
  ] as const) {
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx/esm',
        'bench/import.ts',
        '--driver',
        driver,
        '--rows',
        rows,
        '--batch',
        flags.batch,
        '--server-url',
        flags['server-url'],
      ],
      { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    if (child.status !== 0) throw new Error(`${driver} run failed (${child.status})`);
    const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Result;
    console.log(JSON.stringify(result));
    results.push(result);
  }
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/import.json'), `${JSON.stringify({ date: new Date().toISOString(), results }, null, 2)}\n`);
}
