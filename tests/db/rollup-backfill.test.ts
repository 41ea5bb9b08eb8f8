import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { queryRows } from '../../src/db/client.js';
import { rollupDrift } from '../helpers/rollup.js';
import { migrateDatabase, migrationsFolder } from '../../src/db/migrate.js';
import { createEmptyDatabase, testDriver, type TestDatabase } from '../helpers/database.js';

/*
 * Migration 0007 changes what a casualty adds to a total and what casualty_rollups holds: a
 * database that already has casualties (summed by 0005's rule) must come out with the rollup of
 * the new rule, equal to the rows.
 */
let database: TestDatabase;
let before: string;
beforeAll(async () => {
  database = await createEmptyDatabase();
  // The migrations as they were before 0007.
  before = mkdtempSync(path.join(tmpdir(), 'newsgraph-migrations-'));
  cpSync(migrationsFolder, before, { recursive: true });
  const journalFile = path.join(before, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { idx: number }[] };
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.filter((e) => e.idx < 7) }));
});
afterAll(async () => {
  await database?.drop();
  if (before) rmSync(before, { recursive: true, force: true });
});

describe(`migration 0007 on a database with casualties (${testDriver})`, () => {
  it('rebuilds casualty_rollups by the new rule, equal to the rows', async () => {
    const { db } = database.handle;
    if (database.handle.driver === 'pglite') await migratePglite(db as unknown as PgliteDatabase, { migrationsFolder: before });
    else await migratePg(db as unknown as NodePgDatabase, { migrationsFolder: before });
    // A few rows in the schema of that time, by SQL: the seed loader writes the current schema.
    await db.execute(sql`INSERT INTO countries (code, name) VALUES ('IQ', 'Iraq'), ('US', 'United States')`);
    await db.execute(sql`INSERT INTO sources (outlet, title) VALUES ('TIME', 'A timeline')`);
    await db.execute(sql`INSERT INTO citations (source_id, passage) SELECT id, 'a passage' FROM sources`);
    await db.execute(sql`
      INSERT INTO events (title, summary, kind, occurred_on, occurred_precision, citation_id)
      SELECT 'Rocket attack', 'Rockets hit a base', 'ROCKET_ATTACK', '2019-12-27', 'DAY', id FROM citations`);
    await db.execute(sql`
      INSERT INTO casualties (event_id, kind, figure_low, figure_best, figure_high, figure_qualifier, figure_wording, victim_description,
                              occurred_on, occurred_precision, citation_id, victim_country_code)
      SELECT e.id, 'KILLED', 1, 1, 1, 'EXACT', 'one', 'contractor', '2019-12-27', 'DAY', e.citation_id, 'US' FROM events e`);
    // An approximate figure without bounds, summed the old way: its best counted as floor and ceiling.
    await db.execute(sql`
      INSERT INTO casualties (event_id, kind, figure_low, figure_best, figure_high, figure_qualifier, figure_wording, victim_description,
                              occurred_on, occurred_precision, citation_id, victim_country_code)
      SELECT e.id, 'KILLED', NULL, 40, NULL, 'APPROXIMATE', 'about 40', 'test', '2020-01-05', 'DAY', e.citation_id, 'IQ' FROM events e LIMIT 1`);
    const old = await queryRows<{ low_sum: string; high_sum: string }>(
      db,
      sql`
      SELECT low_sum, high_sum FROM casualty_rollups WHERE figure_qualifier = 'APPROXIMATE' AND victim_country_code = 'IQ' AND kind = 'KILLED'`,
    );
    expect(old.map((r) => [Number(r.low_sum), Number(r.high_sum)])).toEqual([[40, 40]]);

    await migrateDatabase(database.handle);

    const rebuilt = await queryRows<Record<string, string>>(
      db,
      sql`
      SELECT low_sum, low_missing, best_sum, high_sum, high_missing, records FROM casualty_rollups
      WHERE figure_qualifier = 'APPROXIMATE' AND victim_country_code = 'IQ' AND kind = 'KILLED'`,
    );
    expect(rebuilt.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)])))).toEqual([
      { low_sum: 0, low_missing: 1, best_sum: 40, high_sum: 0, high_missing: 1, records: 1 },
    ]);
    const drift = await rollupDrift(db);
    expect(drift).toEqual([]);
    // The functions of 0005's rule are gone, so nothing can sum by it any more.
    const leftover = await queryRows(
      db,
      sql`SELECT proname FROM pg_proc WHERE proname IN ('figure_low_part', 'figure_best_part', 'figure_high_part')`,
    );
    expect(leftover).toEqual([]);
  });
});
