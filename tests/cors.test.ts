import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { loadConfig } from '../src/config.js';
import { createServer, type NewsgraphServer } from '../src/server.js';
import { createSeededDatabase, type TestDatabase } from './helpers/database.js';
import { listen } from './helpers/server.js';

// Browser behaviour is in tests/hardening/browser-cors.test.ts (real Chromium); these check every
// origin form against the server's preflight answers directly.
const QUERY = '{ events(first: 1, filter: { kinds: [AIRSTRIKE] }) { nodes { title } } }';
const CSRF = /Cross-Site Request Forgery/i;
const logger = pino({ level: 'silent' });

let database: TestDatabase;
let development: NewsgraphServer;
let production: NewsgraphServer;
let developmentBase: string;
let productionBase: string;
beforeAll(async () => {
  database = await createSeededDatabase();
  // NODE_ENV unset, as after `npm start`; production lists one origin.
  development = await createServer(database.handle, loadConfig({ CORS_ORIGINS: 'https://app.newsgraph.example' }), logger);
  production = await createServer(
    database.handle,
    loadConfig({ NODE_ENV: 'production', CORS_ORIGINS: 'https://app.newsgraph.example' }),
    logger,
  );
  developmentBase = await listen(development);
  productionBase = await listen(production);
});
afterAll(async () => {
  await development?.stop();
  await production?.stop();
  await database?.drop();
});

function preflight(base: string, origin?: string) {
  return fetch(`${base}/graphql`, {
    method: 'OPTIONS',
    headers: {
      ...(origin === undefined ? {} : { origin }),
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    },
  });
}

const LOCAL = [
  'http://localhost:5173',
  'http://localhost',
  'https://localhost:8443',
  'http://127.0.0.1:4173',
  'https://127.0.0.1',
  'http://[::1]:3000',
];
const NOT_LOCAL = [
  'http://localhost.newsgraph.example',
  'http://127.0.0.1.nip.io:5173',
  'http://127.0.0.2:5173',
  'http://0.0.0.0:5173',
  'http://app.localhost:5173',
  'ftp://localhost',
  'http://localhost:5173/',
  'null',
];

describe('CORS', () => {
  it.each(LOCAL)('outside production, a preflight from %s is allowed', async (origin) => {
    const response = await preflight(developmentBase, origin);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('access-control-allow-headers')).toBe(
      'content-type,apollo-require-preflight,x-apollo-operation-name,x-request-id',
    );
    expect(response.headers.get('vary')).toMatch(/Origin/);
  });

  it.each(NOT_LOCAL)('outside production, a preflight from %s gets 403 naming CORS_ORIGINS, never the CSRF message', async (origin) => {
    const response = await preflight(developmentBase, origin);
    const text = await response.text();
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('vary')).toMatch(/Origin/);
    expect(text).not.toMatch(CSRF);
    expect(JSON.parse(text)).toEqual({
      errors: [
        {
          message: `Origin ${JSON.stringify(origin)} may not call this API from a browser: add it to CORS_ORIGINS (pages on localhost, 127.0.0.1 and [::1] are allowed already).`,
          extensions: { code: 'CORS_ORIGIN_NOT_ALLOWED', origin },
        },
      ],
    });
  });

  it('CORS_ORIGINS adds to the local pages outside production, and is the whole list in production', async () => {
    expect((await preflight(developmentBase, 'https://app.newsgraph.example')).headers.get('access-control-allow-origin')).toBe(
      'https://app.newsgraph.example',
    );
    expect((await preflight(productionBase, 'https://app.newsgraph.example')).headers.get('access-control-allow-origin')).toBe(
      'https://app.newsgraph.example',
    );
    for (const origin of LOCAL) {
      const response = await preflight(productionBase, origin);
      expect(response.status).toBe(403);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(await response.json()).toEqual({
        errors: [
          {
            message: `Origin "${origin}" may not call this API from a browser: add it to CORS_ORIGINS.`,
            extensions: { code: 'CORS_ORIGIN_NOT_ALLOWED', origin },
          },
        ],
      });
    }
  });

  it('an allowed origin can read the answer; any other origin gets the data without Access-Control-Allow-Origin', async () => {
    const post = (base: string, origin: string) =>
      fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: JSON.stringify({ query: QUERY }),
      });
    const allowed = await post(developmentBase, 'http://localhost:5173');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(allowed.headers.get('access-control-expose-headers')).toBe('x-request-id,retry-after');
    expect(((await allowed.json()) as any).data.events.nodes[0].title).toBe('U.S. strikes kill 25 militia members');
    const other = await post(productionBase, 'http://localhost:5173');
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('an OPTIONS request without Origin (not a browser) gets 204 and the allowed methods, in both modes', async () => {
    for (const base of [developmentBase, productionBase]) {
      const response = await preflight(base);
      expect(response.status).toBe(204);
      expect(response.headers.get('allow')).toBe('GET, POST, OPTIONS');
      expect(await response.text()).toBe('');
    }
  });

  it('CSRF prevention still refuses simple requests from an allowed origin: a text/plain POST and a GET without a preflight header', async () => {
    const origin = 'http://localhost:5173';
    const textPlain = await fetch(`${developmentBase}/graphql`, {
      method: 'POST',
      headers: { origin, 'content-type': 'text/plain' },
      body: JSON.stringify({ query: QUERY }),
    });
    expect(textPlain.status).toBe(400);
    expect(await textPlain.text()).toMatch(CSRF);
    const get = await fetch(`${developmentBase}/graphql?query=${encodeURIComponent(QUERY)}`, { headers: { origin } });
    expect(get.status).toBe(400);
    expect(await get.text()).toMatch(CSRF);
  });
});

describe('CORS settings', () => {
  it('allows local pages by default only outside production; CORS_ALLOW_LOCAL overrides the default', () => {
    expect(loadConfig({}).corsAllowLocal).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).corsAllowLocal).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).corsAllowLocal).toBe(false);
    expect(loadConfig({ CORS_ALLOW_LOCAL: 'false' }).corsAllowLocal).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', CORS_ALLOW_LOCAL: 'true' }).corsAllowLocal).toBe(true);
  });

  it('normalises CORS_ORIGINS entries and refuses what a browser would never send as an origin', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://App.Example.org/, http://localhost:5173,https://x.example:443' }).corsOrigins).toEqual([
      'https://app.example.org',
      'http://localhost:5173',
      'https://x.example',
    ]);
    for (const entry of ['*', 'localhost:5173', 'https://app.example.org/graphql', 'app.example.org', 'https://app.example.org?x=1']) {
      expect(() => loadConfig({ CORS_ORIGINS: entry })).toThrow(
        `CORS_ORIGINS entries must be origins like https://app.example.org or http://localhost:5173 (no path), got "${entry}"`,
      );
    }
  });
});
