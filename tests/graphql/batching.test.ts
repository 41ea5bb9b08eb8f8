import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestServer, type TestServer } from '../helpers/server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

const NESTED = `
  query Nested($first: Int, $filter: EventFilter) {
    events(first: $first, filter: $filter) {
      nodes {
        title
        location { name country { name } }
        actors { name quotes { text speaker { name } } }
        casualties { figure { best } affiliation { name } victimCountry { name } citation { attributedTo { name } source { outlet } } }
        reactions { stance actor { name country { name } } quotes { text } }
        reactionsByCountry { country { name } actorCount }
        causes { event { title } }
        sources { outlet }
      }
    }
  }
`;

async function statementsFor(first: number, filter?: object): Promise<{ statements: number; events: number }> {
  const before = t.statements();
  const { events } = dataOf(await t.query(NESTED, { first, filter }));
  return { statements: t.statements() - before, events: events.nodes.length };
}

const CHAIN = `
  query Chain($first: Int) {
    quotes(first: $first) { nodes { text speaker { name } event { title } citation { passage } } }
  }
`;

describe('DataLoader batching', () => {
  it('costs 4 statements for 3 quotes or 45, with speaker, event and citation of each: one per level and field', async () => {
    for (const first of [3, 45]) {
      const before = t.statements();
      const { quotes } = dataOf(await t.query(CHAIN, { first }));
      expect(quotes.nodes).toHaveLength(first);
      expect(t.statements() - before).toBe(4);
    }
  });

  it('keeps a 5-level query over all 12 events to a bounded number of statements, far below one per row', async () => {
    // The query selects 21 relations; rows reached number in the hundreds. Batches of one loader
    // at one level may split when their parents arrive in different I/O turns (real Postgres),
    // so the bound is the number of relations, not an exact figure.
    const six = await statementsFor(6, { timelineEntry: true });
    const twelve = await statementsFor(12);
    expect([six.events, twelve.events]).toEqual([6, 12]);
    expect(six.statements).toBeLessThanOrEqual(21);
    expect(twelve.statements).toBeLessThanOrEqual(21);
  });
});
