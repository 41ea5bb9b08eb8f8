import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, listen, startTestServer, type TestServer } from '../helpers/server.js';
import { postGraphQL } from './support/http.js';

let t: TestServer;
let base: string;
beforeAll(async () => {
  // Small limits so the tests stay readable; the defaults are checked against examples.graphql below.
  t = await startTestServer({ maxQueryDepth: 6, maxAliases: 3, maxDirectives: 3, maxTokens: 300, maxQueryCost: 1_000 });
  base = await listen(t.server);
});
afterAll(() => t?.close());

/** Runs a query that must be refused by a limit: the code, the limit named, and not one SQL statement sent. */
async function expectRefused(query: string, limit: string, message: RegExp, variables?: Record<string, unknown>) {
  const before = t.statements();
  const result = await t.query(query, variables);
  expect(t.statements()).toBe(before);
  expect(result.data).toBeUndefined();
  expect(result.errors).toHaveLength(1);
  expect(result.errors![0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit });
  expect(result.errors![0]!.message).toMatch(message);
}

// events > nodes > casualties > event > casualties > victims: 6 levels; one `event` more makes 7.
const DEPTH_6 = `{ events(first: 1) { nodes { casualties { event { casualties { victims } } } } } }`;
const DEPTH_7 = `{ events(first: 1) { nodes { casualties { event { casualties { event { title } } } } } } }`;

describe('query limits refuse abusive operations before any SQL runs', () => {
  it('depth: 6 levels pass, 7 are refused', async () => {
    dataOf(await t.query(DEPTH_6));
    await expectRefused(DEPTH_7, 'depth', /Query depth limit of 6 exceeded, found 7/);
  });

  it('depth counts fields, not fragments: hiding levels in fragments does not help', async () => {
    await expectRefused(
      `query { events(first: 1) { nodes { ...E } } } fragment E on Event { casualties { event { casualties { event { title } } } } }`,
      'depth',
      /found 7/,
    );
  });

  it('aliases: more than 3 are refused', async () => {
    dataOf(await t.query(`{ a: events(first: 1) { totalCount } b: events(first: 1) { totalCount } c: events(first: 1) { totalCount } }`));
    await expectRefused(
      `{ a: events(first: 1) { totalCount } b: events(first: 1) { totalCount } c: events(first: 1) { totalCount } d: events(first: 1) { totalCount } }`,
      'aliases',
      /Aliases limit of 3 exceeded, found 4/,
    );
  });

  it('directives: more than 3 are refused', async () => {
    await expectRefused(
      `{ events(first: 1) { totalCount @include(if: true) nodes @include(if: true) { title @include(if: true) summary @skip(if: false) } } }`,
      'directives',
      /Directives limit of 3 exceeded, found 4/,
    );
  });

  it('tokens: a document longer than 300 tokens is refused while parsing, with HTTP 400', async () => {
    const before = t.statements();
    const fields = Array.from({ length: 400 }, () => 'title').join(' ');
    const response = await postGraphQL(base, { query: `{ events(first: 1) { nodes { ${fields} } } }` });
    expect(response.status).toBe(400);
    expect(response.body?.errors?.[0]).toEqual({
      message: 'Query token limit of 300 exceeded.',
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'tokens', maximum: 300 },
    });
    expect(t.statements()).toBe(before);
  });

  it('cost: grows with the page size asked for, whether literal, variable or default', async () => {
    const selection = 'nodes { title reactions { stance quotes { text } } }';
    const page = (first: string) => `query Q${first.startsWith('$') ? '($first: Int)' : ''} { events(first: ${first}) { ${selection} } }`;
    // Seed data: 34 reactions on 12 events, 39 quotes on 34 reactions, so
    // 1 + first × (1 + 1 + (1 + 34/12 × (1 + (1 + 39/34 × 1)))) = 1 + 11.92 × first, rounded up.
    dataOf(await t.query(page('20'))); // 240
    dataOf(await t.query(`{ events { ${selection} } }`)); // default page size 20: 240
    await expectRefused(page('100'), 'cost', /Query cost limit of 1000 exceeded, estimated 1193/);
    await expectRefused(page('$first'), 'cost', /estimated 1193/, { first: 100 });
    // One document, remembered cost per page size: each value still gets its own verdict.
    dataOf(await t.query(page('$first'), { first: 20 }));
    await expectRefused(page('$first'), 'cost', /estimated 1193/, { first: 100 });
    dataOf(await t.query(page('$first'), { first: 20 }));
  });

  it('cost: the refusal reaches HTTP clients as 400 with the estimate', async () => {
    const before = t.statements();
    const response = await postGraphQL(base, { query: `{ events(first: 100) { nodes { title reactions { stance quotes { text } } } } }` });
    expect(response.status).toBe(400);
    expect(response.body?.errors?.[0]?.extensions).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      limit: 'cost',
      maximum: 1_000,
      estimated: 1193,
      cost: 1193,
    });
    expect(t.statements()).toBe(before);
  });

  it('cost: a client sending extensions.cost = true reads the estimate and both limits over HTTP', async () => {
    const query = `{ events(first: 20) { nodes { title reactions { stance quotes { text } } } } }`;
    const response = await postGraphQL(base, { query, extensions: { cost: true } });
    expect(response.status).toBe(200);
    // Worst case: 19 reactions on the busiest event, 5 quotes on the most quoted reaction: 1 + 20 × (1 + 1 + (1 + 19 × (1 + (1 + 5 × 1)))).
    expect((response.body as { extensions?: unknown } | undefined)?.extensions).toEqual({
      cost: { estimated: 240, limit: 1_000, worstCase: 2_721, worstCaseLimit: 100_000 },
    });
  });

  it('a limit error over HTTP is a 400 with the code, not GRAPHQL_VALIDATION_FAILED', async () => {
    const response = await postGraphQL(base, { query: DEPTH_7 });
    expect(response.status).toBe(400);
    expect(response.body?.errors?.[0]?.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'depth', maximum: 6 });
  });

  it('first above 100 is still refused by the resolvers with BAD_USER_INPUT', async () => {
    const server = await startTestServer(); // default limits: cost 100 × small selection passes
    try {
      const result = await server.query(`{ events(first: 101) { totalCount } }`);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toMatch(/first must be between 0 and 100, got 101/);
    } finally {
      await server.close();
    }
  });
});
