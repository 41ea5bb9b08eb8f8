/**
 * Live updates (issue 18): S subscribers to `casualtyChanged(filter: { country: IQ })`, on one
 * server process and spread over two sharing Redis; an editor reports a casualty R times (one at
 * a time) on the first. For each report: the time from the mutation being sent, and from its
 * answer (the commit comes just before the answer), to delivery to the LAST subscriber; p50/p99
 * over the reports. Then memory per idle connection: the server's RSS before and after opening S
 * more sockets (acknowledged, one subscription each, nothing happening).
 *
 *   npm run bench:live -- [--subscribers 1000] [--reports 30] [--server-url postgres://…]
 *
 * Servers are real processes (`src/index.ts`) on a fresh Postgres database (seeded at start),
 * Redis at REDIS_URL (default redis://127.0.0.1:6379), ports 4150 and 4151.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import pg from 'pg';
import WebSocket from 'ws';

const { values: flags } = parseArgs({
  options: {
    subscribers: { type: 'string', default: '1000' },
    reports: { type: 'string', default: '30' },
    'server-url': { type: 'string', default: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
    'redis-url': { type: 'string', default: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
  },
  strict: true,
});
const SUBSCRIBERS = Number(flags.subscribers);
const REPORTS = Number(flags.reports);
const root = fileURLToPath(new URL('..', import.meta.url));
const SECRET = randomBytes(32).toString('hex');
const PREFIX = `newsgraph-bench-live-${process.pid}:`;

interface Server {
  child: ChildProcess;
  base: string;
}

async function startServer(port: number, databaseUrl: string): Promise<Server> {
  const preload = join(root, 'bench/gc-on-signal.mjs');
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx/esm', '--import', preload, join(root, 'src/index.ts')], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/root',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      REDIS_URL: flags['redis-url'],
      REDIS_KEY_PREFIX: PREFIX,
      AUTH_JWT_SECRET: SECRET,
      LOG_LEVEL: 'warn',
      SANDBOX: 'false',
      RATE_LIMIT_REQUESTS: '0',
      LIVE_MAX_CONNECTIONS_PER_CLIENT: String(SUBSCRIBERS * 3),
      BENCH_MEMORY_FILE: memoryFile(port),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout?.resume();
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    const up = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { child, base };
    if (child.exitCode !== null) throw new Error(`server on ${port} exited with ${child.exitCode}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server on ${port} did not start`);
}

const memoryFile = (port: number) => join(tmpdir(), `newsgraph-bench-live-memory-${port}.json`);

/** The server's memory after a full collection (bench/gc-on-signal.mjs): RSS, and the live heap with buffers. */
async function memoryOf(server: Server): Promise<{ rssKb: number; liveKb: number }> {
  const file = memoryFile(Number(new URL(server.base).port));
  rmSync(file, { force: true });
  server.child.kill('SIGUSR2');
  for (let i = 0; i < 100 && !existsSync(file); i++) await new Promise((resolve) => setTimeout(resolve, 50));
  const usage = JSON.parse(readFileSync(file, 'utf8')) as NodeJS.MemoryUsage;
  return { rssKb: usage.rss / 1024, liveKb: (usage.heapUsed + usage.external) / 1024 };
}

async function post(base: string, query: string, variables: Record<string, unknown>, bearer?: string) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const SUBSCRIPTION = `subscription { casualtyChanged(filter: { country: "IQ" }) { kind casualty { id figure { best } event { title } } } }`;

/** One subscriber: a socket, acknowledged, with one subscription; `onNext` gets each delivered best figure. */
async function subscriber(base: string, onNext: (best: number) => void, subscribe = true): Promise<WebSocket> {
  const socket = new WebSocket(`${base.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const acked = new Promise<void>((resolve) => {
    socket.on('message', (data) => {
      const message = JSON.parse((data as Buffer).toString('utf8')) as { type: string; payload?: any };
      if (message.type === 'connection_ack') resolve();
      else if (message.type === 'next') onNext(message.payload.data.casualtyChanged.casualty.figure.best as number);
    });
  });
  socket.send(JSON.stringify({ type: 'connection_init', payload: {} }));
  await acked;
  if (subscribe) socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: SUBSCRIPTION } }));
  return socket;
}

async function openMany(count: number, base: (i: number) => string, onNext: (best: number) => void, subscribe = true) {
  const sockets: WebSocket[] = [];
  for (let i = 0; i < count; i += 50) {
    const batch = Array.from({ length: Math.min(50, count - i) }, (_, j) => subscriber(base(i + j), onNext, subscribe));
    sockets.push(...(await Promise.all(batch)));
  }
  return sockets;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

interface Scenario {
  instances: number;
  subscribers: number;
  reports: number;
  fromSentP50: number;
  fromSentP99: number;
  fromAnswerP50: number;
  fromAnswerP99: number;
  mutationP50: number;
}

async function scenario(servers: Server[], editor: string, targets: { source: string; event: string }): Promise<Scenario> {
  const arrivals = new Map<number, number[]>();
  const sockets = await openMany(
    SUBSCRIBERS,
    (i) => servers[i % servers.length]!.base,
    (best) => arrivals.get(best)?.push(performance.now()),
  );
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const fromSent: number[] = [];
  const fromAnswer: number[] = [];
  const mutation: number[] = [];
  for (let r = 0; r < REPORTS; r++) {
    const best = 100_000 + servers.length * 1000 + r;
    arrivals.set(best, []);
    const sent = performance.now();
    await post(
      servers[0]!.base,
      `mutation ($input: CasualtyReportInput!) { casualtyReport(input: $input) { casualty { id } userErrors { code } } }`,
      {
        input: {
          event: targets.event,
          kind: 'KILLED',
          figure: { low: best, best, high: best, qualifier: 'EXACT', wording: `${best} killed` },
          victims: 'bench',
          victimCountry: 'IQ',
          occurredOn: { date: '2020-01-07', precision: 'DAY' },
          citation: { source: targets.source, passage: `${best} killed` },
        },
      },
      editor,
    );
    const answered = performance.now();
    const got = arrivals.get(best)!;
    for (let i = 0; i < 1000 && got.length < SUBSCRIBERS; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    if (got.length < SUBSCRIBERS) throw new Error(`report ${r}: ${got.length} of ${SUBSCRIBERS} subscribers got it within 5 s`);
    const last = Math.max(...got);
    fromSent.push(last - sent);
    fromAnswer.push(last - answered);
    mutation.push(answered - sent);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  for (const socket of sockets) socket.terminate();
  await new Promise((resolve) => setTimeout(resolve, 500));
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    instances: servers.length,
    subscribers: SUBSCRIBERS,
    reports: REPORTS,
    fromSentP50: round(percentile(fromSent, 50)),
    fromSentP99: round(percentile(fromSent, 99)),
    fromAnswerP50: round(percentile(fromAnswer, 50)),
    fromAnswerP99: round(percentile(fromAnswer, 99)),
    mutationP50: round(percentile(mutation, 50)),
  };
}

/**
 * Server RSS growth per socket, measured from a warmed-up server: S sockets acknowledged and idle,
 * then each given one subscription. RSS, not heap: what the operator pays, allocator slack included.
 */
async function idleMemory(server: Server) {
  const settle = () => new Promise((resolve) => setTimeout(resolve, 3000));
  for (const socket of await openMany(
    200,
    () => server.base,
    () => {},
  ))
    socket.terminate(); // warm-up
  await settle();
  const before = await memoryOf(server);
  const sockets = await openMany(
    SUBSCRIBERS,
    () => server.base,
    () => {},
    false,
  );
  await settle();
  const acknowledged = await memoryOf(server);
  for (const socket of sockets) socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: SUBSCRIPTION } }));
  await settle();
  const subscribed = await memoryOf(server);
  for (const socket of sockets) socket.terminate();
  const per = (kb: number) => Math.round((kb / SUBSCRIBERS) * 10) / 10;
  return {
    connections: SUBSCRIBERS,
    perConnectionKb: per(acknowledged.rssKb - before.rssKb),
    perSubscribedConnectionKb: per(subscribed.rssKb - before.rssKb),
    livePerConnectionKb: per(acknowledged.liveKb - before.liveKb),
    livePerSubscribedConnectionKb: per(subscribed.liveKb - before.liveKb),
  };
}

async function main() {
  const name = `newsgraph_bench_live_${process.pid}`;
  const admin = new pg.Client({ connectionString: flags['server-url'] });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(flags['server-url']);
  url.pathname = `/${name}`;
  const servers: Server[] = [];
  try {
    servers.push(await startServer(4150, url.toString())); // migrates and seeds the empty database
    servers.push(await startServer(4151, url.toString()));
    const editor = await new SignJWT({ sub: 'bench', roles: ['EDITOR'], exp: Math.floor(Date.now() / 1000) + 3600 })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(SECRET));
    for (const server of servers) {
      const viewer = await post(server.base, '{ viewer { subject } }', {}, editor);
      if (viewer.viewer?.subject !== 'bench') throw new Error(`${server.base} does not accept the bench's token`);
    }
    const source = await post(
      servers[0]!.base,
      `mutation { sourceCreate(input: { outlet: "Bench", title: "Bench" }) { source { id } } }`,
      {},
      editor,
    );
    const events = await post(servers[0]!.base, '{ events(first: 1) { nodes { id } } }', {});
    const targets = { source: source.sourceCreate.source.id as string, event: events.events.nodes[0].id as string };

    const one = await scenario([servers[0]!], editor, targets);
    console.log(JSON.stringify(one));
    const two = await scenario(servers, editor, targets);
    console.log(JSON.stringify(two));
    const memory = await idleMemory(servers[1]!);
    console.log(JSON.stringify(memory));

    const cpus = (await import('node:os')).cpus();
    const load = (await import('node:os')).loadavg().map((n) => n.toFixed(2));
    const report = { date: new Date().toISOString(), node: process.version, cpus: cpus.length, loadAverage: load, one, two, memory };
    writeFileSync(join(root, 'bench/results/live.json'), `${JSON.stringify(report, null, 2)}\n`);
    const row = (s: Scenario) =>
      `| ${s.instances} | ${s.subscribers} | ${s.reports} | ${s.fromAnswerP50} | ${s.fromAnswerP99} | ${s.fromSentP50} | ` +
      `${s.fromSentP99} | ${s.mutationP50} |`;
    writeFileSync(
      join(root, 'bench/results/live.md'),
      [
        `# Live updates: delivery to the last of ${SUBSCRIBERS} subscribers`,
        '',
        `${report.date}, Node ${report.node}, ${cpus.length} CPUs, load average ${load.join(' / ')} at the end (shared machine).`,
        '',
        '| instances | subscribers | reports | answer → last p50 ms | answer → last p99 ms | sent → last p50 ms | sent → last p99 ms | ' +
          'mutation p50 ms |',
        '|---|---|---|---|---|---|---|---|',
        row(one),
        row(two),
        '',
        `Idle memory per socket (${memory.connections} sockets, each reading after a full garbage collection): ` +
          `server RSS growth ${memory.perConnectionKb} KB per acknowledged socket, ${memory.perSubscribedConnectionKb} KB with ` +
          `one subscription; live heap and buffers ${memory.livePerConnectionKb} and ${memory.livePerSubscribedConnectionKb} KB.`,
        '',
      ].join('\n'),
    );
  } finally {
    for (const server of servers) server.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

await main();
