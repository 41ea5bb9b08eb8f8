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
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../src/config.js';
import { createServer } from '../src/server.js';
import { toGlobalId } from '../src/graphql/common/global-id.js';
import { queryRows } from '../src/db/client.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { syntheticPglite, syntheticPostgres } from './synthetic-db.js';

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
  const handle =
    driver === 'postgres' ? (await syntheticPostgres(casualties, flags['server-url'], log)).handle : await syntheticPglite(casualties, log);
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
