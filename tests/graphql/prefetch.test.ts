import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import { events } from '../../src/db/schema/index.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { createLoaders, type Loaders } from '../../src/graphql/loaders.js';
import { allEventRelations, eventPrefetch } from '../../src/graphql/modules/event/event.prefetch.js';
import { generateSynthetic, syntheticDefaults } from '../../scripts/synthetic.js';
import { toGlobalId } from '../../src/graphql/common/global-id.js';
import { createEmptyDatabase, type TestDatabase } from '../helpers/database.js';
import { dataOf, startTestServer, type TestServer } from '../helpers/server.js';

/**
 * What each relation's loaders answer for an event: the rows a field resolver would read. Read
 * through `loaders`, which either fetch them (batch statements) or hold what was primed.
 */
async function relationsOf(loaders: Loaders, event: typeof events.$inferSelect) {
  const participants = await loaders.participantsByEvent.load(event.id);
  const quotes = await loaders.quotesByEvent.load(event.id);
  const reactions = await loaders.reactionsByEvent.load(event.id);
  const location = event.locationId === null ? null : await loaders.location.load(event.locationId);
  const actorIds = [...participants.map((p) => p.actorId), ...quotes.map((q) => q.speakerActorId), ...reactions.map((r) => r.actorId)];
  const actors = await Promise.all(actorIds.map((id) => loaders.actor.load(id)));
  const countryCodes = [location?.countryCode, ...actors.map((a) => a?.countryCode)].filter((code): code is string => Boolean(code));
  return {
    participants,
    quotes,
    reactions,
    casualties: await loaders.casualtiesByEvent.load(event.id),
    deployments: await loaders.deploymentsByEvent.load(event.id),
    location,
    actors,
    countries: await Promise.all(countryCodes.map((code) => loaders.country.load(code))),
  };
}

/** Every event's relations fetched ahead (one statement) equal the same relations fetched by the loaders' batch statements. */
async function expectPrefetchMatchesLoaders(database: TestDatabase): Promise<number> {
  const { db } = database.handle;
  const plan = eventPrefetch([...allEventRelations].sort());
  const rows = await db.select({ row: events, prefetched: plan.column }).from(events).orderBy(asc(events.id));
  const primed = createLoaders(db);
  for (const { row, prefetched } of rows) plan.apply(primed, row, prefetched);
  const before = database.handle.statementCount;
  const ahead = await Promise.all(rows.map(({ row }) => relationsOf(primed, row)));
  // Everything the resolvers would read was primed: no statement was needed.
  expect(database.handle.statementCount - before).toBe(0);
  const fetched = await Promise.all(rows.map(({ row }) => relationsOf(createLoaders(db), row)));
  expect(ahead).toEqual(fetched);
  return rows.length;
}

describe('fetching ahead', () => {
  let t: TestServer;
  let synthetic: TestDatabase;
  beforeAll(async () => {
    // The comparison query reads every relation of every quote's event: above the default cost limit.
    t = await startTestServer({ maxQueryCost: 1_000_000 });
    synthetic = await createEmptyDatabase();
    await migrateDatabase(synthetic.handle);
    await generateSynthetic(synthetic.handle, syntheticDefaults(3000, 3));
  });
  afterAll(async () => {
    await t?.close();
    await synthetic?.drop();
  });

  it('primes exactly the rows the loaders fetch, for every event of the article and of a synthetic set', async () => {
    expect(await expectPrefetchMatchesLoaders(t.database)).toBe(12);
    expect(await expectPrefetchMatchesLoaders(synthetic)).toBe(300);
  });

  const NESTED = `
    query Nested($first: Int) {
      events(first: $first) {
        nodes {
          title
          location { name country { name } }
          actors { name }
          participants { role actor { name } }
          quotes { text speaker { name } }
          reactionsByCountry { country { name } actorCount reactions { stance actor { name } } }
          casualties { kind figure { best qualifier } }
          deployments { status figure { best } }
        }
      }
    }`;

  it('answers events with location, actors, quotes, reactions, casualties and deployments in one statement', async () => {
    for (const first of [3, 12]) {
      const before = t.statements();
      const { events: page } = dataOf(await t.query(NESTED, { first }));
      expect(t.statements() - before).toBe(1);
      expect(page.nodes).toHaveLength(first);
    }
  });

  it('answers the same as one event at a time through the loaders', async () => {
    const { events: page } = dataOf(await t.query(NESTED, { first: 12 }));
    // `quotes { event { … } }` reaches events through Quote.event: no fetching ahead there.
    const { quotes } = dataOf(
      await t.query(`{ quotes(first: 45) { nodes { event { title
      location { name country { name } } actors { name } participants { role actor { name } } quotes { text speaker { name } }
      reactionsByCountry { country { name } actorCount reactions { stance actor { name } } }
      casualties { kind figure { best qualifier } } deployments { status figure { best } } } } } }`),
    );
    const viaLoaders = new Map(quotes.nodes.filter((q: any) => q.event).map((q: any) => [q.event.title, q.event]));
    expect(viaLoaders.size).toBeGreaterThan(3);
    for (const [title, event] of viaLoaders) expect(page.nodes.find((e: any) => e.title === title)).toEqual(event);
  });

  it('follows fragments, aliases and node(id) to what the selection reads', async () => {
    const { events: page } = dataOf(
      await t.query(`{ events(first: 12, filter: { kinds: [TARGETED_KILLING] }) { edges { node { id } } } }`),
    );
    const id = page.edges[0].node.id;
    const query = `
      query ($id: ID!) {
        node(id: $id) { ... on Event { ...Where said: quotes { text who: speaker { name } } } }
        again: event(id: $id) { reactionsByCountry { country { name } } }
      }
      fragment Where on Event { location { name country { name } } }`;
    const before = t.statements();
    const data = dataOf(await t.query(query, { id }));
    // One statement per root field, nothing more for their nested lists.
    expect(t.statements() - before).toBe(2);
    expect(data.node.location.name).toBe('Baghdad International Airport');
    expect(data.node.said.map((q: any) => q.who.name)).toContain('Donald Trump');
    expect(data.again.reactionsByCountry.map((g: any) => g.country.name)).toContain('Iran');
  });

  it('answers null for a missing event fetched ahead', async () => {
    const result = await t.query(`query ($id: ID!) { event(id: $id) { quotes { text } } }`, { id: toGlobalId('Event', 999_999) });
    expect(result).toEqual({ data: { event: null } });
  });
});
