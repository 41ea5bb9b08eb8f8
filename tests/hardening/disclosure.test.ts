import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, startTestServer, type TestServer } from '../helpers/server.js';
import { toGlobalId } from '../../src/graphql/common/global-id.js';
import { getGraphQL, postGraphQL } from './support/http.js';
import { captureLogs, type LogRecord } from './support/logs.js';

/** Anything that would tell an attacker about our internals. */
const LEAK = /stacktrace|SELECT|relation|\.ts:|node_modules|drizzle|postgres/i;

let production: TestServer;
let productionBase: string;
let development: TestServer;
let developmentBase: string;
let records: LogRecord[];
beforeAll(async () => {
  const capture = captureLogs();
  records = capture.records;
  // What NODE_ENV=production loads: Sandbox and introspection off, field suggestions hidden.
  production = await startTestServer({ production: true, sandbox: false, introspection: false }, { logger: capture.logger });
  productionBase = await listen(production.server);
  development = await startTestServer({ sandbox: true, introspection: true });
  developmentBase = await listen(development.server);
});
afterAll(async () => {
  await production?.close();
  await development?.close();
});

describe('production mode discloses nothing', () => {
  it('hides "Did you mean" field suggestions (development shows them)', async () => {
    const query = { query: '{ evnts(first: 1) { totalCount } }' };
    const dev = await postGraphQL(developmentBase, query);
    expect(dev.body?.errors?.[0]?.message).toMatch(/Did you mean "events"/);
    const prod = await postGraphQL(productionBase, query);
    expect(prod.status).toBe(400);
    expect(prod.body?.errors?.[0]).toMatchObject({
      message: 'Cannot query field "evnts" on type "Query".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('hides enum value suggestions too', async () => {
    const prod = await postGraphQL(productionBase, { query: '{ events(filter: { kinds: [AIRSTRIK] }) { totalCount } }' });
    expect(prod.body?.errors?.[0]?.message).not.toMatch(/Did you mean/);
    expect(prod.body?.errors?.[0]?.message).toMatch(/Value "AIRSTRIK" does not exist in "EventKind" enum/);
  });

  it('refuses introspection when INTROSPECTION is off', async () => {
    const prod = await postGraphQL(productionBase, { query: '{ __schema { types { name } } }' });
    expect(prod.status).toBe(400);
    expect(prod.body?.errors?.[0]?.message).toMatch(/introspection is not allowed/i);
    const dev = await postGraphQL(developmentBase, { query: '{ __schema { queryType { name } } }' });
    expect(dev.body?.data?.__schema.queryType.name).toBe('Query');
  });

  it('serves no Sandbox page when SANDBOX is off', async () => {
    const prod = await fetch(`${productionBase}/graphql`, { headers: { accept: 'text/html' } });
    expect(await prod.text()).not.toMatch(/embeddable-sandbox|<html/i);
    const dev = await fetch(`${developmentBase}/graphql`, { headers: { accept: 'text/html' } });
    expect(await dev.text()).toMatch(/embeddable-sandbox/);
  });

  it('keeps user errors and their codes', async () => {
    const tooBig = await postGraphQL(productionBase, { query: '{ events(first: 101) { totalCount } }' });
    expect(tooBig.body?.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/first must be between 0 and 100/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const wrongType = toGlobalId('Actor', 1);
    const badId = await postGraphQL(productionBase, {
      query: 'query E($id: ID!) { event(id: $id) { title } }',
      variables: { id: wrongType },
    });
    expect(badId.body?.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/expects an ID of type Event/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('masks an internal failure as INTERNAL_SERVER_ERROR with no message, stack or SQL, and logs the details', async () => {
    // A real fault: the quotes table vanishes under the running server.
    const admin = new pg.Client({ connectionString: production.database.url });
    await admin.connect();
    await admin.query('DROP TABLE quotes CASCADE');
    await admin.end();

    const response = await postGraphQL(
      productionBase,
      { query: 'query BrokenQuotes { quotes(first: 1) { nodes { text } } }', operationName: 'BrokenQuotes' },
      { 'x-request-id': 'req-broken-1' },
    );
    expect(response.body?.errors).toEqual([
      { message: 'Internal server error', path: ['quotes'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    ]);
    expect(response.text).not.toMatch(LEAK);

    // The log has what the client was denied, tied to the request id and operation.
    const failure = records.find((r) => r.requestId === 'req-broken-1' && r.level === 50);
    expect(failure).toMatchObject({ operationName: 'BrokenQuotes', msg: 'unexpected error while executing a GraphQL operation' });
    expect(failure?.err.stack).toMatch(/relation "quotes" does not exist/);
    expect(failure?.err.query).toMatch(/^select .* from "quotes"/);
  });
});

describe('structured request logs', () => {
  it('records each request as JSON with request id, operation name, duration and error codes', async () => {
    await postGraphQL(productionBase, { query: 'query CountEvents { events(first: 1) { totalCount } }' }, { 'x-request-id': 'req-log-1' });
    await postGraphQL(productionBase, { query: 'query TooBig { events(first: 101) { totalCount } }' }, { 'x-request-id': 'req-log-2' });
    const ok = records.find((r) => r.requestId === 'req-log-1' && r.msg === 'graphql request');
    expect(ok).toMatchObject({ level: 30, service: 'newsgraph', operationName: 'CountEvents', status: 200 });
    expect(ok?.durationMs).toEqual(expect.any(Number));
    expect(ok?.errors).toBeUndefined();
    const failed = records.find((r) => r.requestId === 'req-log-2' && r.msg === 'graphql request');
    expect(failed).toMatchObject({ operationName: 'TooBig', errors: ['BAD_USER_INPUT'] });
  });

  it('answers GET requests in production too (logs still written)', async () => {
    const response = await getGraphQL(
      productionBase,
      { query: '{ events(first: 1) { totalCount } }' },
      { 'apollo-require-preflight': '1', 'x-request-id': 'req-get-1' },
    );
    expect(response.status).toBe(200);
    expect(records.some((r) => r.requestId === 'req-get-1' && r.msg === 'graphql request')).toBe(true);
  });
});
