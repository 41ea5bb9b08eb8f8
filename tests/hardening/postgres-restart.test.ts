import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPath, postGraphQL, sleep, type HttpResult } from './support/http.js';
import { createThrowawayCluster, type ThrowawayCluster } from './support/pg-cluster.js';
import { startServerProcess, type ServerProcess } from './support/server-process.js';

const QUERY = { query: '{ events(first: 2) { totalCount nodes { title } } }' };
const OUTAGE_MS = 2_000;
const MAX_REQUESTS = 300; // the request loop is bounded whatever happens

let cluster: ThrowawayCluster;
let server: ServerProcess;
beforeAll(async () => {
  // A private cluster: restarting the shared one on 5432 would break everyone else's tests.
  cluster = await createThrowawayCluster();
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query('CREATE DATABASE newsgraph');
  await admin.end();
  server = await startServerProcess({
    DATABASE_URL: cluster.url.replace(/\/postgres$/, '/newsgraph'),
    NODE_ENV: 'production',
    SEED_ON_START: 'true',
    PG_CONNECTION_TIMEOUT_MS: '1000',
    RATE_LIMIT_REQUESTS: '0',
  });
}, 120_000);
afterAll(async () => {
  server?.kill();
  await cluster?.destroy();
});

interface Sample {
  at: number;
  end: number;
  result: HttpResult | Error;
}

describe('Postgres restarts under load', () => {
  it('keeps the process up, fails requests cleanly during the outage, and answers again within 5 s', async () => {
    expect((await postGraphQL(server.base, QUERY)).body?.data?.events.totalCount).toBeGreaterThan(0);

    // Steady traffic: one request every 50 ms, each with its own timeout.
    const samples: Sample[] = [];
    let trafficOn = true;
    const traffic = (async () => {
      for (let i = 0; i < MAX_REQUESTS && trafficOn; i++) {
        const at = performance.now();
        const result = await postGraphQL(server.base, QUERY, {}, 5_000).catch((error: Error) => error);
        samples.push({ at, end: performance.now(), result });
        await sleep(50);
      }
    })();

    await sleep(500);
    await cluster.stop(); // fast shutdown: every server connection is terminated
    const downAt = performance.now();
    await sleep(OUTAGE_MS / 2);
    const readyDuringOutage = await getPath(server.base, '/readyz');
    const healthDuringOutage = await getPath(server.base, '/healthz');
    await sleep(OUTAGE_MS / 2);
    const restartingAt = performance.now();
    await cluster.start(); // returns once Postgres accepts connections
    const upAt = performance.now();

    // Wait (bounded) for the first success after Postgres is back.
    let recoveredAt: number | undefined;
    for (let waited = 0; waited < 10_000 && recoveredAt === undefined; waited += 50) {
      recoveredAt = samples.find((s) => s.at >= upAt && !(s.result instanceof Error) && s.result.body?.data?.events)?.at;
      if (recoveredAt === undefined) await sleep(50);
    }
    await sleep(500);
    trafficOn = false;
    await traffic;

    const recoveryMs = recoveredAt === undefined ? Infinity : Math.round(recoveredAt - upAt);
    // Requests that ran wholly while Postgres was down (pg_ctl may accept connections before it returns).
    const during = samples.filter((s) => s.at > downAt && s.end < restartingAt);
    console.info(
      `Postgres restart: ${samples.length} requests, ${during.length} during a ${OUTAGE_MS} ms outage, answering again ${recoveryMs} ms after Postgres was back`,
    );

    // The process never went down, and HTTP kept answering throughout.
    expect(server.alive()).toBe(true);
    expect(samples.filter((s) => s.result instanceof Error)).toEqual([]);
    expect(healthDuringOutage.status).toBe(200);
    expect(readyDuringOutage.status).toBe(503);
    expect(readyDuringOutage.body).toMatchObject({ reason: 'database unreachable' });

    // Requests during the outage failed cleanly: a GraphQL error with a stable code, no internals.
    expect(during.length).toBeGreaterThan(5);
    for (const { result } of during) {
      const response = result as HttpResult;
      expect(response.status).toBe(200);
      expect(response.body?.errors?.map((e) => e.extensions?.code)).toEqual(['DATABASE_UNAVAILABLE']);
      expect(response.text).not.toMatch(/ECONNREFUSED|terminat|select|stack/i);
    }

    // Around the edges of the outage too: every answer is data or DATABASE_UNAVAILABLE, never an internal error.
    for (const { result } of samples) {
      const response = result as HttpResult;
      if (!response.body?.data?.events) expect(response.body?.errors?.map((e) => e.extensions?.code)).toEqual(['DATABASE_UNAVAILABLE']);
    }

    // Answering again within 5 s of Postgres' return, and ready again.
    expect(recoveryMs).toBeLessThan(5_000);
    expect(samples.at(-1)!.result).toMatchObject({ status: 200 });
    expect((await getPath(server.base, '/readyz')).status).toBe(200);
  }, 60_000);
});
