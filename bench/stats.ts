/**
 * Statistics latency (issue targets: Postgres at 1M casualties, unfiltered COUNTRY × KIND
 * ≤ 200 ms p50, one country or one event ≤ 10 ms p50), on Postgres and on PGlite.
 *
 * Queries go through the real server in-process (parse, validate, execute, SQL), one at a time,
 * so the figures are per-request latencies without HTTP. Data sets come from the synthetic
 * generator and are reused while its parameters and code are unchanged.
 *
 *   npm run bench:stats -- [--casualties 1000000] [--iterations 50] [--drivers postgres,pglite]
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import os from 'node:os';
import pg from 'pg';
import { pino } from 'pino';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.js';
import { openDatabase, queryRows, type DatabaseHandle } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { createServer } from '../src/server.js';
import { toGlobalId } from '../src/graphql/common/global-id.js';
import { generateSynthetic, syntheticDefaults, truncateAll } from '../scripts/synthetic.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: flags } = parseArgs({
  options: {
    casualties: { type: 'string', default: '1000000' },
    iterations: { type: 'string', default: '50' },
    drivers: { type: 'string', default: 'postgres,pglite' },
    'server-url': { type: 'string', default: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    output: { type: 'string', default: 'stats' },
  },
  strict: true,
});
const casualties = Number(flags.casualties);
const iterations = Number(flags.iterations);
const drivers = flags.drivers.split(',') as ('postgres' | 'pglite')[];
const log = (line: string) => console.log(`[bench:stats] ${line}`);

const options = syntheticDefaults(casualties, 1);
// The generator and every migration: a database built by another version of either is rebuilt.
const sources = createHash('sha256').update(readFileSync(path.join(root, 'scripts', 'synthetic.ts')));
for (const file of readdirSync(path.join(root, 'migrations'))
  .filter((name) => name.endsWith('.sql'))
  .sort()) {
  sources.update(readFileSync(path.join(root, 'migrations', file)));
}
const stamp = `newsgraph-synthetic ${JSON.stringify({ ...options, generator: sources.digest('hex').slice(0, 16) })}`;

async function fill(handle: DatabaseHandle): Promise<void> {
  await migrateDatabase(handle);
  await truncateAll(handle);
  await generateSynthetic(handle, options, (line) => {
    if (!line.includes('source rows')) log(`  ${line}`);
  });
}

/** A Postgres database for this size, regenerated only when the generator or its parameters change. */
async function postgresHandle(): Promise<DatabaseHandle> {
  const database = `newsgraph_bench_stats_${casualties}`;
  const url = new URL(flags['server-url']);
  url.pathname = `/${database}`;
  const admin = new pg.Client({ connectionString: flags['server-url'] });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [database],
    );
    const reuse = rows[0]?.comment === stamp;
    // From scratch otherwise: migrations already applied by another version would not be applied again.
    if (rows.length && !reuse) await admin.query(`DROP DATABASE ${database} WITH (FORCE)`);
    if (!reuse) await admin.query(`CREATE DATABASE ${database}`);
    const handle = await openDatabase({ url: url.toString(), poolMax: 4 });
    if (reuse) {
      await migrateDatabase(handle);
      log(`postgres: reusing ${database}`);
    } else {
      log(`postgres: generating ${casualties} casualties into ${database}`);
      await fill(handle);
      await admin.query(`COMMENT ON DATABASE ${database} IS ${admin.escapeLiteral(stamp)}`);
    }
    return handle;
  } finally {
    await admin.end();
  }
}

/** A PGlite directory for this size, kept under the OS temp dir between runs. */
async function pgliteHandle(): Promise<DatabaseHandle> {
  const dir = path.join(os.tmpdir(), `newsgraph-bench-stats-pglite-${casualties}`);
  const stampFile = `${dir}.stamp`;
  const fresh = !(existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp);
  if (fresh) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const handle = await openDatabase({ pgliteDataDir: dir });
  if (fresh) {
    log(`pglite: generating ${casualties} casualties into ${dir}`);
    await fill(handle);
    writeFileSync(stampFile, stamp);
  } else {
    await migrateDatabase(handle);
    log(`pglite: reusing ${dir}`);
  }
  return handle;
}

const STATS = `query Stats($filter: CasualtyFilter, $groupBy: [CasualtyDimension!]) {
  casualtyStats(filter: $filter, groupBy: $groupBy) {
    total { low best high records unknownCount qualifier }
    groups(first: 20) { totalCount nodes { key { country { code } kind } total { low best high } } }
  }
}`;

interface Measurement {
  driver: string;
  query: string;
  rows: number;
  p50: number;
  p95: number;
  mean: number;
}

async function measure(driver: 'postgres' | 'pglite'): Promise<Measurement[]> {
  const handle = driver === 'postgres' ? await postgresHandle() : await pgliteHandle();
  const server = await createServer(
    handle,
    loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', RATE_LIMIT_REQUESTS: '0' }),
    pino({ level: 'silent' }),
  );
  try {
    // The busiest country and event: the slowest single-country and single-event cases.
    const [country] = await queryRows<{ code: string; n: number }>(
      handle.db,
      sql`
      SELECT victim_country_code AS code, count(*)::int AS n FROM casualties WHERE victim_country_code IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
    );
    const [event] = await queryRows<{ id: number; n: number }>(
      handle.db,
      sql`
      SELECT event_id AS id, count(*)::int AS n FROM casualties GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
    );
    const [all] = await queryRows<{ n: number }>(handle.db, sql`SELECT count(*)::int AS n FROM casualties`);
    const cases = [
      { query: 'unfiltered, COUNTRY × KIND', rows: all!.n, variables: { groupBy: ['COUNTRY', 'KIND'] } },
      {
        query: `one country (${country!.code}, the busiest), by KIND`,
        rows: country!.n,
        variables: { filter: { country: country!.code }, groupBy: ['KIND'] },
      },
      {
        query: `one event (the busiest), by KIND`,
        rows: event!.n,
        variables: { filter: { event: toGlobalId('Event', event!.id) }, groupBy: ['KIND'] },
      },
      {
        query: 'one year (2019), COUNTRY × KIND',
        rows: NaN,
        variables: { filter: { occurred: { from: '2019-01-01', to: '2019-12-31' } }, groupBy: ['COUNTRY', 'KIND'] },
      },
    ];
    const results: Measurement[] = [];
    for (const { query, rows, variables } of cases) {
      const run = async () => {
        const response = await server.apollo.executeOperation({ query: STATS, variables }, { contextValue: server.context() });
        if (response.body.kind !== 'single' || response.body.singleResult.errors)
          throw new Error(`${query}: ${JSON.stringify(response.body)}`);
      };
      for (let i = 0; i < Math.min(5, iterations); i++) await run();
      const times: number[] = [];
      for (let i = 0; i < iterations; i++) {
        const started = performance.now();
        await run();
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
      const result = { driver, query, rows, p50: at(0.5), p95: at(0.95), mean: times.reduce((a, b) => a + b, 0) / times.length };
      log(`${driver.padEnd(8)} ${query.padEnd(44)} p50 ${result.p50.toFixed(1)} ms  p95 ${result.p95.toFixed(1)} ms`);
      results.push(result);
    }
    return results;
  } finally {
    await server.stop();
    await handle.close();
  }
}

const started = performance.now();
const measurements: Measurement[] = [];
for (const driver of drivers) measurements.push(...(await measure(driver)));

const lines = [
  '# newsgraph statistics latency',
  '',
  'Generated by `npm run bench:stats` (bench/stats.ts): `casualtyStats` with `total` and the first 20 `groups`, through the',
  'server in-process (no HTTP), one request at a time, after 5 warm-up requests. Absolute numbers depend on the machine.',
  '',
  `- date: ${new Date().toISOString()}`,
  `- casualties: ${casualties.toLocaleString('en-US')} (synthetic, seed 1), ${iterations} measured requests per row`,
  `- targets (Postgres): unfiltered COUNTRY × KIND ≤ 200 ms p50; one country or one event ≤ 10 ms p50`,
  '',
  '| database | query | matching rows | p50 ms | p95 ms | mean ms |',
  '|---|---|---:|---:|---:|---:|',
  ...measurements.map(
    (m) =>
      `| ${m.driver} | ${m.query} | ${Number.isNaN(m.rows) ? '—' : m.rows.toLocaleString('en-US')} | ${m.p50.toFixed(1)} | ${m.p95.toFixed(1)} | ${m.mean.toFixed(1)} |`,
  ),
  '',
];
const resultsDir = path.join(root, 'bench', 'results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(path.join(resultsDir, `${flags.output}.md`), lines.join('\n'));
writeFileSync(path.join(resultsDir, `${flags.output}.json`), `${JSON.stringify({ casualties, iterations, measurements }, null, 2)}\n`);
log(`report: bench/results/${flags.output}.md and .json, ${Math.round((performance.now() - started) / 1000)} s`);
