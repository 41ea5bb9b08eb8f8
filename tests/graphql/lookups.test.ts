import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/graphql/common/global-id.js';
import { dataOf, startTestServer, type TestServer } from '../helpers/server.js';

// Lookups of one thing answer null when it is absent, so sibling fields survive; bad input is still an error.
let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

describe('single-object lookups', () => {
  it('answers null for a valid country code the data does not hold, keeping sibling fields', async () => {
    const result = await t.query(
      `{ france: country(code: "FR") { name } iraq: country(code: "IQ") { name } events(first: 1) { totalCount } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.france).toBeNull();
    expect(result.data?.iraq).toEqual({ name: 'Iraq' });
    expect(result.data?.events.totalCount).toBeGreaterThan(0);
  });

  it('answers null for well-formed IDs that point at nothing (event, actor, node), keeping sibling fields', async () => {
    const query = `query ($event: ID!, $actor: ID!, $node: ID!) {
      event(id: $event) { title } actor(id: $actor) { name } node(id: $node) { id } country(code: "IR") { name } }`;
    const result = await t.query(query, {
      event: toGlobalId('Event', 999_999),
      actor: toGlobalId('Actor', 999_999),
      node: toGlobalId('Quote', 999_999),
    });
    expect(result).toEqual({ data: { event: null, actor: null, node: null, country: { name: 'Iran' } } });
  });

  it('rejects a malformed country code with BAD_USER_INPUT that names the code, inline or as a variable', async () => {
    for (const [query, variables] of [
      ['{ country(code: "XX") { name } }', undefined],
      ['query ($code: CountryCode!) { country(code: $code) { name } }', { code: 'XX' }],
      ['query ($code: CountryCode!) { country(code: $code) { name } }', { code: 'France' }],
    ] as const) {
      const result = await t.query(query, variables);
      expect(result.data ?? null).toBeNull();
      expect(result.errors).toHaveLength(1);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.message).toMatch(/country code/i);
      expect(result.errors?.[0]?.message).not.toMatch(/\bid\b/i);
    }
  });

  it('still rejects a malformed ID with BAD_USER_INPUT', async () => {
    const result = await t.query('{ event(id: "not-an-id!") { title } }');
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/"not-an-id!" is not a valid newsgraph ID/);
  });
});

describe('schema', () => {
  it('declares every root lookup of one object nullable', async () => {
    const { __type } = dataOf(await t.query(`{ __type(name: "Query") { fields { name type { kind } } } }`));
    const kinds = Object.fromEntries(__type.fields.map((f: any) => [f.name, f.type.kind]));
    for (const name of ['country', 'event', 'actor', 'node']) expect(kinds[name], name).not.toBe('NON_NULL');
  });
});
