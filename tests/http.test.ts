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
      body: JSON.stringify({
        query: '{ events(first: 1, filter: { kinds: [AIRSTRIKE] }) { nodes { title casualties { figure { best } } } } }',
      }),
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

  it('answers GET / with where the API is: JSON for programs, links for browsers', async () => {
    const json = await fetch(`${base}/`);
    expect(json.status).toBe(200);
    expect(await json.json()).toEqual({
      name: 'newsgraph',
      description: 'GraphQL API for news data about armed conflict.',
      graphql: '/graphql',
      sandbox: '/graphql',
      health: '/healthz',
      ready: '/readyz',
    });
    const page = await fetch(`${base}/`, { headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<a href="/graphql">/graphql</a>');
    expect(html).toContain('<a href="/healthz">/healthz</a>');
    expect(html).not.toContain('Cannot GET');
  });

  it('answers /healthz', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});
