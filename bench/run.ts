/**
 * newsgraph vs PostGraphile v5 vs the hand-written SQL floor, on the same Postgres database and
 * data, in one run (issue 6). Absolute numbers depend on the machine; the ratios are the result.
 *
 *   npm run bench                       # small (≈1k events) and large (≈100k events, 1M casualties)
 *   npm run bench:graphql -- --size small --duration 5 --rounds 2 --connections 1,10
 *   npm run bench:smoke                 # tiny data, 1 s per measurement, c=1: checks it all still works
 *   npm run bench:graphql -- --size small --profile --queries nestedList   # CPU-profiles newsgraph, lists hot functions
 *
 * The load generator (autocannon) runs in this process; each peer is a child process with a
 * preload that counts the SQL statements it sends (bench/count-statements.mjs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDatabase } from '../src/db/client.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { generateSynthetic, syntheticDefaults, truncateAll, type SyntheticOptions } from '../scripts/synthetic.js';
import {
  allPeerNames,
  benchQueries,
  peerNames,
  type BenchQuery,
  type PeerName,
  type QueryParameters,
  type RequestBody,
} from './queries.js';
import { summariseCpuProfile } from './profile.js';
import { pickParameters } from './parameters.js';
import { databaseStamp, datasets, isSizeName, type SizeName } from './datasets.js';
import { freePort } from './ports.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const resultsDir = path.join(root, 'bench', 'results');

// ---------------------------------------------------------------- options

const { values: flags } = parseArgs({
  options: {
    size: { type: 'string', default: 'both' },
    duration: { type: 'string', default: '4' },
    rounds: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '2' },
    connections: { type: 'string', default: '1,10,50' },
    smoke: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    queries: { type: 'string' },
    seed: { type: 'string', default: '1' },
    'server-url': { type: 'string', default: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
  strict: true,
});

const smoke = flags.smoke;
const runSizes: SizeName[] = smoke ? ['smoke'] : flags.size === 'both' ? ['small', 'large'] : [flags.size as SizeName];
if (!runSizes.every(isSizeName)) throw new Error(`--size must be small, large or both, got "${flags.size}"`);
const duration = smoke ? 1 : Number(flags.duration);
// Each cell is measured in several short rounds, peers taking turns, and the median round is
// reported: on a shared 2-core machine one long run per peer lets a noisy minute favour one peer.
const rounds = smoke ? 1 : Number(flags.rounds);
const warmup = smoke ? 0 : Number(flags.warmup);
const connectionsList = smoke ? [1] : flags.connections.split(',').map(Number);
const seed = Number(flags.seed);
const serverUrl = flags['server-url'];
const selectedQueries = flags.queries ? benchQueries.filter((q) => flags.queries!.split(',').includes(q.name)) : benchQueries;
if (!selectedQueries.length) throw new Error(`--queries must name some of: ${benchQueries.map((q) => q.name).join(', ')}`);
if (!(duration > 0) || !Number.isInteger(rounds) || rounds < 1 || connectionsList.some((c) => !Number.isInteger(c) || c < 1))
  throw new Error('bad --duration, --rounds or --connections');

const log = (line: string) => console.log(`[bench] ${line}`);

// ---------------------------------------------------------------- data sets

function databaseUrl(database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Creates (or reuses) the data set's database. Its parameters and a digest of the generator are
 * kept in the database comment, so a rerun with the same ones (and the same migrations) skips generation.
 */
async function ensureDataset(size: SizeName): Promise<{ url: string; options: SyntheticOptions }> {
  const { casualties, database } = datasets[size];
  const options = syntheticDefaults(casualties, seed);
  // The generator and every migration: a database built by another version of either is rebuilt.
  const hash = createHash('sha256').update(readFileSync(path.join(root, 'scripts', 'synthetic.ts')));
  const migrations = path.join(root, 'migrations');
  for (const file of readdirSync(migrations)
    .filter((name) => name.endsWith('.sql'))
    .sort())
    hash.update(readFileSync(path.join(migrations, file)));
  const generator = hash.digest('hex').slice(0, 16);
  const stamp = `newsgraph-synthetic ${JSON.stringify({ ...options, generator })}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const existing = await databaseStamp(admin, database);
    const url = databaseUrl(database);
    if (existing === stamp) {
      log(`${size}: reusing database ${database} (same generator parameters)`);
      return { url, options };
    }
    // From scratch: migrations already applied by another version would not be applied again.
    if (existing !== undefined) await admin.query(`DROP DATABASE ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database}`);
    log(`${size}: generating ${casualties} casualties into ${database}`);
    const handle = await openDatabase({ url, poolMax: 2 });
    try {
      await migrateDatabase(handle);
      await truncateAll(handle);
      await generateSynthetic(handle, options, (line) => {
        if (!line.includes('source rows')) log(`  ${line}`);
      });
    } finally {
      await handle.close();
    }
    await admin.query(`COMMENT ON DATABASE ${database} IS ${admin.escapeLiteral(stamp)}`);
    return { url, options };
  } finally {
    await admin.end();
  }
}

// ---------------------------------------------------------------- peers

interface Peer {
  name: PeerName;
  url: string;
  process: ChildProcess;
  output: string[];
  /** Statements sent so far and CPU time used so far (µs), read from the peer process. */
  counters(): Promise<PeerCounters>;
  stop(): Promise<void>;
}

interface PeerCounters {
  statements: number;
  cpuMicros: number;
}

/** CPU time all cores of the machine have spent busy so far, in µs (Postgres and the load generator included). */
function machineCpuMicros(): number {
  return os.cpus().reduce((sum, cpu) => sum + (cpu.times.user + cpu.times.nice + cpu.times.sys + cpu.times.irq) * 1000, 0);
}

const clockTicks = 100; // USER_HZ: /proc reports CPU times in 1/100 s on every Linux this runs on

/**
 * CPU time used so far by the Postgres server on this machine, in µs, read from /proc: every
 * live Postgres process (backends, walwriter, checkpointer…) plus the postmaster's reaped
 * children, so a parallel worker that exits mid-round still counts. Undefined where /proc cannot
 * be read (not Linux, or a Postgres on another machine). Across one peer's round, it is what that
 * peer's SQL cost the database.
 */
function postgresCpuMicros(): number | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  const processes = new Map<number, { parent: number; ticks: number; reapedTicks: number }>();
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid … utime stime cutime cstime: comm may hold spaces, so count from its ')'.
      const close = stat.lastIndexOf(')');
      if (stat.slice(stat.indexOf('(') + 1, close) !== 'postgres') continue;
      const fields = stat
        .slice(close + 2)
        .split(' ')
        .map(Number);
      processes.set(Number(entry), { parent: fields[1]!, ticks: fields[11]! + fields[12]!, reapedTicks: fields[13]! + fields[14]! });
    } catch {
      // the process ended between listing and reading
    }
  }
  if (!processes.size) return undefined;
  let ticks = 0;
  for (const process of processes.values()) {
    ticks += process.ticks;
    // The postmaster (its parent is not Postgres) reaps every backend and worker that exits.
    if (!processes.has(process.parent)) ticks += process.reapedTicks;
  }
  return (ticks * 1_000_000) / clockTicks;
}

// Profiles are megabytes: kept out of bench/results (which is committed).
const profileDir = path.join(os.tmpdir(), 'newsgraph-bench-profiles');

async function startPeer(name: PeerName, database: string): Promise<Peer> {
  const port = await freePort();
  const counter = ['--import', './bench/count-statements.mjs'];
  const newsgraphEnv = {
    NODE_ENV: 'production',
    SANDBOX: 'false',
    SEED_ON_START: 'false',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_REQUESTS: '0',
  };
  const commands: Record<PeerName, { args: string[]; env: Record<string, string>; path: string }> = {
    // Production mode as deployed; per-request info logs and the per-IP rate limit are off so
    // the run measures query serving (PostGraphile and the floor do neither).
    newsgraph: {
      args: ['--import', 'tsx/esm', ...counter, ...(flags.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), 'src/index.ts'],
      env: newsgraphEnv,
      path: '/graphql',
    },
    // The same server on its former HTTP layer (express 5), for the HTTP layer's A/B.
    newsgraphExpress: {
      args: ['--import', 'tsx/esm', ...counter, 'bench/newsgraph-express-server.ts'],
      env: newsgraphEnv,
      path: '/graphql',
    },
    postgraphile: {
      args: ['--import', './bench/polyfill.mjs', '--import', 'tsx/esm', ...counter, 'bench/postgraphile-server.ts'],
      env: { NODE_ENV: 'production' },
      path: '/graphql',
    },
    floor: { args: ['--import', 'tsx/esm', ...counter, 'bench/floor-server.ts'], env: { NODE_ENV: 'production' }, path: '/' },
    apollo: { args: ['--import', 'tsx/esm', ...counter, 'bench/apollo-bare-server.ts'], env: { NODE_ENV: 'production' }, path: '/graphql' },
  };
  const command = commands[name];
  const child = spawn(process.execPath, command.args, {
    cwd: root,
    env: { ...process.env, ...command.env, DATABASE_URL: databaseUrl(database), PORT: String(port), PG_POOL_MAX: '10' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    output.splice(0, Math.max(0, output.length - 40));
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}${command.path}`;
  const peer: Peer = {
    name,
    url,
    process: child,
    output,
    counters: () =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${name} did not report its counters`)), 5000);
        const onMessage = (message: { type?: string; statements?: number; cpuMicros?: number }) => {
          if (message?.type !== 'counters') return;
          clearTimeout(timer);
          child.off('message', onMessage);
          resolve({ statements: Number(message.statements), cpuMicros: Number(message.cpuMicros) });
        };
        child.on('message', onMessage);
        child.send({ type: 'counters' });
      }),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
  // Ready when it answers a request (newsgraph also runs migrations first).
  const probe: RequestBody = name === 'floor' ? { query: 'nodeLookup', variables: { id: 1 } } : { query: '{ __typename }', variables: {} };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output.join('\n')}`);
    try {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(probe) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${name} did not become ready:\n${output.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return peer;
}

async function post(peer: Peer, body: RequestBody): Promise<any> {
  const response = await fetch(peer.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${peer.name}: HTTP ${response.status}, not JSON: ${text.slice(0, 300)}`);
  }
  if (!response.ok || json.errors?.length || json.error) {
    throw new Error(`${peer.name}: HTTP ${response.status}: ${JSON.stringify(json.errors ?? json.error ?? json).slice(0, 600)}`);
  }
  return json.data;
}

// ---------------------------------------------------------------- measurement

interface Measurement {
  query: string;
  peer: PeerName;
  connections: number;
  requestsPerSecond: number;
  /** autocannon reports latency percentiles in whole milliseconds; the mean keeps the fraction. */
  mean: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  statementsPerRequest: number;
  /** CPU time per request of the peer's process, in µs. */
  serverCpuPerRequest: number;
  /** CPU time per request of the whole machine (peer, Postgres, load generator), in µs. */
  machineCpuPerRequest: number;
  /** CPU time per request of the Postgres server's processes, in µs (absent when Postgres is not local). */
  postgresCpuPerRequest?: number;
  /** Requests/s of every round; the fields above are the median round's. */
  rounds: number[];
}

interface SizeReport {
  size: SizeName;
  database: string;
  generator: SyntheticOptions;
  rowCounts: Record<string, number>;
  parameters: QueryParameters;
  checks: { query: string; peer: PeerName; equal: boolean | null; note?: string }[];
  statements: { query: string; peer: PeerName; perRequest: number }[];
  measurements: Measurement[];
  skipped: { query: string; reason: string }[];
  profile?: ReturnType<typeof summariseCpuProfile> & { file: string };
}

async function load(peer: Peer, body: RequestBody, connections: number, seconds: number) {
  return autocannon({
    url: peer.url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    connections,
    duration: seconds,
    pipelining: 1,
  });
}

/** Exact statements per request: a few sequential requests between two counter readings. */
async function statementsPerRequest(peer: Peer, body: RequestBody, requests: number): Promise<number> {
  const before = await peer.counters();
  for (let i = 0; i < requests; i++) await post(peer, body);
  return ((await peer.counters()).statements - before.statements) / requests;
}

function firstDifference(a: unknown, b: unknown, at = '$'): string {
  if (isDeepStrictEqual(a, b)) return '';
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
    return `${at}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const difference = firstDifference((a as any)[key], (b as any)[key], `${at}.${key}`);
    if (difference) return difference;
  }
  return `${at}: differs`;
}

async function runSize(size: SizeName): Promise<SizeReport> {
  const { url, options } = await ensureDataset(size);
  const database = datasets[size].database;
  const rowCounts: Record<string, number> = {};
  {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    for (const table of ['events', 'casualties', 'actors', 'quotes', 'reactions', 'deployments', 'event_actors', 'countries']) {
      rowCounts[table] = Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    }
    await client.end();
  }
  log(
    `${size}: ${Object.entries(rowCounts)
      .map(([t, n]) => `${t} ${n}`)
      .join(', ')}`,
  );
  if (flags.profile) rmSync(profileDir, { recursive: true, force: true });

  log(`${size}: starting peers`);
  const started = await Promise.allSettled(allPeerNames.map((name) => startPeer(name, database)));
  const peers = Object.fromEntries(started.flatMap((s) => (s.status === 'fulfilled' ? [[s.value.name, s.value]] : []))) as Record<
    PeerName,
    Peer
  >;
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  const report: SizeReport = {
    size,
    database,
    generator: options,
    rowCounts,
    parameters: undefined as never,
    checks: [],
    statements: [],
    measurements: [],
    skipped: [],
  };
  try {
    if (failed) throw failed.reason;
    report.parameters = await pickParameters(url, {
      newsgraph: (body) => post(peers.newsgraph, body),
      postgraphile: (body) => post(peers.postgraphile, body),
    });
    log(
      `${size}: parameters ${JSON.stringify({ ...report.parameters, deepPage: { kind: report.parameters.deepPage.kind, page: report.parameters.deepPage.page } })}`,
    );

    // Same data from every peer, or the query is not timed.
    const runnable: { query: BenchQuery; peers: PeerName[] }[] = [];
    for (const query of selectedQueries) {
      const names = allPeerNames.filter((name) => query.requests[name]);
      const answers = new Map<PeerName, unknown>();
      const ok: PeerName[] = [];
      for (const name of names) {
        try {
          const data = await post(peers[name], query.requests[name]!(report.parameters));
          const canonical = query.canonical?.[name];
          if (query.canonical && !canonical) throw new Error(`no canonical form of ${name}'s answer`);
          answers.set(name, canonical ? canonical(data) : data);
          ok.push(name);
        } catch (error) {
          const note = error instanceof Error ? error.message : String(error);
          report.checks.push({ query: query.name, peer: name, equal: false, note });
          log(`${size}: ${query.name} × ${name}: FAILED ${note}`);
        }
      }
      if (!query.canonical) {
        if (ok.length) runnable.push({ query, peers: ok });
        else report.skipped.push({ query: query.name, reason: 'the newsgraph request failed (see checks)' });
        continue;
      }
      const reference = answers.get('floor');
      const timed: PeerName[] = [];
      for (const name of ok) {
        const difference = reference === undefined ? 'no floor answer' : firstDifference(answers.get(name), reference);
        report.checks.push({ query: query.name, peer: name, equal: !difference, ...(difference ? { note: difference } : {}) });
        if (difference) log(`${size}: ${query.name} × ${name}: DIFFERENT from the floor at ${difference.slice(0, 400)}`);
        else timed.push(name);
      }
      log(`${size}: ${query.name}: ${timed.length}/${names.length} peers return the same data`);
      if (timed.length) runnable.push({ query, peers: timed });
    }

    for (const { query, peers: names } of runnable) {
      for (const name of names) {
        const perRequest = await statementsPerRequest(peers[name], query.requests[name]!(report.parameters), smoke ? 1 : 3);
        report.statements.push({ query: query.name, peer: name, perRequest });
      }
    }

    const total = runnable.reduce((n, r) => n + r.peers.length, 0) * connectionsList.length;
    let done = 0;
    for (const { query, peers: names } of runnable) {
      if (warmup > 0) {
        for (const name of names) await load(peers[name], query.requests[name]!(report.parameters), 10, warmup);
      }
      for (const connections of connectionsList) {
        // Peers take turns within each round, so drift hits them alike.
        const byPeer = new Map<PeerName, Measurement[]>(names.map((name) => [name, []]));
        for (let round = 0; round < rounds; round++) {
          for (const name of names) {
            const body = query.requests[name]!(report.parameters);
            const before = await peers[name].counters();
            const machineBefore = machineCpuMicros();
            const postgresBefore = postgresCpuMicros();
            const result = await load(peers[name], body, connections, duration);
            const machine = machineCpuMicros() - machineBefore;
            const postgresAfter = postgresCpuMicros();
            const postgres = postgresBefore === undefined || postgresAfter === undefined ? undefined : postgresAfter - postgresBefore;
            const after = await peers[name].counters();
            const requests = result.requests.total;
            byPeer.get(name)!.push({
              query: query.name,
              peer: name,
              connections,
              requestsPerSecond: requests / result.duration,
              mean: result.latency.average,
              p50: result.latency.p50,
              p99: result.latency.p99,
              requests,
              non2xx: result.non2xx,
              errors: result.errors,
              statementsPerRequest: requests ? (after.statements - before.statements) / requests : 0,
              serverCpuPerRequest: requests ? (after.cpuMicros - before.cpuMicros) / requests : 0,
              machineCpuPerRequest: requests ? machine / requests : 0,
              ...(postgres !== undefined && requests ? { postgresCpuPerRequest: postgres / requests } : {}),
              rounds: [],
            });
          }
        }
        for (const name of names) {
          const all = byPeer.get(name)!;
          const median = [...all].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond)[Math.floor(all.length / 2)]!;
          // Per round, Postgres' CPU is read in 10 ms ticks shared with background work: the median of the rounds is steadier.
          const postgres = all
            .flatMap((m) => (m.postgresCpuPerRequest === undefined ? [] : [m.postgresCpuPerRequest]))
            .sort((a, b) => a - b);
          const measurement: Measurement = {
            ...median,
            ...(postgres.length === all.length ? { postgresCpuPerRequest: postgres[Math.floor(postgres.length / 2)] } : {}),
            non2xx: all.reduce((n, m) => n + m.non2xx, 0),
            errors: all.reduce((n, m) => n + m.errors, 0),
            rounds: all.map((m) => Math.round(m.requestsPerSecond)),
          };
          report.measurements.push(measurement);
          done++;
          log(
            `${size} [${done}/${total}] ${query.name} × ${name} c=${connections}: ${measurement.requestsPerSecond.toFixed(0)} req/s (rounds ${measurement.rounds.join(', ')}), ` +
              `p50 ${measurement.p50} ms, p99 ${measurement.p99} ms, CPU per request ${measurement.serverCpuPerRequest.toFixed(0)} µs (machine ${measurement.machineCpuPerRequest.toFixed(0)} µs)${measurement.non2xx || measurement.errors ? `, ${measurement.non2xx} non-2xx, ${measurement.errors} errors` : ''}`,
          );
        }
      }
    }
  } finally {
    await Promise.all(Object.values(peers).map((peer) => peer.stop()));
  }
  if (flags.profile) {
    // The main thread's profile is the largest (module-loader worker threads write their own).
    const file = readdirSync(profileDir)
      .filter((f) => f.endsWith('.cpuprofile'))
      .sort((a, b) => statSync(path.join(profileDir, b)).size - statSync(path.join(profileDir, a)).size)[0];
    if (file) report.profile = { file: path.join(profileDir, file), ...summariseCpuProfile(path.join(profileDir, file)) };
  }
  return report;
}

// ---------------------------------------------------------------- report

const fmt = (n: number | undefined, digits = 0) =>
  n === undefined || Number.isNaN(n) ? '–' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const peerTitle: Record<PeerName, string> = {
  newsgraph: 'newsgraph',
  postgraphile: 'PostGraphile 5',
  floor: 'floor (SQL)',
  apollo: 'bare Apollo',
  newsgraphExpress: 'newsgraph on express 5',
};

function markdown(reports: SizeReport[], environment: Record<string, string>): string {
  const lines: string[] = [];
  lines.push('# newsgraph benchmark', '');
  lines.push(
    `Generated by \`npm run bench${smoke ? ':smoke' : ''}\` (bench/run.ts). Absolute numbers depend on the machine; compare the ratios.`,
    '',
  );
  for (const [key, value] of Object.entries(environment)) lines.push(`- ${key}: ${value}`);
  lines.push(
    `- per measurement: the median of ${rounds} rounds of ${duration} s (peers take turns in each round) after ${warmup} s warm-up, autocannon in the orchestrator process, peers as child processes, pool of 10 connections each`,
  );
  lines.push(
    '- newsgraph runs with NODE_ENV=production, SANDBOX=false, LOG_LEVEL=warn, RATE_LIMIT_REQUESTS=0 (no per-request log line, no rate limit)',
  );
  lines.push("- ratios are requests/s of newsgraph divided by the peer's (> 1: newsgraph is faster)", '');
  for (const report of reports) {
    const m = (query: string, peer: PeerName, c: number) =>
      report.measurements.find((x) => x.query === query && x.peer === peer && x.connections === c);
    lines.push(
      `## ${report.size}: ${fmt(report.rowCounts.events)} events, ${fmt(report.rowCounts.casualties)} casualties (database ${report.database})`,
      '',
    );
    lines.push(
      `Rows: ${Object.entries(report.rowCounts)
        .map(([t, n]) => `${t} ${fmt(n)}`)
        .join(', ')}. Generator: \`${JSON.stringify(report.generator)}\`.`,
      '',
    );
    if (report.parameters) {
      const p = report.parameters;
      lines.push(
        `Parameters: node lookup event ${p.nodeEventId}; reactions of event ${p.reactionsEventId}; deep page ${p.deepPage.page + 1} of ${p.deepPage.kind} events (after row ${p.deepPage.page * p.pageSize}); stats country ${p.statsCountry}, stats event ${p.statsEventId}.`,
        '',
      );
    }
    const shared = benchQueries.filter((q) => q.canonical && !q.breadth);
    const breadth = benchQueries.filter((q) => q.breadth);
    lines.push('### Requests per second', '', 'Median round, with the lowest and highest round in brackets.', '');
    lines.push('| query | c | newsgraph | PostGraphile 5 | floor (SQL) | newsgraph / PostGraphile | newsgraph / floor |');
    lines.push('|---|---:|---:|---:|---:|---:|---:|');
    for (const query of shared) {
      for (const c of connectionsList) {
        const [n, p, f] = peerNames.map((peer) => m(query.name, peer, c));
        if (!n && !p && !f) continue;
        // The median round, then the spread of all rounds.
        const rps = (x?: Measurement) =>
          x
            ? `${fmt(x.requestsPerSecond)}${x.rounds.length > 1 ? ` (${fmt(Math.min(...x.rounds))}–${fmt(Math.max(...x.rounds))})` : ''}`
            : '–';
        const ratio = (a?: Measurement, b?: Measurement) => (a && b ? `${fmt(a.requestsPerSecond / b.requestsPerSecond, 2)}×` : '–');
        lines.push(`| ${query.name} | ${c} | ${rps(n)} | ${rps(p)} | ${rps(f)} | ${ratio(n, p)} | ${ratio(n, f)} |`);
      }
    }
    lines.push('', '### Latency mean / p50 / p99 (ms)', '');
    lines.push('| query | c | newsgraph | PostGraphile 5 | floor (SQL) |');
    lines.push('|---|---:|---:|---:|---:|');
    for (const query of shared) {
      for (const c of connectionsList) {
        const cells = peerNames
          .map((peer) => m(query.name, peer, c))
          .map((x) => (x ? `${fmt(x.mean, 1)} / ${fmt(x.p50)} / ${fmt(x.p99)}` : '–'));
        if (cells.every((cell) => cell === '–')) continue;
        lines.push(`| ${query.name} | ${c} | ${cells.join(' | ')} |`);
      }
    }
    lines.push('', "### CPU time per request (µs): the peer's process / Postgres / the whole machine", '');
    lines.push(
      "The peer's process and the whole machine are of the median round; Postgres (every Postgres server process, read from /proc) is the median over the rounds. Postgres is what the peer's SQL cost the database. The whole machine also includes the load generator (autocannon, in the orchestrator). Less noisy than requests/s on a shared machine, where CPU steal moves throughput more than work.",
      '',
    );
    lines.push('| query | c | newsgraph | PostGraphile 5 | floor (SQL) |');
    lines.push('|---|---:|---:|---:|---:|');
    for (const query of benchQueries) {
      for (const c of connectionsList) {
        const cells = peerNames
          .map((peer) => m(query.name, peer, c))
          .map((x) =>
            x
              ? `${fmt(x.serverCpuPerRequest)} / ${x.postgresCpuPerRequest === undefined ? '–' : fmt(x.postgresCpuPerRequest)} / ${fmt(x.machineCpuPerRequest)}`
              : '–',
          );
        if (cells.every((cell) => cell === '–')) continue;
        lines.push(`| ${query.name} | ${c} | ${cells.join(' | ')} |`);
      }
    }
    lines.push('', '### SQL statements per request', '');
    lines.push(
      "Counted in each peer process by wrapping pg's `Client#query` (pg_stat_statements is not loaded on the server); measured over sequential requests.",
      '',
    );
    lines.push('| query | newsgraph | PostGraphile 5 | floor (SQL) |');
    lines.push('|---|---:|---:|---:|');
    for (const query of benchQueries) {
      const cells = peerNames
        .map((peer) => report.statements.find((s) => s.query === query.name && s.peer === peer))
        .map((s) => (s ? fmt(s.perRequest, 1) : '–'));
      if (cells.every((cell) => cell === '–')) continue;
      lines.push(`| ${query.name} | ${cells.join(' | ')} |`);
    }
    if (connectionsList.includes(10)) {
      lines.push('', '### Targets (c = 10)', '');
      lines.push(
        "The last column is not one of the targets: it compares what the SQL alone costs Postgres (CPU per request, floor / newsgraph; ≥ 0.5 means newsgraph's statements cost at most twice the hand-written ones), to tell the database's share of a gap from the server's.",
        '',
      );
      lines.push(
        '| query | newsgraph / PostGraphile ≥ 1.3 | newsgraph / floor ≥ 0.5 | p99 (ms), newsgraph ≤ PostGraphile | statements = 1 | SQL cost, floor / newsgraph |',
      );
      lines.push('|---|---|---|---|---|---|');
      const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');
      for (const query of shared) {
        const [n, p, f] = peerNames.map((peer) => m(query.name, peer, 10));
        const statements = report.statements.find((x) => x.query === query.name && x.peer === 'newsgraph')?.perRequest;
        if (!n) continue;
        const cell = (other: Measurement | undefined, target: number) => {
          if (!other) return '–';
          const ratio = n.requestsPerSecond / other.requestsPerSecond;
          return `${fmt(ratio, 2)}×: ${verdict(ratio >= target)}`;
        };
        const sqlCost =
          n.postgresCpuPerRequest && f?.postgresCpuPerRequest !== undefined
            ? `${fmt(f.postgresCpuPerRequest / n.postgresCpuPerRequest, 2)}×`
            : '–';
        const p99 = p ? `${fmt(n.p99)} / ${fmt(p.p99)}: ${verdict(n.p99 <= p.p99)}` : '–';
        lines.push(
          `| ${query.name} | ${cell(p, 1.3)} | ${cell(f, 0.5)} | ${p99} | ${statements === undefined ? '–' : `${fmt(statements, 1)}: ${verdict(statements <= 1)}`} | ${sqlCost} |`,
        );
      }
    }
    if (breadth.some((q) => report.measurements.some((x) => x.query === q.name))) {
      lines.push('', '### Breadth: shapes beyond the events-centred four', '');
      lines.push(
        "Root connections with their to-one relations, a to-many relation under a lookup and a filtered list, each checked equal to PostGraphile's and the floor's answers before timing. Target at c = 10: newsgraph ≥ 1.0× PostGraphile.",
        '',
      );
      for (const query of breadth) lines.push(`- ${query.name}: ${query.description}`);
      lines.push('');
      lines.push(
        '| query | c | newsgraph | PostGraphile 5 | floor (SQL) | newsgraph / PostGraphile | newsgraph / floor | p99 ms (ng / PG) | statements (ng / PG) | CPU µs in the process (ng / PG) |',
      );
      lines.push('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
      for (const query of breadth) {
        for (const c of connectionsList) {
          const [n, p, f] = peerNames.map((peer) => m(query.name, peer, c));
          if (!n) continue;
          const rps = (x?: Measurement) => (x ? fmt(x.requestsPerSecond) : '–');
          const ratio = (b?: Measurement) => (b ? `${fmt(n.requestsPerSecond / b.requestsPerSecond, 2)}×` : '–');
          const st = (peer: PeerName) => fmt(report.statements.find((x) => x.query === query.name && x.peer === peer)?.perRequest, 1);
          const mark = c === 10 && p ? (n.requestsPerSecond >= p.requestsPerSecond ? ' (met)' : ' (**not met**)') : '';
          lines.push(
            `| ${query.name} | ${c} | ${rps(n)} | ${rps(p)} | ${rps(f)} | ${ratio(p)}${mark} | ${ratio(f)} | ${fmt(n.p99)} / ${p ? fmt(p.p99) : '–'} | ${st('newsgraph')} / ${st('postgraphile')} | ${fmt(n.serverCpuPerRequest)} / ${p ? fmt(p.serverCpuPerRequest) : '–'} |`,
          );
        }
      }
    }
    const layer = benchQueries.filter((q) => report.measurements.some((x) => x.query === q.name && x.peer === 'newsgraphExpress'));
    if (layer.length) {
      lines.push('', '### HTTP layer: node:http against express 5', '');
      lines.push(
        "The same newsgraph (schema, Apollo Server 5, plugins, limits, context) behind its HTTP layer on plain `node:http` (src/http/graphql-handler.ts, through Apollo's `executeHTTPGraphQLRequest`) and behind its former layer: express 5, `@as-integrations/express5`, the `cors` package and express.json (bench/newsgraph-express-server.ts).",
        '',
      );
      lines.push(
        '| query | c | node:http | express 5 | node:http / express | p99 ms (node:http / express) | CPU µs per request in the process (node:http / express) |',
      );
      lines.push('|---|---:|---:|---:|---:|---:|---:|');
      for (const query of layer) {
        for (const c of connectionsList) {
          const n = m(query.name, 'newsgraph', c);
          const e = m(query.name, 'newsgraphExpress', c);
          if (!n || !e) continue;
          lines.push(
            `| ${query.name} | ${c} | ${fmt(n.requestsPerSecond)} | ${fmt(e.requestsPerSecond)} | ${fmt(n.requestsPerSecond / e.requestsPerSecond, 2)}× | ${fmt(n.p99)} / ${fmt(e.p99)} | ${fmt(n.serverCpuPerRequest)} / ${fmt(e.serverCpuPerRequest)} |`,
          );
        }
      }
    }
    const reference = benchQueries.find((q) => q.stackReference);
    const stackC = connectionsList.includes(10) ? 10 : connectionsList[0]!;
    if (reference && report.measurements.some((x) => x.query === reference.name)) {
      lines.push('', `### What the servers cost before reading data (c = ${stackC})`, '');
      lines.push(
        `The query: ${reference.description}. Bare Apollo is Apollo Server 5 on newsgraph's node:http integration with its defaults and no plugins (bench/apollo-bare-server.ts; its schema has two fields, ok and the floor field of the next section): the least any server on newsgraph's stack spends on a request.`,
        '',
      );
      lines.push('| server | requests/s | CPU per request in its process (µs) |');
      lines.push('|---|---:|---:|');
      for (const peer of ['apollo', 'newsgraph', 'newsgraphExpress', 'postgraphile'] as const) {
        const x = m(reference.name, peer, stackC);
        if (x) lines.push(`| ${peerTitle[peer]} | ${fmt(x.requestsPerSecond)} | ${fmt(x.serverCpuPerRequest)} |`);
      }
      const empty = m(reference.name, 'newsgraph', stackC);
      const bare = m(reference.name, 'apollo', stackC);
      if (empty) {
        lines.push(
          '',
          "A query that reads data runs no faster than the empty request, so the empty request's rate over the floor's is the most any query could reach on the floor target:",
          '',
        );
        lines.push(
          "| query | floor requests/s | bare Apollo's empty request / floor | newsgraph's empty request / floor | newsgraph / floor |",
        );
        lines.push('|---|---:|---:|---:|---:|');
        for (const query of shared) {
          const floor = m(query.name, 'floor', stackC);
          const served = m(query.name, 'newsgraph', stackC);
          if (!floor) continue;
          const over = (x?: Measurement) => (x ? `${fmt(x.requestsPerSecond / floor.requestsPerSecond, 2)}×` : '–');
          lines.push(`| ${query.name} | ${fmt(floor.requestsPerSecond)} | ${over(bare)} | ${over(empty)} | ${over(served)} |`);
        }
      }
    }
    const throughStack = shared.filter((q) => report.measurements.some((x) => x.query === q.name && x.peer === 'apollo'));
    if (throughStack.length) {
      lines.push('', "### The floor's SQL on newsgraph's stack", '');
      lines.push(
        "Bare Apollo on node:http (bench/apollo-bare-server.ts) answering each query with the floor's statement, through one field `floor(query, variables): JSON` whose value is the statement's JSON, parsed: the hand-written SQL served by the stack newsgraph is built on, with no schema of the data to resolve. newsgraph over it is how close newsgraph comes to the best this stack can do with the best SQL.",
        '',
      );
      lines.push(
        '| query | c | floor (SQL) | floor SQL on bare Apollo | newsgraph | newsgraph / floor SQL on bare Apollo | CPU per request in the process (µs): floor / on bare Apollo / newsgraph |',
      );
      lines.push('|---|---:|---:|---:|---:|---:|---:|');
      for (const query of throughStack) {
        for (const c of connectionsList) {
          const [f, a, n] = (['floor', 'apollo', 'newsgraph'] as const).map((peer) => m(query.name, peer, c));
          if (!a) continue;
          const rate = (x?: Measurement) => (x ? fmt(x.requestsPerSecond) : '–');
          const cpu = (x?: Measurement) => (x ? fmt(x.serverCpuPerRequest) : '–');
          const ratio = n ? `${fmt(n.requestsPerSecond / a.requestsPerSecond, 2)}×` : '–';
          lines.push(`| ${query.name} | ${c} | ${rate(f)} | ${rate(a)} | ${rate(n)} | ${ratio} | ${cpu(f)} / ${cpu(a)} / ${cpu(n)} |`);
        }
      }
    }
    const only = benchQueries.filter((q) => !q.canonical && !q.stackReference);
    if (only.some((q) => report.measurements.some((x) => x.query === q.name))) {
      lines.push('', '### newsgraph only: casualty statistics', '');
      lines.push('| query | c | requests/s | mean ms | p50 ms | p99 ms |');
      lines.push('|---|---:|---:|---:|---:|---:|');
      for (const query of only) {
        for (const c of connectionsList) {
          const x = m(query.name, 'newsgraph', c);
          if (x) lines.push(`| ${query.name} | ${c} | ${fmt(x.requestsPerSecond)} | ${fmt(x.mean, 1)} | ${fmt(x.p50)} | ${fmt(x.p99)} |`);
        }
      }
    }
    const problems = report.checks.filter((c) => !c.equal);
    lines.push('', '### Checks', '');
    lines.push(
      problems.length
        ? problems.map((c) => `- ${c.query} × ${c.peer}: ${c.note}`).join('\n')
        : `- every peer returned the same data (normalised) as the floor for ${shared.length + breadth.length} shared queries (${shared.length} + ${breadth.length} breadth shapes)`,
    );
    for (const skipped of report.skipped) lines.push(`- skipped ${skipped.query}: ${skipped.reason}`);
    const troubled = report.measurements.filter((x) => x.non2xx || x.errors);
    for (const x of troubled)
      lines.push(`- ${x.query} × ${x.peer} c=${x.connections}: ${x.non2xx} non-2xx responses, ${x.errors} connection errors`);
    if (report.profile) {
      lines.push('', `### newsgraph CPU profile (${report.profile.file}, whole run)`, '');
      lines.push(
        `newsgraph was busy in ${fmt(report.profile.busyPercent, 1)}% of the samples (it idles while the other peers are measured); percentages below are of its busy samples.`,
        '',
      );
      lines.push(
        "Where the time goes, per layer of the request's path (self time; a native function such as JSON.parse or a socket write counts for its JavaScript caller):",
        '',
        '| layer | % of busy samples |',
        '|---|---:|',
      );
      for (const l of report.profile.layers) lines.push(`| ${l.layer} | ${fmt(l.selfPercent, 1)} |`);
      lines.push('');
      lines.push('| self % | function | location |', '|---:|---|---|');
      for (const f of report.profile.functions) lines.push(`| ${fmt(f.selfPercent, 1)} | ${f.function} | ${f.location} |`);
      lines.push('', '| on the stack % | package or source file |', '|---:|---|');
      for (const p of report.profile.packages) lines.push(`| ${fmt(p.inclusivePercent, 1)} | ${p.name} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

async function environment(): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  const version = (await client.query('SHOW server_version')).rows[0].server_version as string;
  await client.end();
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    machine: `${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    postgres: version,
    postgraphile: JSON.parse(readFileSync(path.join(root, 'bench', 'node_modules', 'postgraphile', 'package.json'), 'utf8')).version,
  };
}

// ---------------------------------------------------------------- main

const startedAt = performance.now();
const env = await environment();
const reports: SizeReport[] = [];
for (const size of runSizes) reports.push(await runSize(size));
mkdirSync(resultsDir, { recursive: true });
const output = { environment: env, settings: { duration, rounds, warmup, connections: connectionsList }, reports };
const text = markdown(reports, env);
// Smoke, profiled or partial runs are not results: they get their own file and leave latest.* alone.
const partial = smoke || flags.profile || Boolean(flags.queries);
const label = smoke ? 'smoke' : `${runSizes.join('-')}${flags.profile ? '-profile' : ''}${flags.queries ? '-partial' : ''}`;
for (const name of partial ? [label] : [label, 'latest']) {
  writeFileSync(path.join(resultsDir, `${name}.md`), text);
  writeFileSync(path.join(resultsDir, `${name}.json`), `${JSON.stringify(output, null, 2)}\n`);
}
console.log(`\n${text}`);
log(
  `report: bench/results/${label}.md and .json${partial ? '' : ' (also latest.*)'}, ${((performance.now() - startedAt) / 1000).toFixed(0)} s`,
);
const failures = reports.flatMap((r) => r.checks.filter((c) => !c.equal));
if (failures.length) {
  log(`${failures.length} check(s) failed`);
  process.exitCode = 1;
}
