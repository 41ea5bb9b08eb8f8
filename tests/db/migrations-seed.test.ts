import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../../src/db/client.js';
import { expectedMigrationCount, migrateDatabase } from '../../src/db/migrate.js';
import { SEED_FILES, seedDatabase, seedIfEmpty } from '../../seeds/index.js';
import { importFile, summaryLine } from '../../src/import/run.js';
import { createEmptyDatabase, testDriver, type TestDatabase } from '../helpers/database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createEmptyDatabase();
});
afterAll(() => database?.drop());

const tables = [
  'countries',
  'datasets',
  'sources',
  'actors',
  'citations',
  'locations',
  'location_countries',
  'events',
  'event_actors',
  'event_links',
  'casualties',
  'casualty_rollups',
  'deployments',
  'reactions',
  'quotes',
  'relation_fanout',
  'casualty_revisions',
  'deployment_revisions',
  'audit_entries',
  'idempotency_keys',
];

/**
 * Row count and a digest of every row, per table: equal digests mean equal data. A dataset's
 * import bookkeeping (when, and the counts of the last run) is left out: seeding is an import run.
 */
async function snapshot(): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of tables) {
    const rows = table === 'datasets' ? '(SELECT id, key, name, version, licence, citation, url FROM datasets)' : table;
    const [row] = await queryRows<{ n: number; digest: string }>(
      database.handle.db,
      sql.raw(`SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM ${rows} AS t`),
    );
    result[table] = `${row!.n}:${row!.digest}`;
  }
  return result;
}

const insertCasualty = (figure: string) =>
  database.handle.db.execute(
    sql.raw(`
    INSERT INTO casualties (event_id, kind, figure_low, figure_best, figure_high, figure_qualifier, figure_wording, victim_description, occurred_on, occurred_precision, citation_id)
    SELECT e.id, 'KILLED', ${figure}, 'test', 'test', '2020-01-03', 'DAY', e.citation_id FROM events e LIMIT 1`),
  );

/** Drizzle wraps driver errors; the constraint name is in the cause Postgres raised. */
async function violation(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return String((error as { cause?: Error }).cause?.message ?? error);
  }
  return 'no error';
}

describe(`migrations and seed on ${testDriver}`, () => {
  it('migrates an empty database to the full schema with its extension', async () => {
    await migrateDatabase(database.handle);
    const present = await queryRows<{ tablename: string }>(
      database.handle.db,
      sql`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    expect(present.map((r) => r.tablename)).toEqual([...tables].sort());
    const ext = await queryRows<{ extname: string }>(database.handle.db, sql`SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'`);
    expect(ext).toHaveLength(1);
    await migrateDatabase(database.handle); // a second run is a no-op
  });

  it('lets several instances migrate the same empty database at once', async () => {
    const fresh = await createEmptyDatabase();
    const second = fresh.url ? await openDatabase({ url: fresh.url, poolMax: 2 }) : fresh.handle;
    try {
      await Promise.all([migrateDatabase(fresh.handle), migrateDatabase(second), migrateDatabase(fresh.handle)]);
      const applied = await queryRows<{ n: number }>(fresh.handle.db, sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
      expect(applied[0]!.n).toBe(expectedMigrationCount());
    } finally {
      if (second !== fresh.handle) await second.close();
      await fresh.drop();
    }
  });

  it('has no line the importer would reject in the seed files', async () => {
    for (const file of SEED_FILES) {
      const summary = await importFile(database.handle.db, { file, dryRun: true });
      expect(summaryLine(summary)).toMatch(/^imported \d+, updated 0, unchanged 0, rejected 0$/);
    }
  });

  it('seeds an empty database, and leaves a seeded one alone', async () => {
    expect(await seedIfEmpty(database.handle.db)).toBe(true);
    expect(await seedIfEmpty(database.handle.db)).toBe(false);
    const counts = await snapshot();
    expect(Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v.split(':')[0])]))).toMatchObject({
      events: 12,
      casualties: 7,
      deployments: 6,
      quotes: 45,
      reactions: 34,
      actors: 54,
    });
  });

  it('is idempotent: seeding again changes no row, and the dataset says every line was unchanged', async () => {
    const before = await snapshot();
    await seedDatabase(database.handle.db);
    expect(await snapshot()).toEqual(before);
    const [dataset] = await queryRows<{ last_imported: number; last_unchanged: number }>(
      database.handle.db,
      sql`SELECT last_imported, last_unchanged FROM datasets WHERE key = 'newsgraph:us-iran-2019-2020'`,
    );
    expect(dataset).toEqual({ last_imported: 0, last_unchanged: 85 });
  });

  it('derives the end of imprecise dates', async () => {
    const rows = await queryRows<{ key: string; occurred_end: string }>(
      database.handle.db,
      sql`SELECT key, occurred_end::text FROM events WHERE key IN ('iraq-protests-since-october', 'us-withdraws-nuclear-deal', 'dec-27-rocket-attack') ORDER BY key`,
    );
    expect(rows).toEqual([
      { key: 'dec-27-rocket-attack', occurred_end: '2019-12-27' },
      { key: 'iraq-protests-since-october', occurred_end: '2019-10-31' },
      { key: 'us-withdraws-nuclear-deal', occurred_end: '2018-12-31' },
    ]);
  });

  it.each([
    ['an EXACT figure whose bounds differ', `1, 2, 2, 'EXACT'`, 'casualties_figure_matches_qualifier'],
    ['bounds out of order', `5, 3, 9, 'APPROXIMATE'`, 'casualties_figure_ordered'],
    ['a negative count', `-1, null, null, 'AT_LEAST'`, 'casualties_figure_non_negative'],
    ['an UNKNOWN figure with a number', `null, 3, null, 'UNKNOWN'`, 'casualties_figure_matches_qualifier'],
    ['an open-ended figure with a ceiling', `3, null, 9, 'AT_LEAST'`, 'casualties_figure_matches_qualifier'],
  ])('refuses %s', async (_label, figure, constraint) => {
    expect(await violation(insertCasualty(figure))).toMatch(new RegExp(`violates check constraint "${constraint}"`));
  });

  it('refuses a month-precise date that is not the 1st of the month', async () => {
    const update = database.handle.db.execute(sql`UPDATE events SET occurred_precision = 'MONTH' WHERE key = 'dec-27-rocket-attack'`);
    expect(await violation(update)).toMatch(/violates check constraint "events_occurred_period_start"/);
  });
});
