import { SignJWT } from 'jose';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { authConfig } from '../../src/config.js';
import { queryRows } from '../../src/db/client.js';
import { listen, startTestServer, type TestServer } from '../helpers/server.js';

/* The per-editor write budget: counted per token subject, refused with 429 before any SQL. */
const secret = 'write-limit-test-secret-of-32-bytes!';
let t: TestServer;
let url: string;
const token = (sub: string) =>
  new SignJWT({ sub, roles: ['EDITOR'], exp: Math.floor(Date.now() / 1000) + 600 })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(new TextEncoder().encode(secret));

beforeAll(async () => {
  t = await startTestServer({ auth: authConfig({ AUTH_JWT_SECRET: secret }, false), writeRateLimit: 3, writeRateLimitWindowSeconds: 60 });
  url = `${await listen(t.server)}/graphql`;
});
afterAll(() => t?.close());

const CREATE = `mutation ($input: SourceCreateInput!) { sourceCreate(input: $input) { source { title } userErrors { code } } }`;
async function create(bearer: string, title: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ query: CREATE, variables: { input: { outlet: 'Wire', title } } }),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as any };
}
const stored = async (title: string) =>
  (await queryRows<{ n: number }>(t.database.handle.db, sql`SELECT count(*)::int AS n FROM sources WHERE title = ${title}`))[0]!.n;

it('lets an editor make WRITE_RATE_LIMIT mutations per window, then answers 429 RATE_LIMITED and writes nothing', async () => {
  const edna = await token('edna');
  for (let n = 1; n <= 3; n++) {
    const answer = await create(edna, `Limit test ${n}`);
    expect([answer.status, answer.body.data.sourceCreate.source.title]).toEqual([200, `Limit test ${n}`]);
  }
  const refused = await create(edna, 'Limit test 4');
  expect(refused.status).toBe(429);
  expect(refused.body.data).toBeNull();
  expect(refused.body.errors[0].extensions.code).toBe('RATE_LIMITED');
  const retryAfter = refused.body.errors[0].extensions.retryAfterSeconds;
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(refused.retryAfter).toBe(String(retryAfter));
  expect(refused.body.errors[0].message).toMatch(/at most 3 mutations every 60 s per editor/);
  expect(await stored('Limit test 4')).toBe(0);
  expect(await stored('Limit test 3')).toBe(1);
});

it('counts each editor on their own, and never limits reading', async () => {
  const bob = await token('bob');
  const answer = await create(bob, 'Limit test by bob');
  expect([answer.status, answer.body.data.sourceCreate.source.title]).toEqual([200, 'Limit test by bob']);
  const edna = await token('edna');
  const read = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${edna}` },
    body: JSON.stringify({ query: '{ viewer { subject } }' }),
  });
  expect([read.status, ((await read.json()) as any).data.viewer.subject]).toEqual([200, 'edna']);
});
