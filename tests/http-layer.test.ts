import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, startTestServer, type TestServer } from './helpers/server.js';

// What the node:http layer does that express and its middleware did before: compressed bodies,
// TRUST_PROXY, HEAD, and JSON for paths that do not exist.
const QUERY = '{ events(first: 1, filter: { kinds: [AIRSTRIKE] }) { nodes { title } } }';
const TITLE = 'U.S. strikes kill 25 militia members';

let t: TestServer;
let base: string;
beforeAll(async () => {
  // Behind one proxy: the client is the address the proxy adds last to X-Forwarded-For.
  t = await startTestServer({ trustProxy: 1, rateLimitRequests: 2, rateLimitWindowSeconds: 60 });
  base = await listen(t.server);
});
afterAll(() => t?.close());

const post = (body: NonNullable<RequestInit['body']>, headers: Record<string, string> = {}) =>
  fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('the node:http layer', () => {
  it('reads a gzip-compressed JSON body', async () => {
    const response = await post(gzipSync(JSON.stringify({ query: QUERY })), {
      'content-encoding': 'gzip',
      'x-forwarded-for': '203.0.113.1',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { events: { nodes: [{ title: TITLE }] } } });
  });

  it('refuses a body in an encoding it cannot read with 415, and a bare JSON string with 400', async () => {
    const encoded = await post(JSON.stringify({ query: QUERY }), { 'content-encoding': 'compress', 'x-forwarded-for': '203.0.113.2' });
    expect(encoded.status).toBe(415);
    expect(((await encoded.json()) as any).errors[0]).toEqual({
      message: 'Unsupported content encoding "compress".',
      extensions: { code: 'BAD_REQUEST' },
    });
    const bare = await post(JSON.stringify('{ __typename }'), { 'x-forwarded-for': '203.0.113.2' });
    expect(bare.status).toBe(400);
    expect(((await bare.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('with TRUST_PROXY=1 counts the rate limit per forwarded client, not per proxy', async () => {
    const as = (client: string) => post(JSON.stringify({ query: QUERY }), { 'x-forwarded-for': client });
    expect((await as('198.51.100.7')).status).toBe(200);
    expect((await as('198.51.100.7')).status).toBe(200);
    expect((await as('198.51.100.7')).status).toBe(429);
    // Another client behind the same proxy has its own budget; a forged left-most entry changes nothing.
    expect((await as('198.51.100.8')).status).toBe(200);
    expect((await as('10.9.9.9, 198.51.100.7')).status).toBe(429);
  });

  it('answers HEAD on the health check without a body, and an unknown path with a JSON 404', async () => {
    const head = await fetch(`${base}/healthz`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const missing = await fetch(`${base}/graphq`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      errors: [
        {
          message: 'Nothing at GET /graphq: the API is POST /graphql; GET / lists the rest.',
          extensions: { code: 'NOT_FOUND' },
        },
      ],
    });
  });
});
