/**
 * newsgraph's own CPU per operation, without HTTP: each benchmark query is sent to Apollo's
 * `executeHTTPGraphQLRequest` in this process (parsing, validation, limits, graphql-jit,
 * resolvers, SQL through pg, response JSON), many times, 10 at a time, and the process' CPU
 * time is divided by the operations. No load generator shares the machine and no socket to a
 * client is written, so it moves much less between runs than requests/s over HTTP: the measure
 * for changes to resolvers and SQL building. Needs a data set made by `npm run bench`.
 *
 *   npm run bench:in-process                                   # small data set, every query
 *   npm run bench:in-process -- --size large --queries deepPage --operations 20000
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { HeaderMap } from '@apollo/server';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { openDatabase } from '../src/db/client.js';
import { createServer, type NewsgraphServer } from '../src/server.js';
import { benchQueries, type RequestBody } from './queries.js';
import { pickParameters } from './parameters.js';
import { datasets, isSizeName } from './datasets.js';

const { values: flags } = parseArgs({
  options: {
    size: { type: 'string', default: 'small' },
    queries: { type: 'string' },
    operations: { type: 'string', default: '5000' },
    rounds: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '10' },
    output: { type: 'string', default: 'in-process' },
    'server-url': { type: 'string', default: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
  strict: true,
});
const operations = Number(flags.operations);
const rounds = Number(flags.rounds);
const concurrency = Number(flags.concurrency);
if (![operations, rounds, concurrency].every((n) => Number.isInteger(n) && n > 0))
  throw new Error('--operations, --rounds and --concurrency must be positive integers');
const queries = benchQueries.filter((q) => q.requests.newsgraph && (!flags.queries || flags.queries.split(',').includes(q.name)));
if (!queries.length) throw new Error(`--queries must name some of: ${benchQueries.map((q) => q.name).join(', ')}`);

if (!isSizeName(flags.size)) throw new Error(`--size must be one of ${Object.keys(datasets).join(', ')}, got "${flags.size}"`);
// The data set is made by the HTTP benchmark (npm run bench:graphql -- --size <size>), which this reuses.
const { database } = datasets[flags.size];
const url = new URL(flags['server-url']);
url.pathname = `/${database}`;
const config = loadConfig({
  ...process.env,
  DATABASE_URL: url.toString(),
  NODE_ENV: 'production',
  SANDBOX: 'false',
  RATE_LIMIT_REQUESTS: '0',
});
const handle = await openDatabase({ url: config.databaseUrl, poolMax: config.poolMax });
const server = await createServer(handle, config, createLogger('warn'));
const headers = new HeaderMap([['content-type', 'application/json']]);

/** One operation as the express integration would hand it to Apollo; its response body (status checked). */
async function answer(app: NewsgraphServer, body: RequestBody): Promise<string> {
  const response = await app.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: 'POST', headers, search: '', body: { query: body.query, variables: body.variables } },
    context: async () => app.context(),
  });
  if (response.body.kind !== 'complete') throw new Error('unexpected incremental response');
  if ((response.status ?? 200) !== 200) throw new Error(`status ${response.status}: ${response.body.string.slice(0, 600)}`);
  return response.body.string;
}

/** The `data` of a response body, or a thrown error if it carries errors. */
function dataOf(text: string): any {
  const json = JSON.parse(text);
  if (json.errors?.length) throw new Error(JSON.stringify(json.errors).slice(0, 600));
  return json.data;
}

const execute = async (app: NewsgraphServer, body: RequestBody) => dataOf(await answer(app, body));

interface Row {
  query: string;
  cpuMicros: number;
  opsPerSecond: number;
  rounds: number[];
}
const rows: Row[] = [];
try {
  const parameters = await pickParameters(url.toString(), { newsgraph: (body) => execute(server, body) });
  for (const query of queries) {
    const body = query.requests.newsgraph!(parameters);
    // Parsing the answers would be the benchmark's own CPU: during a round only answers that
    // differ from the first are kept (a string comparison), and all are checked after it.
    const run = async (count: number) => {
      let started = 0;
      let first: string | undefined;
      const different: string[] = [];
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (started++ < count) {
            const text = await answer(server, body);
            if (first === undefined) first = text;
            else if (text !== first && different.length < 100) different.push(text);
          }
        }),
      );
      return () => [first!, ...different].forEach(dataOf);
    };
    (await run(Math.min(operations, 2000)))(); // warm-up: compiled queries, prepared statements, JIT
    const measured: { cpu: number; rate: number }[] = [];
    for (let round = 0; round < rounds; round++) {
      const cpuBefore = process.cpuUsage();
      const began = performance.now();
      const check = await run(operations);
      const cpu = process.cpuUsage(cpuBefore);
      check();
      measured.push({ cpu: (cpu.user + cpu.system) / operations, rate: operations / ((performance.now() - began) / 1000) });
    }
    const median = [...measured].sort((a, b) => a.cpu - b.cpu)[Math.floor(measured.length / 2)]!;
    rows.push({ query: query.name, cpuMicros: median.cpu, opsPerSecond: median.rate, rounds: measured.map((m) => Math.round(m.cpu)) });
    console.log(
      `[in-process] ${query.name}: ${Math.round(median.cpu)} µs CPU per operation (rounds ${measured.map((m) => Math.round(m.cpu)).join(', ')}), ${Math.round(median.rate)} operations/s`,
    );
  }
} finally {
  await server.stop();
  await handle.close();
}

const lines = [
  '# newsgraph in-process CPU per operation',
  '',
  `Generated by \`npm run bench:in-process\` (bench/in-process.ts): each query through Apollo's \`executeHTTPGraphQLRequest\` in one process, no HTTP, ${concurrency} at a time; the median of ${rounds} rounds of ${operations} operations after a warm-up. CPU is the whole process' (user + system), Postgres not included.`,
  '',
  `- date: ${new Date().toISOString()}`,
  `- data set: ${database}; node ${process.version}`,
  '',
  '| query | CPU µs per operation | rounds | operations/s |',
  '|---|---:|---|---:|',
  ...rows.map(
    (r) => `| ${r.query} | ${Math.round(r.cpuMicros)} | ${r.rounds.join(', ')} | ${Math.round(r.opsPerSecond).toLocaleString('en-US')} |`,
  ),
  '',
];
const resultsDir = path.join(fileURLToPath(new URL('..', import.meta.url)), 'bench', 'results');
writeFileSync(path.join(resultsDir, `${flags.output}.md`), lines.join('\n'));
console.log(`[in-process] report: bench/results/${flags.output}.md`);
