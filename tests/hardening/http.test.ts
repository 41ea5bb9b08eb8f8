import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, listen, startTestServer, type TestServer } from '../helpers/server.js';
import { getGraphQL, postGraphQL, sleep } from './support/http.js';

const QUERY = '{ events(first: 1) { totalCount } }';
const ALLOWED_ORIGIN = 'https://app.newsgraph.example';

let t: TestServer;
let base: string;
beforeAll(async () => {
  t = await startTestServer({ corsOrigins: [ALLOWED_ORIGIN], requestTimeoutMs: 1_000 });
  base = await listen(t.server);
});
afterAll(() => t?.close());

describe('GraphQL over HTTP', () => {
  it('answers application/graphql-response+json when the client accepts it, JSON otherwise', async () => {
    const modern = await postGraphQL(base, { query: QUERY }, { accept: 'application/graphql-response+json, application/json;q=0.9' });
    expect(modern.status).toBe(200);
    expect(modern.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(modern.body?.data?.events.totalCount).toBeGreaterThan(0);

    const legacy = await postGraphQL(base, { query: QUERY }, { accept: 'application/json' });
    expect(legacy.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('uses 4xx for requests that cannot execute: parse errors, validation errors, a missing query', async () => {
    const accept = { accept: 'application/graphql-response+json' };
    expect((await postGraphQL(base, { query: '{ events(first: 1) {' }, accept)).status).toBe(400);
    const invalid = await postGraphQL(base, { query: '{ events(first: 1) { nope } }' }, accept);
    expect(invalid.status).toBe(400);
    expect(invalid.body?.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await postGraphQL(base, {}, accept)).status).toBe(400);
  });

  it('serves queries over GET when the request carries a preflight header', async () => {
    const response = await getGraphQL(base, { query: QUERY }, { 'apollo-require-preflight': 'true' });
    expect(response.status).toBe(200);
    expect(response.body?.data?.events.totalCount).toBeGreaterThan(0);
  });

  it('blocks a GET a browser could send cross-site without preflight (CSRF prevention), before any SQL', async () => {
    const before = t.statements();
    const response = await getGraphQL(base, { query: QUERY });
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/Cross-Site Request Forgery/);
    expect(t.statements()).toBe(before);
  });

  it('blocks a simple cross-site POST (text/plain body) as well', async () => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: QUERY }),
      signal: AbortSignal.timeout(5_000),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/Cross-Site Request Forgery/);
  });

  it('never executes a mutation sent over GET', async () => {
    // The schema has no mutations yet, so validation refuses it; once it has, Apollo answers 405.
    const before = t.statements();
    const response = await getGraphQL(
      base,
      { query: 'mutation { events(first: 1) { totalCount } }' },
      { 'apollo-require-preflight': 'true' },
    );
    expect([400, 405]).toContain(response.status);
    expect(response.body?.data).toBeUndefined();
    expect(t.statements()).toBe(before);
  });

  it('refuses batched requests (an array of operations) without running any', async () => {
    const before = t.statements();
    const response = await postGraphQL(base, [{ query: QUERY }, { query: QUERY }]);
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/batching/i);
    expect(t.statements()).toBe(before);
  });

  it('refuses a body over 100 kB with a JSON 413', async () => {
    const padding = 'x'.repeat(110 * 1024);
    const response = await postGraphQL(base, { query: QUERY, variables: { padding } });
    expect(response.status).toBe(413);
    expect(response.body).toEqual({
      errors: [
        { message: 'Request body is larger than the limit of 102400 bytes.', extensions: { code: 'PAYLOAD_TOO_LARGE', maximum: 102400 } },
      ],
    });
    // Just under the limit is fine.
    expect((await postGraphQL(base, { query: QUERY, variables: { padding: 'x'.repeat(90 * 1024) } })).status).toBe(200);
  });

  it('answers malformed JSON with a JSON 400, not an HTML page', async () => {
    const response = await postGraphQL(base, '{"query": ');
    expect(response.status).toBe(400);
    expect(response.body?.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(response.text).not.toMatch(/<html|at .*\.js/i);
  });

  it('echoes a plain X-Request-Id and replaces a suspicious one', async () => {
    expect((await postGraphQL(base, { query: QUERY }, { 'x-request-id': 'client-42' })).headers.get('x-request-id')).toBe('client-42');
    const replaced = (await postGraphQL(base, { query: QUERY }, { 'x-request-id': '<script>' })).headers.get('x-request-id');
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('CORS allow-list', () => {
  it('lets an allowed origin through a preflight and reads its responses', async () => {
    const preflight = await fetch(`${base}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: ALLOWED_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/content-type/);
    const response = await postGraphQL(base, { query: QUERY }, { origin: ALLOWED_ORIGIN });
    expect(response.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
  });

  it('grants nothing to any other origin', async () => {
    const preflight = await fetch(`${base}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const response = await postGraphQL(base, { query: QUERY }, { origin: 'https://evil.example' });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('request timeout', () => {
  /** Sends a partial request, then stalls; resolves with whatever the server says before it closes the socket. */
  async function stall(partialRequest: string): Promise<{ reply: string; ms: number }> {
    const started = performance.now();
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(new URL(base).port), '127.0.0.1');
      let received = '';
      socket.setTimeout(8_000, () => {
        socket.destroy();
        reject(new Error('server kept the stalled connection open'));
      });
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
      socket.write(partialRequest);
    });
    return { reply, ms: performance.now() - started };
  }

  it('cuts a client that never finishes its headers (slowloris) with 408', async () => {
    const { reply, ms } = await stall('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n');
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeLessThan(5_000);
  });

  it('cuts a client that never finishes its body, answering TIMEOUT and closing the connection', async () => {
    // Announce 1000 bytes of body, send 10, then stall.
    const { reply, ms } = await stall(
      'POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":"',
    );
    expect(reply).toMatch(/^HTTP\/1\.1 (408|503)/);
    expect(reply).toMatch(/TIMEOUT|Request Timeout/);
    expect(ms).toBeLessThan(5_000);
  });

  it('answers 503 TIMEOUT when the response is not ready within the limit', async () => {
    const { lockTable } = await import('./support/locks.js');
    const lock = await lockTable(t.database.url!, 'events');
    try {
      const started = performance.now();
      const response = await postGraphQL(base, { query: QUERY });
      expect(response.status).toBe(503);
      expect(response.body?.errors?.[0]?.extensions?.code).toBe('TIMEOUT');
      expect(performance.now() - started).toBeLessThan(3_000);
    } finally {
      await lock.release();
    }
    await sleep(100);
    dataOf((await postGraphQL(base, { query: QUERY })).body as { data: unknown });
  });
});
