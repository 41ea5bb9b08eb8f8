import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createServer, type NewsgraphServer } from '../../src/server.js';
import { createSeededDatabase, type TestDatabase } from '../helpers/database.js';

/**
 * A frontend on another origin calls the API from a real Chromium (Debian's `chromium`, driven by
 * playwright-core), the way a Vite dev server on localhost:5173 calls localhost:4000. A missing
 * browser fails the suite: .ci/run installs it.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Not a local origin: Chromium resolves it to 127.0.0.1 (see --host-resolver-rules below). */
const REMOTE_HOST = 'app.newsgraph.test';
const QUERY = '{ events(first: 1, filter: { kinds: [AIRSTRIKE] }) { nodes { title } } }';
const TITLE = 'U.S. strikes kill 25 militia members';
const CSRF = /Cross-Site Request Forgery/i;

/** The frontend: on load it POSTs QUERY as JSON to `?api=` and leaves the outcome in `window.result`. */
const PAGE = `<!doctype html>
<title>newsgraph frontend</title>
<pre id="result"></pre>
<script>
  async function callApi(url, init) {
    try {
      const response = await fetch(url, init);
      return { status: response.status, body: await response.text() };
    } catch (error) {
      return { error: String(error) };
    }
  }
  const api = new URLSearchParams(location.search).get('api');
  callApi(api, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: ${JSON.stringify(QUERY)} }) })
    .then((result) => { document.getElementById('result').textContent = JSON.stringify(result); window.result = result; });
</script>`;

interface Outcome {
  status?: number;
  body?: string;
  error?: string;
}

const logger = pino({ level: 'silent' });
let database: TestDatabase;
let browser: Browser | undefined;
/** One tab for every test: a browser context costs more than a second on a busy machine, a navigation a tenth of that. */
let page: Page | undefined;
let pages: http.Server;
let pagePort: number;
/** NODE_ENV unset and no CORS_ORIGINS, as after `npm start` on a developer's machine. */
let development: NewsgraphServer;
let developmentApi: string;
/** NODE_ENV=production with CORS_ORIGINS naming only the remote page's origin. */
let production: NewsgraphServer;
let productionApi: string;

async function listenOn(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  pages = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE));
  const [launched, port, seeded] = await Promise.all([
    // Without the browser every test fails (below), rather than vitest reporting them as skipped.
    existsSync(CHROMIUM)
      ? chromium.launch({ executablePath: CHROMIUM, args: [`--host-resolver-rules=MAP ${REMOTE_HOST} 127.0.0.1`] })
      : undefined,
    listenOn(pages),
    createSeededDatabase(),
  ]);
  [browser, pagePort, database] = [launched, port, seeded];
  page = await browser?.newPage();
  development = await createServer(database.handle, loadConfig({}), logger);
  production = await createServer(
    database.handle,
    loadConfig({ NODE_ENV: 'production', CORS_ORIGINS: `http://${REMOTE_HOST}:${pagePort}` }),
    logger,
  );
  developmentApi = `http://localhost:${await listenOn(development.httpServer)}/graphql`;
  productionApi = `http://localhost:${await listenOn(production.httpServer)}/graphql`;
});

afterAll(async () => {
  await browser?.close();
  pages?.close();
  await development?.stop();
  await production?.stop();
  await database?.drop();
});

/**
 * Loads the frontend from `pageOrigin` and returns what its fetch got, or what `then` got from
 * further calls made by the page. Preflights the browser cached stay valid: they were answered
 * by the same server with the same settings.
 */
async function frontend(
  pageOrigin: string,
  api: string,
  then?: (call: (init: RequestInit) => Promise<Outcome>) => Promise<Outcome>,
): Promise<Outcome> {
  if (!page) throw new Error(`Chromium not found at ${CHROMIUM}: run apt-get install -y chromium (or set CHROMIUM_PATH)`);
  const tab = page;
  await page.goto(`${pageOrigin}/?api=${encodeURIComponent(api)}`);
  await page.waitForFunction(() => 'result' in globalThis);
  if (then) return then((init) => tab.evaluate(([url, options]) => (globalThis as any).callApi(url, options), [api, init] as const));
  return page.evaluate(() => (globalThis as any).result as Outcome);
}

const titleOf = (outcome: Outcome) => JSON.parse(outcome.body ?? '{}')?.data?.events?.nodes?.[0]?.title;

describe('a frontend on another origin, in Chromium', () => {
  it('outside production, a page on localhost or 127.0.0.1 reads the data with no CORS_ORIGINS set', async () => {
    const fromLocalhost = await frontend(`http://localhost:${pagePort}`, developmentApi);
    expect(fromLocalhost.status).toBe(200);
    expect(titleOf(fromLocalhost)).toBe(TITLE);
    const fromLoopback = await frontend(`http://127.0.0.1:${pagePort}`, developmentApi);
    expect(titleOf(fromLoopback)).toBe(TITLE);
  });

  it('outside production, a page on any other origin is blocked and its preflight names CORS_ORIGINS, not CSRF', async () => {
    const remoteOrigin = `http://${REMOTE_HOST}:${pagePort}`;
    const blocked = await frontend(remoteOrigin, developmentApi);
    expect(blocked).toEqual({ error: 'TypeError: Failed to fetch' });

    const preflight = await fetch(developmentApi, {
      method: 'OPTIONS',
      headers: { origin: remoteOrigin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    const text = await preflight.text();
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(text).not.toMatch(CSRF);
    expect(JSON.parse(text)).toEqual({
      errors: [
        {
          message: `Origin "${remoteOrigin}" may not call this API from a browser: add it to CORS_ORIGINS (pages on localhost, 127.0.0.1 and [::1] are allowed already).`,
          extensions: { code: 'CORS_ORIGIN_NOT_ALLOWED', origin: remoteOrigin },
        },
      ],
    });
  });

  it('in production, only CORS_ORIGINS may call: the listed page reads the data, a page on localhost is blocked', async () => {
    const listed = await frontend(`http://${REMOTE_HOST}:${pagePort}`, productionApi);
    expect(titleOf(listed)).toBe(TITLE);
    const local = await frontend(`http://localhost:${pagePort}`, productionApi);
    expect(local).toEqual({ error: 'TypeError: Failed to fetch' });

    const preflight = await fetch(productionApi, {
      method: 'OPTIONS',
      headers: {
        origin: `http://localhost:${pagePort}`,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(403);
    expect(await preflight.text()).toContain('add it to CORS_ORIGINS."');
  });

  it('CSRF prevention still refuses the requests a page can send without a preflight, even from an allowed origin', async () => {
    const simple = await frontend(`http://localhost:${pagePort}`, developmentApi, async (call) => {
      // text/plain POST and a plain GET are "simple" requests: the browser sends them without asking first.
      const post = await call({ method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: QUERY }) });
      expect(post.status).toBe(400);
      expect(post.body).toMatch(CSRF);
      return post;
    });
    expect(titleOf(simple)).toBeUndefined();
    const get = await frontend(`http://localhost:${pagePort}`, `${developmentApi}?query=${encodeURIComponent(QUERY)}`, (call) =>
      call({ method: 'GET' }),
    );
    expect(get.status).toBe(400);
    expect(get.body).toMatch(CSRF);
    // With the header Apollo asks for, the browser preflights the GET and the query runs.
    const preflighted = await frontend(`http://localhost:${pagePort}`, `${developmentApi}?query=${encodeURIComponent(QUERY)}`, (call) =>
      call({ method: 'GET', headers: { 'apollo-require-preflight': 'true' } }),
    );
    expect(titleOf(preflighted)).toBe(TITLE);
  });
});
