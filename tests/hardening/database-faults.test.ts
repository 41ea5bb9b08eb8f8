import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { expectedMigrationCount, migrateDatabase } from '../../src/db/migrate.js';
import { createServer, type NewsgraphServer } from '../../src/server.js';
import { createEmptyDatabase, createSeededDatabase, type TestDatabase } from '../helpers/database.js';
import { listen } from '../helpers/server.js';
import { getPath, postGraphQL } from './support/http.js';
import { lockTable } from './support/locks.js';

const config = { ...loadConfig({ NODE_ENV: 'test' }), statementTimeoutMs: 300 };
const MIGRATIONS = expectedMigrationCount(); // entries in migrations/meta/_journal.json
const QUERY = { query: '{ events(first: 3) { totalCount nodes { title } } }' };

let database: TestDatabase;
let handle: DatabaseHandle;
let server: NewsgraphServer;
let base: string;
beforeAll(async () => {
  database = await createSeededDatabase();
  // The server's own pool, opened the way src/index.ts opens it, with a 300 ms statement_timeout.
  handle = await openDatabase({ url: database.url, poolMax: 4, statementTimeoutMs: config.statementTimeoutMs, connectionTimeoutMs: 2_000 });
  server = await createServer(handle, config, pino({ level: 'silent' }));
  base = await listen(server);
});
afterAll(async () => {
  await server?.stop();
  await handle?.close();
  await database?.drop();
});

describe('statement_timeout', () => {
  it('cancels a statement that runs too long and tells the client TIMEOUT, without SQL in the answer', async () => {
    const lock = await lockTable(database.url!, 'events'); // the query now waits on the lock until cancelled
    try {
      const started = performance.now();
      const response = await postGraphQL(base, QUERY);
      const elapsed = performance.now() - started;
      expect(response.status).toBe(200);
      expect(response.body?.data).toBeNull();
      expect(response.body?.errors?.[0]).toEqual({
        message: 'The query took too long and was cancelled. Ask for fewer items or narrow the filter.',
        path: ['events'],
        extensions: { code: 'TIMEOUT' },
      });
      expect(response.text).not.toMatch(/select|from "events"|57014|canceling/i);
      expect(elapsed).toBeGreaterThanOrEqual(250);
      expect(elapsed).toBeLessThan(5_000);
    } finally {
      await lock.release();
    }
    // The pool is healthy afterwards.
    expect((await postGraphQL(base, QUERY)).body?.data?.events.totalCount).toBeGreaterThan(0);
  });
});

describe('/healthz and /readyz', () => {
  it('/healthz says the process is up; /readyz that the database answers and every migration is applied', async () => {
    expect((await getPath(base, '/healthz')).body).toEqual({ status: 'ok' });
    const ready = await getPath(base, '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', ready: true, migrations: { applied: MIGRATIONS, expected: MIGRATIONS } });
  });

  it('/readyz is 503 on a database whose migrations are pending, 200 once applied', async () => {
    const empty = await createEmptyDatabase();
    const pending = await createServer(empty.handle, config, pino({ level: 'silent' }));
    const pendingBase = await listen(pending);
    try {
      const before = await getPath(pendingBase, '/readyz');
      expect(before.status).toBe(503);
      expect(before.body).toEqual({
        status: 'not ready',
        ready: false,
        reason: 'migrations pending',
        migrations: { applied: 0, expected: MIGRATIONS },
      });
      await migrateDatabase(empty.handle);
      expect((await getPath(pendingBase, '/readyz')).status).toBe(200);
    } finally {
      await pending.stop();
      await empty.drop();
    }
  });

  it('/readyz is 503 when the database cannot be reached, while /healthz stays 200', async () => {
    // Nothing listens on port 1: connections are refused at once.
    const unreachable = await openDatabase({ url: 'postgres://postgres@127.0.0.1:1/none', connectionTimeoutMs: 1_000 });
    const orphan = await createServer(unreachable, config, pino({ level: 'silent' }));
    const orphanBase = await listen(orphan);
    try {
      const ready = await getPath(orphanBase, '/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body).toEqual({ status: 'not ready', ready: false, reason: 'database unreachable' });
      expect((await getPath(orphanBase, '/healthz')).status).toBe(200);
      const response = await postGraphQL(orphanBase, QUERY);
      expect(response.body?.errors?.[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');
      expect(response.body?.errors?.[0]?.message).toBe('The database is temporarily unavailable. Retry in a few seconds.');
    } finally {
      await orphan.stop();
      await unreachable.close();
    }
  });
});
