import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { createEmptyDatabase, type TestDatabase } from '../helpers/database.js';
import { generateSynthetic, isoCountries, syntheticDefaults } from '../../scripts/synthetic.js';

const tables = [
  'countries',
  'sources',
  'actors',
  'citations',
  'locations',
  'location_countries',
  'events',
  'event_links',
  'event_actors',
  'reactions',
  'deployments',
  'quotes',
  'casualties',
];

/** One md5 over every row of every table, in primary-key order: equal digests mean equal data. */
async function digest(database: TestDatabase): Promise<string> {
  const [row] = await queryRows<{ digest: string }>(
    database.handle.db,
    sql.raw(
      `SELECT md5(${tables
        // recorded_at says when a row was written, not what it holds.
        .map(
          (table) =>
            `coalesce((SELECT string_agg(r, '|' ORDER BY r) FROM (SELECT (to_jsonb(t) - 'recorded_at')::text AS r FROM ${table} t) x), '')`,
        )
        .join(' || ')}) AS digest`,
    ),
  );
  return row!.digest;
}

async function scalar(database: TestDatabase, query: string): Promise<number> {
  const [row] = await queryRows<{ value: number | string }>(database.handle.db, sql.raw(query));
  return Number(row!.value);
}

async function generated(seed: number): Promise<TestDatabase> {
  const database = await createEmptyDatabase();
  await migrateDatabase(database.handle);
  await generateSynthetic(database.handle, syntheticDefaults(2000, seed));
  return database;
}

describe('synthetic data generator', () => {
  const options = syntheticDefaults(2000, 7);
  let first: TestDatabase;
  let second: TestDatabase;
  let otherSeed: TestDatabase;

  beforeAll(async () => {
    [first, second, otherSeed] = await Promise.all([generated(7), generated(7), generated(8)]);
  });
  afterAll(async () => {
    await Promise.all([first, second, otherSeed].map((database) => database?.drop()));
  });

  it('fills every table at the requested volumes', async () => {
    expect(await scalar(first, 'SELECT count(*) AS value FROM casualties')).toBe(2000);
    expect(await scalar(first, 'SELECT count(*) AS value FROM events')).toBe(options.events);
    expect(await scalar(first, 'SELECT count(*) AS value FROM actors')).toBe(options.actors);
    expect(await scalar(first, 'SELECT count(*) AS value FROM quotes')).toBe(options.quotes);
    expect(await scalar(first, 'SELECT count(*) AS value FROM reactions')).toBe(options.reactions);
    expect(await scalar(first, 'SELECT count(*) AS value FROM deployments')).toBe(options.deployments);
    expect(await scalar(first, 'SELECT count(*) AS value FROM countries')).toBe(isoCountries().length);
    expect(isoCountries().length).toBeGreaterThanOrEqual(240);
    // Each synthetic place with a country lies in it (filters by country read location_countries).
    expect(
      await scalar(
        first,
        `SELECT count(*) AS value FROM locations l WHERE l.country_code IS DISTINCT FROM
      (SELECT min(lc.country_code) FROM location_countries lc WHERE lc.location_id = l.id)`,
      ),
    ).toBe(0);
    // Every event has 2–4 participants.
    expect(
      await scalar(
        first,
        `SELECT count(*) AS value FROM (SELECT count(ea.event_id) AS n FROM events e
      LEFT JOIN event_actors ea ON ea.event_id = e.id GROUP BY e.id) x WHERE n NOT BETWEEN 2 AND 4`,
      ),
    ).toBe(0);
  });

  it('is deterministic: the same seed gives the same rows, another seed different ones', async () => {
    const [a, b, c] = await Promise.all([digest(first), digest(second), digest(otherSeed)]);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('leaves keys to the seed data and keeps figures and dates honest', async () => {
    for (const table of ['sources', 'actors', 'citations', 'locations', 'events', 'reactions', 'deployments', 'quotes', 'casualties']) {
      expect(await scalar(first, `SELECT count(*) AS value FROM ${table} WHERE key IS NOT NULL`), table).toBe(0);
    }
    // The check constraints already hold (the inserts passed); these show each qualifier occurs.
    const qualifiers = await queryRows<{ figure_qualifier: string }>(
      first.handle.db,
      sql.raw('SELECT DISTINCT figure_qualifier FROM casualties ORDER BY 1'),
    );
    expect(qualifiers.map((q) => q.figure_qualifier)).toEqual(['EXACT', 'APPROXIMATE', 'AT_LEAST', 'UP_TO', 'UNKNOWN']);
    expect(
      await scalar(
        first,
        `SELECT count(*) AS value FROM casualties WHERE occurred_precision = 'MONTH' AND extract(day FROM occurred_on) <> 1`,
      ),
    ).toBe(0);
    expect(
      await scalar(first, `SELECT count(*) AS value FROM events WHERE occurred_precision = 'YEAR' AND extract(doy FROM occurred_on) <> 1`),
    ).toBe(0);
    expect(await scalar(first, `SELECT count(*) AS value FROM events WHERE occurred_precision <> 'DAY'`)).toBeGreaterThan(0);
    // Some deployments supersede an earlier report of the same movement.
    expect(
      await scalar(
        first,
        `SELECT count(*) AS value FROM deployments d JOIN deployments earlier ON earlier.id = d.supersedes_id
      WHERE earlier.force_country_code = d.force_country_code AND earlier.occurred_on < d.occurred_on`,
      ),
    ).toBeGreaterThan(0);
    // Reaction quotes belong to the reaction's event and are spoken by the reacting actor.
    expect(
      await scalar(
        first,
        `SELECT count(*) AS value FROM quotes q JOIN reactions r ON r.id = q.reaction_id
      WHERE q.event_id <> r.event_id OR q.speaker_actor_id <> r.actor_id`,
      ),
    ).toBe(0);
  });

  it('skews casualties towards a few events', async () => {
    const topShare = await scalar(
      first,
      `SELECT sum(n)::float / ${options.casualties} AS value FROM (
      SELECT count(*) AS n FROM casualties GROUP BY event_id ORDER BY n DESC LIMIT ${Math.ceil(options.events / 100)}) top`,
    );
    expect(topShare).toBeGreaterThan(0.1);
  });

  it('continues ids above existing rows, so it can be loaded next to other data', async () => {
    const before = await scalar(first, 'SELECT max(id) AS value FROM events');
    await generateSynthetic(first.handle, { ...syntheticDefaults(200, 7) });
    expect(await scalar(first, `SELECT min(id) AS value FROM events WHERE id > ${before}`)).toBe(before + 1);
    expect(await scalar(first, 'SELECT count(*) AS value FROM casualties')).toBe(2200);
    // Identity sequences moved past the explicit ids: a plain insert gets a fresh id.
    const [row] = await queryRows<{ id: number }>(
      first.handle.db,
      sql.raw(`INSERT INTO sources (outlet, title) VALUES ('Test Outlet', 'after synthetic') RETURNING id`),
    );
    expect(row!.id).toBe(await scalar(first, 'SELECT max(id) AS value FROM sources'));
  });
});
