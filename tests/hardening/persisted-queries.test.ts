import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { listen, startTestServer, type TestServer } from '../helpers/server.js';
import { getGraphQL, postGraphQL } from './support/http.js';
import { REDIS_URL, redisNamespace } from './support/redis.js';

const started: TestServer[] = [];
const namespaces: ReturnType<typeof redisNamespace>[] = [];
afterAll(async () => {
  await Promise.all(started.map((server) => server.close()));
  await Promise.all(namespaces.map((namespace) => namespace.cleanup()));
});

async function start(overrides: Partial<Config> = {}): Promise<string> {
  const server = await startTestServer(overrides);
  started.push(server);
  return listen(server.server);
}

/** A query text unique to this run, so no earlier registration can answer for it. */
function uniqueQuery(): { query: string; hash: string } {
  const query = `query Apq${Date.now()}${Math.floor(Math.random() * 1e6)} { events(first: 2) { totalCount nodes { title } } }`;
  return { query, hash: createHash('sha256').update(query).digest('hex') };
}
const persisted = (hash: string) => ({ persistedQuery: { version: 1, sha256Hash: hash } });

describe('automatic persisted queries', () => {
  it('in memory: unknown hash → PERSISTED_QUERY_NOT_FOUND; registered once, then served by hash alone (POST and GET)', async () => {
    const base = await start();
    const { query, hash } = uniqueQuery();
    const miss = await postGraphQL(base, { extensions: persisted(hash) });
    expect(miss.body?.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const register = await postGraphQL(base, { query, extensions: persisted(hash) });
    expect(register.body?.data?.events.nodes).toHaveLength(2);

    const byHash = await postGraphQL(base, { extensions: persisted(hash) });
    expect(byHash.body).toEqual(register.body);
    const byGet = await getGraphQL(base, { extensions: JSON.stringify(persisted(hash)) }, { 'apollo-require-preflight': 'true' });
    expect(byGet.body).toEqual(register.body);
  });

  it('rejects a query whose text does not match its hash', async () => {
    const base = await start();
    const { query } = uniqueQuery();
    const response = await postGraphQL(base, { query, extensions: persisted('0'.repeat(64)) });
    expect(response.status).toBe(400);
    expect(response.body?.errors?.[0]).toEqual({ message: 'provided sha does not match query', extensions: { code: 'BAD_REQUEST' } });
  });

  it('with Redis: a query registered on one instance is served by hash on another', async () => {
    const namespace = redisNamespace();
    namespaces.push(namespace);
    const shared = { redisUrl: REDIS_URL, redisKeyPrefix: namespace.prefix };
    const [a, b] = await Promise.all([start(shared), start(shared)]);
    const { query, hash } = uniqueQuery();
    const registered = await postGraphQL(a, { query, extensions: persisted(hash) });
    expect(registered.body?.data?.events.totalCount).toBeGreaterThan(0);
    // Apollo writes the cache entry without awaiting it; give Redis a moment.
    let byHash = await postGraphQL(b, { extensions: persisted(hash) });
    for (let attempt = 0; attempt < 20 && byHash.body?.errors; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      byHash = await postGraphQL(b, { extensions: persisted(hash) });
    }
    expect(byHash.body).toEqual(registered.body);
  });

  it('without Redis, instances do not share registrations (so the sharing above is Redis)', async () => {
    const [a, b] = await Promise.all([start(), start()]);
    const { query, hash } = uniqueQuery();
    await postGraphQL(a, { query, extensions: persisted(hash) });
    expect((await postGraphQL(b, { extensions: persisted(hash) })).body?.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});
