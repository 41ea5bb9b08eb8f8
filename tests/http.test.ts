import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/server.js';

let t: TestServer;
let base: string;
beforeAll(async () => {
  t = await startTestServer({ sandbox: true });
  await new Promise<void>((resolve) => t.server.httpServer.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(t.server.httpServer.address() as AddressInfo).port}`;
});
afterAll(() => t?.close());

describe('HTTP', () => {
  it('serves the Apollo Sandbox landing page, preloaded with examples.graphql', async () => {
    const response = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('embeddable-sandbox');
    expect(html).toContain('ReactionsToSoleimaniStrike');
  });

  it('answers a nested query over POST', async () => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ events(first: 1, filter: { kinds: [AIRSTRIKE] }) { nodes { title casualties { figure { best } } } } }' }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: { events: { nodes: [{ title: 'U.S. strikes kill 25 militia members', casualties: [{ figure: { best: 25 } }] }] } },
    });
  });

  it('reports a malformed query with 400 and a code, not a stack', async () => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ events(first: 1) { nodes { nope } } }' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(body)).not.toContain('stacktrace');
  });

  it('answers /healthz', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});
