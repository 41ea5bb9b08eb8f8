/**
 * Editors' writes under load (issue 17), on Postgres with the 1M-casualty data set (a copy, so
 * the statistics benchmark's data stay as generated):
 * - `casualtyReport` over HTTP at c = 10 with a real editor token, next to a floor that writes
 *   the same rows with one hand-written statement (write-floor-server.ts), alternating, same run;
 * - statistics latency (one request at a time) alone, while writes arrive at a steady rate, and
 *   while writes run flat out.
 *
 *   npm run bench:writes -- [--casualties 1000000] [--duration 10] [--rounds 2] [--rate 20]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { SignJWT } from 'jose';
import pg from 'pg';
import { toGlobalId } from '../src/graphql/common/global-id.js';
import { syntheticPostgres } from './synthetic-db.js';
import { freePort } from './ports.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values: flags } = parseArgs({
  options: {
    casualties: { type: 'string', default: '1000000' },
    duration: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '2' },
    connections: { type: 'string', default: '10' },
    rate: { type: 'string', default: '20' },
    'server-url': { type: 'string', default: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    output: { type: 'string', default: 'writes' },
  },
  strict: true,
});
const casualties = Number(flags.casualties);
const duration = Number(flags.duration);
const rounds = Number(flags.rounds);
const connections = Number(flags.connections);
const rate = Number(flags.rate);
const log = (line: string) => console.log(`[bench:writes] ${line}`);
const secret = 'bench-writes-secret-of-at-least-32-bytes';

// A copy of the statistics data set: the writes would otherwise change what bench:stats measures.
const { database: template, handle } = await syntheticPostgres(casualties, flags['server-url'], log);
await handle.close();
const database = `newsgraph_bench_writes_${casualties}`;
const admin = new pg.Client({ connectionString: flags['server-url'] });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${database} TEMPLATE ${template}`);
await admin.end();
const url = new URL(flags['server-url']);
url.pathname = `/${database}`;
const databaseUrl = url.toString();

// What every report cites: a source whose stored text holds the passage, so the verbatim check runs.
const passage = 'at least 12 people were killed in the strike';
const db = new pg.Client({ connectionString: databaseUrl });
await db.connect();
const { rows: setup } = await db.query<{ source: number; event: number; country: string }>(
  `WITH s AS (INSERT INTO sources (outlet, title, full_text) VALUES ('Wire', 'Write benchmark', $1) RETURNING id)
   SELECT (SELECT id FROM s) AS source, (SELECT min(id) FROM events) AS event, (SELECT min(code) FROM countries) AS country`,
  [`Officials said ${passage}, and more were wounded.`],
);
const { source, event, country } = setup[0]!;
const count = async () => Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM casualties')).rows[0]!.n);

const input = (ids: (type: 'Event' | 'Source', id: number) => string | number) => ({
  event: ids('Event', event),
  kind: 'KILLED',
  figure: { low: 12, qualifier: 'AT_LEAST', wording: 'at least 12 people were killed' },
  victims: 'people near the strike',
  victimCountry: country,
  occurredOn: { date: '2020-01-07', precision: 'DAY' },
  citation: { source: ids('Source', source), passage },
});
const REPORT = `mutation ($input: CasualtyReportInput!) { casualtyReport(input: $input) { casualty { id revision } userErrors { code } } }`;
const token = await new SignJWT({ sub: 'bench-editor', roles: ['EDITOR'], exp: Math.floor(Date.now() / 1000) + 3600 })
  .setProtectedHeader({ alg: 'HS256' })
  .sign(new TextEncoder().encode(secret));

interface Server {
  url: string;
  child: ChildProcess;
}

async function start(args: string[], port: number, env: Record<string, string>, urlPath: string): Promise<Server> {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env, DATABASE_URL: databaseUrl, PORT: String(port), PG_POOL_MAX: '10' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const serverUrl = `http://127.0.0.1:${port}${urlPath}`;
  for (const deadline = Date.now() + 90_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
    if (child.exitCode !== null) throw new Error(`${args.at(-1)} exited with ${child.exitCode}`);
    const up = await fetch(serverUrl, { method: 'OPTIONS' }).then(
      () => true,
      () => false,
    );
    if (up) return { url: serverUrl, child };
  }
  throw new Error(`${args.at(-1)} did not start`);
}

const stop = (server: Server) =>
  new Promise<void>((resolve) => {
    server.child.once('exit', () => resolve());
    server.child.kill('SIGTERM');
  });

const newsgraph = await start(
  ['--import', 'tsx/esm', 'src/index.ts'],
  await freePort(),
  {
    // Production refuses a shared HS256 secret (it wants an https JWKS); NODE_ENV changes nothing else
    // on the request path but suggestions, Sandbox and introspection, which are set as in production.
    NODE_ENV: 'development',
    SANDBOX: 'false',
    INTROSPECTION: 'false',
    SEED_ON_START: 'false',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_REQUESTS: '0',
    WRITE_RATE_LIMIT: '0',
    AUTH_JWT_SECRET: secret,
  },
  '/graphql',
);
const floor = await start(['--import', 'tsx/esm', 'bench/write-floor-server.ts'], await freePort(), {}, '/');
// A failed run must not leave the servers behind.
process.on('exit', () => [newsgraph, floor].forEach((server) => server.child.kill('SIGKILL')));

const bodies = {
  newsgraph: JSON.stringify({ query: REPORT, variables: { input: input(toGlobalId) } }),
  floor: JSON.stringify({ input: input((_type, id) => id) }),
};
const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };

// One request of each first: both must write, and newsgraph must accept the input.
const probe = (await (await fetch(newsgraph.url, { method: 'POST', headers, body: bodies.newsgraph })).json()) as any;
if (probe.errors || probe.data?.casualtyReport?.userErrors?.length) throw new Error(`newsgraph refused: ${JSON.stringify(probe)}`);

interface Run {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  written: number;
}

async function writes(server: Server, body: string, seconds: number, overallRate?: number): Promise<Run> {
  const before = await count();
  const result = await autocannon({
    url: server.url,
    method: 'POST',
    headers,
    body,
    connections,
    duration: seconds,
    ...(overallRate ? { overallRate } : {}),
  });
  const written = (await count()) - before;
  if (result.non2xx || result.errors) throw new Error(`${server.url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { requests: result.requests.total, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, written };
}

const results: { peer: 'newsgraph' | 'floor'; round: number; run: Run }[] = [];
for (let round = 1; round <= rounds; round++) {
  for (const peer of ['newsgraph', 'floor'] as const) {
    const run = await writes(peer === 'newsgraph' ? newsgraph : floor, bodies[peer], duration);
    // Every answered request wrote one record (a refused input would not have); requests still in
    // flight when the run ended may write theirs without being counted.
    if (run.written < run.requests) {
      throw new Error(`${peer}: ${run.requests} requests wrote ${run.written} records`);
    }
    log(`${peer.padEnd(9)} round ${round}: ${run.rps.toFixed(0)} writes/s, p50 ${run.p50} ms, p99 ${run.p99} ms`);
    results.push({ peer, round, run });
  }
}

const STATS = `query ($filter: CasualtyFilter, $groupBy: [CasualtyDimension!]) {
  casualtyStats(filter: $filter, groupBy: $groupBy) { total { low best high records } groups(first: 20) { nodes { total { best } } } } }`;
const readCases = [
  { name: 'unfiltered, COUNTRY × KIND (rollup)', variables: { groupBy: ['COUNTRY', 'KIND'] } },
  { name: `one event, by KIND (records)`, variables: { filter: { event: toGlobalId('Event', event) }, groupBy: ['KIND'] } },
];

/** Statistics requests one after another for `seconds`: their latencies' p50 and p95 in ms. */
async function reads(variables: unknown, seconds: number): Promise<{ p50: number; p95: number; n: number }> {
  const times: number[] = [];
  const body = JSON.stringify({ query: STATS, variables });
  for (const end = performance.now() + seconds * 1000; performance.now() < end;) {
    const started = performance.now();
    const answer = (await (
      await fetch(newsgraph.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    ).json()) as any;
    if (answer.errors) throw new Error(JSON.stringify(answer.errors));
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { p50: at(0.5), p95: at(0.95), n: times.length };
}

const readRows: { query: string; mode: string; p50: number; p95: number; n: number }[] = [];
for (const { name, variables } of readCases) {
  await reads(variables, 1);
  for (const [mode, load] of [
    ['alone', undefined],
    [`${rate} writes/s`, rate],
    ['writes flat out (c = 10)', 0],
  ] as const) {
    const background = load === undefined ? undefined : writes(newsgraph, bodies.newsgraph, duration + 1, load || undefined);
    if (background) await new Promise((r) => setTimeout(r, 500));
    const measured = await reads(variables, duration - 1);
    await background;
    log(`reads ${name}, ${mode}: p50 ${measured.p50.toFixed(1)} ms, p95 ${measured.p95.toFixed(1)} ms (${measured.n})`);
    readRows.push({ query: name, mode, ...measured });
  }
}

await Promise.all([stop(newsgraph), stop(floor)]);
await db.end();

const best = (peer: 'newsgraph' | 'floor') => Math.max(...results.filter((r) => r.peer === peer).map((r) => r.run.rps));
const ratio = best('newsgraph') / best('floor');
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const lines = [
  '# Editors’ writes under load',
  '',
  'Generated by `npm run bench:writes` (bench/writes.ts): `casualtyReport` over HTTP with an editor token against a floor',
  'that writes the same rows (citation, casualty; revision, rollup and audit rows by the same triggers) in one hand-written',
  'statement, alternating, and statistics latency with and without writes. Absolute numbers depend on the machine.',
  '',
  `- date: ${new Date().toISOString()}`,
  `- data: a copy of the ${fmt(casualties)}-casualty synthetic set on Postgres; c = ${connections}, ${duration} s per run`,
  `- target: newsgraph ≥ 0.3× the floor's writes/s; statistics reads no more than 10% slower while writes run`,
  '',
  '| server | round | writes/s | p50 ms | p99 ms | records written |',
  '|---|---:|---:|---:|---:|---:|',
  ...results.map(({ peer, round, run }) => `| ${peer} | ${round} | ${fmt(run.rps)} | ${run.p50} | ${run.p99} | ${fmt(run.written)} |`),
  '',
  `newsgraph / floor (best round each): **${ratio.toFixed(2)}×**`,
  '',
  '| statistics query | writes | p50 ms | p95 ms | requests |',
  '|---|---|---:|---:|---:|',
  ...readRows.map((r) => `| ${r.query} | ${r.mode} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.n} |`),
  '',
];
const resultsDir = path.join(root, 'bench', 'results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(path.join(resultsDir, `${flags.output}.md`), lines.join('\n'));
writeFileSync(path.join(resultsDir, `${flags.output}.json`), `${JSON.stringify({ casualties, results, ratio, readRows }, null, 2)}\n`);
log(`newsgraph / floor ${ratio.toFixed(2)}×; report: bench/results/${flags.output}.md`);
