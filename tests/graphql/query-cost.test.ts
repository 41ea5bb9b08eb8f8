import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { getNamedType, getNullableType, isCompositeType, isListType, isObjectType, parse, type OperationDefinitionNode } from 'graphql';
import { sql } from 'drizzle-orm';
import { dataOf, startTestServer, type GraphQLResult, type TestServer } from '../helpers/server.js';
import { createEmptyDatabase, type TestDatabase } from '../helpers/database.js';
import { loadConfig } from '../../src/config.js';
import { createServer } from '../../src/server.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { getSchema } from '../../src/graphql/schema.js';
import { declaredCost } from '../../src/graphql/common/projection.js';
import { readFanout, refreshFanout } from '../../src/graphql/fanout.js';
import { estimateQueryCost } from '../../src/http/query-cost.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

/** The query of issue 14 item 5: timeline events, their reactions by country, each reaction's quotes. */
const TIMELINE_REACTIONS = `{
  events(first: 10, filter: { timelineEntry: true }) {
    nodes { title reactionsByCountry { country { name } actorCount reactions { stance actor { name } quotes { text medium } } } }
  }
}`;

/** Reactions of the reacting actors' other events, and so on: fine once, too much six times over. */
const REACTION_CHAIN =
  'events(first: 100) { nodes { reactions { actor { reactions { event { reactions { actor { reactions { id } } } } } } } } }';

/** Runs an operation as a client sending `extensions: { cost: true }` would (Apollo's whole pipeline). */
async function withCostReport(query: string, server = t.server): Promise<GraphQLResult & { extensions?: Record<string, any> }> {
  const response = await server.apollo.executeOperation({ query, extensions: { cost: true } }, { contextValue: server.context() });
  if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
  return response.body.singleResult;
}

/** Quotes of the speakers of the quotes of events, twice over: cheap on average, explosive on the busiest parents. */
const QUOTE_CHAIN = 'events(first: 100) { nodes { quotes { speaker { quotes { event { quotes { speaker { quotes { id } } } } } } } } }';

describe('query cost from the data the lists really hold', () => {
  it('answers the timeline-reactions query (6 events, 34 reactions) that the fixed guess of 10 per list refused', async () => {
    // Under the old model (10 per nested list, no measurements) the same document cost 24,431.
    const operation = parse(TIMELINE_REACTIONS).definitions[0] as OperationDefinitionNode;
    expect(estimateQueryCost(await getSchema(), operation, {}).estimated).toBe(24_431);

    const result = await withCostReport(TIMELINE_REACTIONS);
    const { events } = dataOf(result);
    expect(events.nodes).toHaveLength(6);
    const reactions = events.nodes.flatMap((e: any) => e.reactionsByCountry.flatMap((g: any) => g.reactions));
    expect(reactions.length).toBeGreaterThan(0);
    expect(result.extensions?.cost).toEqual({ estimated: 273, limit: 20_000, worstCase: 5_231, worstCaseLimit: 2_000_000 });
  });

  it('reports the estimate only to a client that asks for it', async () => {
    const response = await t.server.apollo.executeOperation({ query: '{ countries { name } }' }, { contextValue: t.server.context() });
    expect(response.body.kind === 'single' && response.body.singleResult.extensions).toBeFalsy();
    // Query.countries: the 9 countries the seed holds, 1 + 9 × 1.
    expect((await withCostReport('{ countries { name } }')).extensions?.cost).toMatchObject({ estimated: 10, worstCase: 10 });
  });

  it('refuses an operation over the limit before any SQL, saying by how much (estimated against maximum)', async () => {
    // Each alias (34 reactions on 12 events; at least 1 per actor):
    // 1 + 100 × (1 + (1 + 34/12 × (1 + (1 + 1 × (1 + (1 + 34/12 × (1 + (1 + 1 × 1)))))))) = 3742.67
    const aliases = ['a', 'b', 'c', 'd', 'e', 'f'].map((alias) => `${alias}: ${REACTION_CHAIN}`).join(' ');
    const before = t.statements();
    const result = await withCostReport(`{ ${aliases} }`);
    expect(t.statements()).toBe(before);
    expect(result.data).toBeUndefined();
    expect(result.errors).toEqual([
      {
        message: 'Query cost limit of 20000 exceeded, estimated 22456. Ask for smaller pages (first) or fewer nested lists.',
        extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'cost', maximum: 20_000, estimated: 22_456, cost: 22_456 },
      },
    ]);
    expect(result.extensions?.cost).toMatchObject({ estimated: 22_456, limit: 20_000 });
  });

  it('refuses a query cheap on average whose worst case explodes on the busiest parents', async () => {
    const before = t.statements();
    const result = await withCostReport(`{ ${QUOTE_CHAIN} }`);
    expect(t.statements()).toBe(before);
    // Worst case, 28 quotes on the most quoted event and 10 by the most quoted speaker:
    // 1 + 100 × (1 + (1 + 28 × (1 + (1 + 10 × (1 + (1 + 28 × (1 + (1 + 10 × 1))))))))
    expect(result.errors?.[0]?.extensions).toEqual({
      code: 'QUERY_TOO_COMPLEX',
      limit: 'worstCaseCost',
      maximum: 2_000_000,
      estimated: 9_469_801,
    });
    // Expected, 45 quotes on 12 events and at least 1 per speaker:
    // 1 + 100 × (1 + (1 + 45/12 × (1 + (1 + 1 × (1 + (1 + 45/12 × (1 + (1 + 1 × 1)))))))) = 5919.75
    expect(result.errors?.[0]?.message).toMatch(/worst-case cost limit of 2000000 exceeded, estimated 9469801 .*\(expected 5920\)/);
  });

  it('measures every nested list of objects the schema has, so none falls back to a guess', async () => {
    const schema = await getSchema();
    const lists: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__') || type.name.endsWith('Connection')) continue;
      for (const field of Object.values(type.getFields())) {
        const listOfObjects = isListType(getNullableType(field.type)) && isCompositeType(getNamedType(field.type));
        // A page is priced by its `first`, a bounded list (userErrors) as one item: neither needs measuring.
        const priced = field.args.some((arg) => arg.name === 'first') || declaredCost(field) === 'bounded';
        if (listOfObjects && !priced) lists.push(`${type.name}.${field.name}`);
      }
    }
    const measured = (await readFanout(t.database.handle.db)).map((row) => row.relation);
    expect(lists.length).toBeGreaterThan(15);
    expect(measured.sort()).toEqual(expect.arrayContaining(lists.sort()));
  });

  it('measures again after a load: a new reaction shows in the stored figures, and an unchanged load rewrites nothing', async () => {
    const db = t.database.handle.db;
    const reactionsOf = async () => (await readFanout(db)).find((row) => row.relation === 'Event.reactions');
    expect(await reactionsOf()).toEqual({ relation: 'Event.reactions', parents: 12, children: 34, maxChildren: 19 });
    await db.execute(sql`
      INSERT INTO reactions (actor_id, event_id, stance, summary, occurred_on, occurred_precision, citation_id)
      SELECT r.actor_id, r.event_id, r.stance, 'cost test reaction', r.occurred_on, r.occurred_precision, r.citation_id
      FROM reactions r JOIN events e ON e.id = r.event_id ORDER BY e.id LIMIT 1`);
    try {
      await refreshFanout(db);
      expect(await reactionsOf()).toMatchObject({ parents: 12, children: 35 });
    } finally {
      await db.execute(sql`DELETE FROM reactions WHERE summary = 'cost test reaction'`);
      await refreshFanout(db);
    }
    expect(await reactionsOf()).toEqual({ relation: 'Event.reactions', parents: 12, children: 34, maxChildren: 19 });
  });

  it('prices the same document again once the server rereads new figures', async () => {
    const db = t.database.handle.db;
    const costOf = async () => (await withCostReport(TIMELINE_REACTIONS)).extensions?.cost;
    expect(await costOf()).toMatchObject({ estimated: 273, worstCase: 5_231 });
    // 30 more reactions, all on the busiest event's largest country group: its figures grow.
    await db.execute(sql`
      INSERT INTO reactions (actor_id, event_id, stance, summary, occurred_on, occurred_precision, citation_id)
      SELECT r.actor_id, r.event_id, r.stance, 'cost reload reaction', r.occurred_on, r.occurred_precision, r.citation_id
      FROM (SELECT r.* FROM reactions r JOIN actors a ON a.id = r.actor_id WHERE a.country_code IS NOT NULL ORDER BY r.id LIMIT 1) AS r,
           generate_series(1, 30)`);
    try {
      await refreshFanout(db);
      expect(await costOf()).toMatchObject({ estimated: 273, worstCase: 5_231 }); // not reread yet
      await t.server.reloadFanout();
      const grown = await costOf();
      expect(grown.estimated).toBeGreaterThan(273);
      expect(grown.worstCase).toBeGreaterThan(5_231);
    } finally {
      await db.execute(sql`DELETE FROM reactions WHERE summary = 'cost reload reaction'`);
      await refreshFanout(db);
      await t.server.reloadFanout();
    }
    expect(await costOf()).toMatchObject({ estimated: 273, worstCase: 5_231 });
  });
});

describe('query cost on an empty database', () => {
  let empty: TestDatabase;
  beforeAll(async () => {
    empty = await createEmptyDatabase();
    await migrateDatabase(empty.handle);
    await refreshFanout(empty.handle.db);
  });
  afterAll(() => empty?.drop());

  it('counts every list as at least one item: never free, and the timeline query still passes', async () => {
    expect((await readFanout(empty.handle.db)).every((row) => row.parents <= 1 && row.children === 0)).toBe(true);
    const server = await createServer(empty.handle, { ...loadConfig({ NODE_ENV: 'test' }) }, pino({ level: 'silent' }));
    try {
      const result = await withCostReport(TIMELINE_REACTIONS, server);
      expect(dataOf(result).events.nodes).toEqual([]);
      // 1 + 10 × (1 + 1 + (1 + 1 × (2 + 1 + (1 + 1 × (1 + 2 + (1 + 1 × 2))))))
      expect(result.extensions?.cost).toMatchObject({ estimated: 131, worstCase: 131 });
    } finally {
      await server.stop();
    }
  });
});

describe('casualtySeries counts its points before any SQL', () => {
  const series = (interval: string, from: string, to: string) =>
    `{ casualtySeries(interval: ${interval}, filter: { occurred: { from: "${from}", to: "${to}" } }) { points { start } } }`;

  it.each([
    ['DAY', 3_652_059, 'day'],
    ['WEEK', 521_723, 'week'],
    ['MONTH', 119_988, 'month'],
  ])('refuses %s from 0001-01-01 to 9999-12-31 (%i points) without sending a statement', async (interval, points, unit) => {
    const before = t.statements();
    const result = await t.query(series(interval, '0001-01-01', '9999-12-31'));
    expect(t.statements()).toBe(before);
    expect(result.data).toBeNull();
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'interval', points, maximum: 1000 });
    expect(result.errors?.[0]?.message).toBe(
      `The series would have ${points} points (one per ${unit} from 0001-01-01 to 9999-12-31): more than 1000 points, the maximum. ` +
        'Narrow the date range or use a wider interval.',
    );
  });

  it.each([
    ['DAY', '2017-04-09', '2020-01-03', 1000],
    ['WEEK', '2000-11-09', '2020-01-03', 1000], // a Thursday: its week (from Monday 2000-11-06) is the first of 1000
    ['MONTH', '1936-09-30', '2019-12-01', 1000],
    ['WEEK', '2019-12-29', '2020-01-06', 3], // Sunday to Monday: three ISO weeks
  ])('answers %s from %s to %s with exactly %i points, as counted beforehand', async (interval, from, to, points) => {
    const { casualtySeries } = dataOf(await t.query(series(interval, from, to)));
    expect(casualtySeries.points).toHaveLength(points);
  });

  it('refuses one point too many at the edge, still before any SQL', async () => {
    const before = t.statements();
    const result = await t.query(series('DAY', '2017-04-08', '2020-01-03'));
    expect(t.statements()).toBe(before);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', points: 1001, maximum: 1000 });
  });

  it('with an open end (taken from the data), generates at most 1001 points before refusing', async () => {
    const started = performance.now();
    const result = await t.query(`{ casualtySeries(interval: DAY, filter: { occurred: { from: "0001-01-01" } }) { points { start } } }`);
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'interval', maximum: 1000 });
    expect(result.errors?.[0]?.message).toMatch(/more than 1000 points/);
    // 730,000 days used to be generated first (about 2 s); a bounded series takes milliseconds.
    expect(performance.now() - started).toBeLessThan(1500);
  });
});
