import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { writeSyntheticGed } from '../../scripts/ged-synthetic.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { createLiveHub, type LiveHub } from '../../src/live/hub.js';
import { createSeededDatabase, type TestDatabase } from '../helpers/database.js';
import { lockTable, waitingStatements } from '../hardening/support/locks.js';
import { REDIS_URL, redisNamespace } from '../hardening/support/redis.js';
import { startServerProcess, type ServerProcess } from '../hardening/support/server-process.js';
import { sql } from 'drizzle-orm';
import { LiveClient, post, REPORT, reportingTargets, reportInput, SECRET, sleep, token } from './support.js';

/*
 * The real server, twice, as separate processes sharing Postgres and Redis: a write on A reaches
 * a subscriber on B within a second, filtered; and SIGTERM sends what is in flight, then closes
 * the sockets with 1001. Runs in the hardening project (real Postgres, spawned processes).
 */
let database: TestDatabase;
const namespace = redisNamespace();
const processes: ServerProcess[] = [];
const clients: LiveClient[] = [];

beforeAll(async () => {
  database = await createSeededDatabase();
});
afterAll(async () => {
  for (const client of clients) client.close();
  for (const server of processes) server.kill();
  await database?.drop();
  await namespace.cleanup();
});

async function spawn(): Promise<ServerProcess> {
  const server = await startServerProcess({
    DATABASE_URL: database.url!,
    REDIS_URL,
    REDIS_KEY_PREFIX: namespace.prefix,
    AUTH_JWT_SECRET: SECRET,
    SEED_ON_START: 'false',
    RATE_LIMIT_REQUESTS: '0',
    SHUTDOWN_GRACE_MS: '15000',
  });
  processes.push(server);
  return server;
}
const connect = async (base: string) => {
  const client = await LiveClient.connect(`${base}/graphql`);
  clients.push(client);
  return client;
};

const CHANGED = `subscription ($filter: CasualtyFilter) { casualtyChanged(filter: $filter) { kind casualty { id figure { best } } } }`;

describe('two server processes sharing Redis', () => {
  it('a mutation on A reaches a subscriber on B within 1 s, and not a subscriber to another country', async () => {
    const [a, b] = await Promise.all([spawn(), spawn()]);
    const subscriber = await connect(b.base);
    subscriber.subscribe('iq', CHANGED, { filter: { country: 'IQ' } });
    subscriber.subscribe('us', CHANGED, { filter: { country: 'US' } });
    await sleep(200);
    const editor = await token({ sub: 'edna', roles: ['EDITOR'] });
    const targets = await reportingTargets(`${a.base}/graphql`, editor);

    const sent = performance.now();
    const reported = await post(`${a.base}/graphql`, REPORT, { input: reportInput(targets, 'IQ', 11) }, editor);
    const answered = performance.now();
    const [result] = await subscriber.waitForResults('iq', 1, 1_000);
    const delivered = performance.now();
    console.info(
      `mutation on A answered after ${Math.round(answered - sent)} ms; subscriber on B had it ${Math.round(delivered - sent)} ms after sending`,
    );
    expect(delivered - answered).toBeLessThan(1_000);
    expect(result.data.casualtyChanged).toEqual({
      kind: 'REPORTED',
      casualty: { id: reported.body.data.casualtyReport.casualty.id, figure: { best: 11 } },
    });
    await sleep(500);
    expect(subscriber.results('us')).toEqual([]);
  });

  it('SIGTERM: a change in flight is still sent, then every socket closes with 1001 and the process exits 0', async () => {
    const server = await spawn();
    const subscriber = await connect(server.base);
    const idle = await connect(server.base);
    subscriber.subscribe('s', CHANGED);
    await sleep(200);
    const [casualty] = await queryRows<{ id: number }>(database.handle.db, sql`SELECT id FROM casualties ORDER BY id LIMIT 1`);
    // Held at its filter check: casualties is locked, so the change is in flight when the signal comes.
    const lock = await lockTable(database.url!, 'casualties');
    const publisher: LiveHub = await createLiveHub({
      redisUrl: REDIS_URL,
      keyPrefix: namespace.prefix,
      logger: pino({ level: 'silent' }),
      listen: false,
    });
    try {
      publisher.publishChange('REVISED', 'Casualty', casualty!.id);
      for (let i = 0; i < 100 && (await waitingStatements(database.url!)) < 1; i++) await sleep(50);
      expect(await waitingStatements(database.url!)).toBeGreaterThan(0);
      server.child.kill('SIGTERM');
      await sleep(300);
      expect(subscriber.results('s')).toEqual([]);
      await lock.release();
      const closed = await subscriber.closed;
      expect(subscriber.results('s').map((r) => r.data.casualtyChanged.kind)).toEqual(['REVISED']);
      expect(closed.code).toBe(1001);
      expect((await idle.closed).code).toBe(1001);
      const exit = await server.exited;
      expect(exit.code).toBe(0);
    } finally {
      await lock.release();
      await publisher.close();
    }
  });

  it('`npm run import` in its own process: a subscriber on a server sees its events and its progress to the end', async () => {
    const server = await spawn();
    const editor = await token({ sub: 'edna', roles: ['EDITOR'] });
    const subscriber = await LiveClient.connect(`${server.base}/graphql`, { authorization: `Bearer ${editor}` });
    clients.push(subscriber);
    subscriber.subscribe('progress', 'subscription { importProgress { rows rejected finished dataset { name } } }');
    subscriber.subscribe('events', 'subscription { eventChanged { kind event { id } } }');
    await sleep(200);
    const file = join(mkdtempSync(join(tmpdir(), 'live-cli-')), 'ged.csv');
    await writeSyntheticGed(file, 300);
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm')).href;
    await promisify(execFile)(process.execPath, ['--import', tsx, join(root, 'src/import/cli.ts'), file], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/root',
        TSX_TSCONFIG_PATH: join(root, 'tsconfig.json'),
        DATABASE_URL: database.url!,
        REDIS_URL,
        REDIS_KEY_PREFIX: namespace.prefix,
      },
    });
    const done = await subscriber.waitFor((m) => m.id === 'progress' && m.payload?.data?.importProgress?.finished === true, 10_000);
    expect(done.payload.data.importProgress).toMatchObject({
      rows: 300,
      rejected: 0,
      finished: true,
      dataset: { name: expect.stringMatching(/UCDP/) },
    });
    const events = await subscriber.waitForResults('events', 300, 10_000);
    expect(new Set(events.map((r) => r.data.eventChanged.event.id)).size).toBe(300);
  });
});
