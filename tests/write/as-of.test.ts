import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Database } from '../../src/db/client.js';
import { casualtiesAsOf } from '../../src/graphql/modules/stats/as-of.js';
import { createSeededDatabase, testDriver, type TestDatabase } from '../helpers/database.js';

let database: TestDatabase;
let db: Database;
beforeAll(async () => {
  database = await createSeededDatabase();
  db = database.handle.db;
});
afterAll(() => database?.drop());

const bestAt = async (asOf: Date) =>
  (
    await queryRows<{ best: number; records: number }>(
      db,
      sql`SELECT coalesce(sum(figure_best), 0)::int AS best, count(*)::int AS records FROM ${casualtiesAsOf(asOf)}`,
    )
  )[0]!;
const now = async () => new Date((await queryRows<{ t: string }>(db, sql`SELECT clock_timestamp()::text AS t`))[0]!.t);
const pause = () => new Promise((resolve) => setTimeout(resolve, 20));

describe(`casualties as they stood at a time (${testDriver})`, () => {
  it('sees each revision and retraction only from when it was recorded', async () => {
    const [{ id, figure_best: seeded }] = (await queryRows<{ id: number; figure_best: number }>(
      db,
      sql`SELECT id, figure_best FROM casualties WHERE figure_qualifier = 'EXACT' ORDER BY id LIMIT 1`,
    )) as [{ id: number; figure_best: number }];
    const beforeAll = await now();
    const original = await bestAt(beforeAll);
    await pause();
    await db.execute(
      sql`UPDATE casualties SET figure_low = figure_low + 100, figure_best = figure_best + 100, figure_high = figure_high + 100 WHERE id = ${id}`,
    );
    await pause();
    const afterRevision = await now();
    await pause();
    await db.execute(sql`UPDATE casualties SET retracted_at = now() WHERE id = ${id}`);
    await pause();
    const afterRetraction = await now();

    expect(await bestAt(beforeAll)).toEqual(original);
    expect(await bestAt(afterRevision)).toEqual({ best: original.best + 100, records: original.records });
    expect(await bestAt(afterRetraction)).toEqual({ best: original.best - seeded, records: original.records - 1 });
    // Before anything was recorded there was nothing.
    expect(await bestAt(new Date('2000-01-01T00:00:00Z'))).toEqual({ best: 0, records: 0 });
  });
});
