import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { toGlobalId } from '../../src/graphql/common/global-id.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

// Operations run on graphql-jit (src/graphql/jit.ts); clients must see what graphql-js would give.
describe('errors under the compiled executor', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer({ production: true });
  });
  afterAll(() => t?.close());

  it('keeps the path and code of a user error thrown deep in the query', async () => {
    const wrongType = toGlobalId('Actor', 1);
    const before = t.statements();
    const result = await t.query(`query ($id: ID!) { events(first: 1) { nodes { title } } event(id: $id) { title } }`, { id: wrongType });
    expect(result.errors).toEqual([
      {
        message: `id expects an ID of type Event, but "${wrongType}" is of type Actor.`,
        locations: [{ line: 1, column: 57 }],
        path: ['event'],
        extensions: { code: 'BAD_USER_INPUT', argument: 'id' },
      },
    ]);
    expect(result.data?.events.nodes).toHaveLength(1);
    // Executed once: the compiled run's errors are formatted by Apollo, not found again by a second run.
    expect(t.statements() - before).toBe(1);
  });

  it('answers bad variables with BAD_USER_INPUT, as graphql-js words them', async () => {
    const result = await t.query(`query ($first: Int) { events(first: $first) { nodes { title } } }`, { first: 'many' });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/Variable "\$first" got invalid value "many"; Int cannot represent non-integer value/);
  });

  it('masks an internal failure but keeps where it happened', async () => {
    await t.database.handle.db.execute(sql`DROP TABLE quotes CASCADE`);
    const result = await t.query('query BrokenQuotes { quotes(first: 1) { nodes { text } } }');
    expect(result).toEqual({
      data: null,
      errors: [{ message: 'Internal server error', path: ['quotes'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
    });
  });
});
