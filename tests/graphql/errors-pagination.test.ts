import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestServer, type TestServer } from '../helpers/server.js';
import { toGlobalId } from '../../src/graphql/common/global-id.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

/** The one error a bad request must produce: a code, a clear message, no stack or SQL. */
async function expectError(query: string, variables: Record<string, unknown>, code: string, message: RegExp) {
  const result = await t.query(query, variables);
  expect(result.errors).toHaveLength(1);
  const [error] = result.errors!;
  expect(error!.extensions?.code).toBe(code);
  expect(error!.message).toMatch(message);
  expect(JSON.stringify(result)).not.toMatch(/stacktrace|at .*\.ts:|SELECT|node_modules/);
}

const EVENT = `query E($id: ID!) { event(id: $id) { title } }`;
const NODE = `query N($id: ID!) { node(id: $id) { id ... on Actor { name } ... on Event { title } } }`;

describe('IDs', () => {
  it('fetches any node by global ID, round-tripping the id', async () => {
    const { events } = dataOf(await t.query(`{ events(first: 1) { nodes { id title } } }`));
    const { node } = dataOf(await t.query(NODE, { id: events.nodes[0].id }));
    expect(node).toEqual(events.nodes[0]);
  });

  it('rejects a malformed ID with BAD_USER_INPUT', async () => {
    await expectError(EVENT, { id: 'not-an-id!' }, 'BAD_USER_INPUT', /"not-an-id!" is not a valid newsgraph ID/);
    await expectError(NODE, { id: Buffer.from('Event:abc').toString('base64url') }, 'BAD_USER_INPUT', /not a valid newsgraph ID/);
    await expectError(NODE, { id: Buffer.from('Planet:1').toString('base64url') }, 'BAD_USER_INPUT', /not a valid newsgraph ID/);
  });

  it('rejects an ID of the wrong type with BAD_USER_INPUT', async () => {
    await expectError(EVENT, { id: toGlobalId('Actor', 1) }, 'BAD_USER_INPUT', /expects an ID of type Event, but .* is of type Actor/);
  });

  it('answers null, not an error, for a well-formed ID that points at nothing', async () => {
    expect(await t.query(EVENT, { id: toGlobalId('Event', 999999) })).toEqual({ data: { event: null } });
    expect(await t.query(NODE, { id: toGlobalId('Quote', 999999) })).toEqual({ data: { node: null } });
  });

  it('checks IDs inside filters too', async () => {
    await expectError(
      `query Q($f: QuoteFilter) { quotes(filter: $f) { totalCount } }`,
      { f: { speaker: toGlobalId('Event', 1) } },
      'BAD_USER_INPUT',
      /filter.speaker expects an ID of type Actor/,
    );
  });
});

describe('arguments', () => {
  const EVENTS = `query E($first: Int, $after: String, $filter: EventFilter) { events(first: $first, after: $after, filter: $filter) { totalCount nodes { title } pageInfo { hasNextPage endCursor } } }`;

  it('rejects first above 100 or below 0', async () => {
    await expectError(EVENTS, { first: 101 }, 'BAD_USER_INPUT', /first must be between 0 and 100, got 101/);
    await expectError(EVENTS, { first: -1 }, 'BAD_USER_INPUT', /first must be between 0 and 100, got -1/);
  });

  it('rejects a forged cursor', async () => {
    await expectError(EVENTS, { after: 'garbage' }, 'BAD_USER_INPUT', /not a valid cursor/);
  });

  it('rejects impossible and malformed dates', async () => {
    await expectError(EVENTS, { filter: { occurred: { from: '2019-02-30' } } }, 'BAD_USER_INPUT', /not a valid LocalDate: 2019-02-30/);
    await expectError(EVENTS, { filter: { occurred: { from: '27/12/2019' } } }, 'BAD_USER_INPUT', /not a valid LocalDate/);
  });

  it('rejects an inverted date range', async () => {
    await expectError(
      EVENTS,
      { filter: { occurred: { from: '2020-01-03', to: '2019-12-27' } } },
      'BAD_USER_INPUT',
      /inverted: from 2020-01-03 is after to 2019-12-27/,
    );
  });

  it('rejects unknown enum values and country codes', async () => {
    await expectError(EVENTS, { filter: { kinds: ['NUKE'] } }, 'BAD_USER_INPUT', /Value "NUKE" does not exist in "EventKind" enum/);
    await expectError(EVENTS, { filter: { country: 'XX' } }, 'BAD_USER_INPUT', /country code/i);
  });

  it('rejects an empty or oversized search with the constraint that failed', async () => {
    await expectError(EVENTS, { filter: { search: '' } }, 'BAD_USER_INPUT', /search: search must be longer than or equal to 1 characters/);
    await expectError(
      EVENTS,
      { filter: { search: 'x'.repeat(201) } },
      'BAD_USER_INPUT',
      /search must be shorter than or equal to 200 characters/,
    );
  });

  it('rejects the same mistakes written inline in the document as validation errors', async () => {
    const result = await t.query(`{ events(filter: { kinds: [NUKE] }) { totalCount } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors?.[0]?.message).toMatch(/Value "NUKE" does not exist in "EventKind" enum/);
  });

  it('treats search text as text, not SQL or LIKE wildcards', async () => {
    const { quotes } = dataOf(
      await t.query(`query Q($s: String) { quotes(filter: { search: $s }) { totalCount } }`, { s: "%' OR 1=1 --" }),
    );
    expect(quotes.totalCount).toBe(0);
  });
});

describe('pagination', () => {
  const PAGE = `query P($first: Int, $after: String) { quotes(first: $first, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;

  it('walks every quote in pages of 7, each exactly once, in order', async () => {
    const all = dataOf(await t.query(PAGE, { first: 100 })).quotes;
    expect(all.totalCount).toBe(45);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: any = dataOf(await t.query(PAGE, { first: 7, after })).quotes;
      pages++;
      seen.push(...page.edges.map((e: any) => e.node.id));
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? null);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(7);
    expect(seen).toEqual(all.edges.map((e: any) => e.node.id));
  });

  it('returns an empty page for first: 0 but still counts', async () => {
    const { quotes } = dataOf(await t.query(PAGE, { first: 0 }));
    expect(quotes.edges).toEqual([]);
    expect(quotes.totalCount).toBe(45);
  });

  it('pages newest first the same way', async () => {
    const Q = `query P($after: String) { events(first: 4, after: $after, orderBy: { field: OCCURRED_ON, direction: DESC }) { nodes { occurredOn { date } } pageInfo { endCursor hasNextPage } } }`;
    const first = dataOf(await t.query(Q)).events;
    const second = dataOf(await t.query(Q, { after: first.pageInfo.endCursor })).events;
    const dates = [...first.nodes, ...second.nodes].map((n: any) => n.occurredOn.date);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(dates.slice(0, 4)).toEqual(['2020-01-03', '2020-01-01', '2019-12-31', '2019-12-30']);
  });

  // The filter's parameters come first in the statement, the cursor's after them.
  it.each(['ASC', 'DESC'])('pages a filtered connection with several conditions, %s by title, as one long page', async (direction) => {
    const kinds = ['AIRSTRIKE', 'ATTACK', 'EMBASSY_BREACH', 'PROTEST', 'ROCKET_ATTACK', 'DEPLOYMENT', 'MOURNING', 'RESIGNATION'];
    const Q = `query P($first: Int, $after: String, $direction: SortDirection!) {
      events(first: $first, after: $after, orderBy: { field: TITLE, direction: $direction },
             filter: { kinds: [${kinds.join(', ')}], occurred: { from: "2019-12-28", to: "2020-01-03" } }) {
        nodes { title kind occurredOn { date } } pageInfo { endCursor hasNextPage } } }`;
    const whole = dataOf(await t.query(Q, { first: 100, direction })).events.nodes;
    expect(whole).toHaveLength(4);
    for (const event of whole) {
      expect(kinds).toContain(event.kind);
      expect(event.occurredOn.date >= '2019-12-28' && event.occurredOn.date <= '2020-01-03').toBe(true);
    }
    const titles = whole.map((event: any) => event.title);
    expect(titles).toEqual(direction === 'ASC' ? [...titles].sort() : [...titles].sort().reverse());
    const paged: unknown[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = dataOf(await t.query(Q, { first: 1, after, direction })).events;
      paged.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(paged).toEqual(whole);
  });

  // Each filter input's WHERE text is rendered once and reused (paginate.ts): inputs that differ
  // only in a value, or in one condition more, must not share it.
  it('answers each of several alternating filters with its own events', async () => {
    const Q = `query P($filter: EventFilter) { events(first: 100, filter: $filter) { nodes { title kind } } }`;
    const filters = [
      { kinds: ['AIRSTRIKE'] },
      { kinds: ['PROTEST'] },
      { kinds: ['AIRSTRIKE', 'PROTEST'] },
      { kinds: ['PROTEST'], occurred: { from: '2020-01-01' } },
      { search: 'embassy' },
      { search: 'Soleimani' },
    ];
    const answer = async (filter: object) => dataOf(await t.query(Q, { filter })).events.nodes as { title: string; kind: string }[];
    const firstAnswers = [];
    for (const filter of filters) firstAnswers.push(await answer(filter));
    // "Soleimani": the event that names him, and the embassy breach he is blamed for (a participant).
    expect(firstAnswers.map((nodes) => nodes.length)).toEqual([1, 2, 3, 1, 3, 2]);
    expect(firstAnswers[0]!.map((e) => e.kind)).toEqual(['AIRSTRIKE']);
    expect(firstAnswers[1]!.map((e) => e.kind)).toEqual(['PROTEST', 'PROTEST']);
    expect(firstAnswers[2]).toEqual(expect.arrayContaining([...firstAnswers[0]!, ...firstAnswers[1]!]));
    for (const [i, filter] of [...filters.entries()].reverse()) expect(await answer(filter)).toEqual(firstAnswers[i]);
    // A refused input is never remembered: it is refused again.
    for (let i = 0; i < 2; i++) {
      const refused = await t.query(Q, { filter: { occurred: { from: '2020-01-03', to: '2019-12-27' } } });
      expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});
