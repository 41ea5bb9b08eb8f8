import { afterAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { listen, startTestServer, type TestServer } from '../helpers/server.js';
import { getPath, postGraphQL } from './support/http.js';
import { REDIS_URL, redisNamespace } from './support/redis.js';

const QUERY = { query: '{ events(first: 1) { totalCount } }' };
const started: TestServer[] = [];
const namespaces: ReturnType<typeof redisNamespace>[] = [];
afterAll(async () => {
  await Promise.all(started.map((server) => server.close()));
  await Promise.all(namespaces.map((namespace) => namespace.cleanup()));
});

async function start(overrides: Partial<Config>): Promise<string> {
  const server = await startTestServer(overrides);
  started.push(server);
  return listen(server.server);
}

describe('per-client rate limit', () => {
  it('in memory: the request over budget gets 429, Retry-After and RATE_LIMITED; health checks are not limited', async () => {
    const base = await start({ rateLimitRequests: 5, rateLimitWindowSeconds: 60 });
    for (let i = 0; i < 5; i++) expect((await postGraphQL(base, QUERY)).status).toBe(200);
    const refused = await postGraphQL(base, QUERY, { accept: 'application/graphql-response+json' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(refused.headers.get('content-type')).toMatch(/application\/graphql-response\+json/);
    expect(refused.body?.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/^Too many requests: at most 5 every 60 s\. Retry in \d+ s\.$/),
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) },
    });
    expect((await getPath(base, '/healthz')).status).toBe(200);
    expect((await getPath(base, '/readyz')).status).toBe(200);
  });

  it('with Redis: two instances share one budget per client', async () => {
    const namespace = redisNamespace();
    namespaces.push(namespace);
    const shared = { rateLimitRequests: 6, rateLimitWindowSeconds: 60, redisUrl: REDIS_URL, redisKeyPrefix: namespace.prefix };
    const [a, b] = await Promise.all([start(shared), start(shared)]);
    // 3 + 3 requests spread over both instances use up the budget of 6 ...
    for (let i = 0; i < 3; i++) {
      expect((await postGraphQL(a, QUERY)).status).toBe(200);
      expect((await postGraphQL(b, QUERY)).status).toBe(200);
    }
    // ... so the 7th is refused whichever instance it reaches.
    const refusedByA = await postGraphQL(a, QUERY);
    const refusedByB = await postGraphQL(b, QUERY);
    expect(refusedByA.status).toBe(429);
    expect(refusedByB.status).toBe(429);
    expect(refusedByB.body?.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    expect(refusedByB.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('without Redis the same two instances count separately (so the sharing above is Redis)', async () => {
    const separate = { rateLimitRequests: 6, rateLimitWindowSeconds: 60 };
    const [a, b] = await Promise.all([start(separate), start(separate)]);
    for (let i = 0; i < 3; i++) {
      expect((await postGraphQL(a, QUERY)).status).toBe(200);
      expect((await postGraphQL(b, QUERY)).status).toBe(200);
    }
    expect((await postGraphQL(a, QUERY)).status).toBe(200);
    expect((await postGraphQL(b, QUERY)).status).toBe(200);
  });
});
