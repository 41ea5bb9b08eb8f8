import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededDatabase, type TestDatabase } from '../helpers/database.js';
import { postGraphQL, sleep, type HttpResult } from './support/http.js';
import { lockTable, waitingStatements } from './support/locks.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

const QUERY = { query: '{ events(first: 5) { totalCount nodes { title } } }' };
const BURST = 16;
const POOL = 8;

let database: TestDatabase;
const processes: ServerProcess[] = [];
beforeAll(async () => {
  database = await createSeededDatabase();
});
afterAll(async () => {
  for (const server of processes) server.kill();
  await database?.drop();
});

async function spawnServer(graceMs: number): Promise<ServerProcess> {
  const server = await startServerProcess({
    DATABASE_URL: database.url!,
    NODE_ENV: 'production',
    SEED_ON_START: 'false',
    SHUTDOWN_GRACE_MS: String(graceMs),
    PG_POOL_MAX: String(POOL),
    RATE_LIMIT_REQUESTS: '0',
  });
  processes.push(server);
  return server;
}

/** Fires the burst while `events` is locked, and waits until the server holds every request. */
async function burstHeldByLock(server: ServerProcess) {
  const lock = await lockTable(database.url!, 'events');
  const outcomes = Array.from({ length: BURST }, () =>
    postGraphQL(server.base, QUERY, {}, 20_000).then(
      (result): HttpResult | Error => result,
      (error: Error) => error,
    ),
  );
  // Every pooled connection is waiting on the lock, the rest of the burst waits for a connection.
  for (let i = 0; i < 100 && (await waitingStatements(database.url!)) < POOL; i++) await sleep(50);
  expect(await waitingStatements(database.url!)).toBe(POOL);
  await sleep(200); // the remaining requests are parsed and queued for a connection
  return { lock, outcomes };
}

describe('graceful shutdown of the real process', () => {
  it('on SIGTERM stops accepting, finishes every request already started, and exits 0', async () => {
    const server = await spawnServer(15_000);
    const { lock, outcomes } = await burstHeldByLock(server);

    const signalledAt = performance.now();
    server.child.kill('SIGTERM');
    await sleep(300);
    // No longer accepting: a new connection is refused while the burst is still in flight.
    const late = await postGraphQL(server.base, QUERY, {}, 2_000).then(
      () => 'answered',
      (error: Error) => String((error.cause as { code?: string } | undefined)?.code ?? error.message),
    );
    expect(late).toBe('ECONNREFUSED');
    expect(server.alive()).toBe(true);

    await lock.release();
    const results = await Promise.all(outcomes);
    const lost = results.filter((r) => r instanceof Error || r.status !== 200 || !r.body?.data?.events);
    const exit = await server.exited;
    console.info(
      `SIGTERM during a burst of ${BURST}: ${BURST - lost.length} answered, ${lost.length} lost; exited ${exit.code} after ${Math.round(exit.at - signalledAt)} ms`,
    );
    expect(lost).toEqual([]);
    expect(exit.code).toBe(0);
    expect(exit.at - signalledAt).toBeLessThan(15_000);
    expect(server.logs.some((r) => r.msg === 'shut down cleanly')).toBe(true);
  });

  it('when requests outlast the grace period, exits anyway (code 1) right after it', async () => {
    const server = await spawnServer(1_500);
    const { lock, outcomes } = await burstHeldByLock(server);
    try {
      const signalledAt = performance.now();
      server.child.kill('SIGTERM');
      const exit = await server.exited;
      const elapsed = exit.at - signalledAt;
      expect(exit.code).toBe(1);
      expect(elapsed).toBeGreaterThanOrEqual(1_400);
      expect(elapsed).toBeLessThan(4_000);
      expect(server.logs.some((r) => r.msg.startsWith('grace period over'))).toBe(true);
    } finally {
      await lock.release();
      await Promise.all(outcomes);
    }
  });
});
