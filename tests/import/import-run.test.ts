import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { ImportFatalError, detectFormat, importFile, summaryLine } from '../../src/import/run.js';
import { intervalOf } from '../../src/import/ucdp-ged/map.js';
import { createEmptyDatabase, testDriver, type TestDatabase } from '../helpers/database.js';

const SAMPLE = 'seeds/ucdp-ged/ged231-global-sample.csv';
const dir = mkdtempSync(join(tmpdir(), 'import-run-'));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const fatalOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a fatal import error');
    },
    (error: unknown) => {
      if (!(error instanceof ImportFatalError)) throw error;
      return error.code;
    },
  );

let database: TestDatabase;
beforeAll(async () => {
  database = await createEmptyDatabase();
  await migrateDatabase(database.handle);
});
afterAll(() => database?.drop());

describe('format detection', () => {
  it('knows a GED header, with or without a BOM, and NDJSON objects', async () => {
    expect(await detectFormat(SAMPLE)).toBe('ucdp-ged');
    expect(await detectFormat(file('bom.csv', '\uFEFFid,relid,year\n'))).toBe('ucdp-ged');
    expect(await detectFormat(file('events.ndjson', '{"title":"x"}\n'))).toBe('newsgraph');
  });

  it('refuses an empty file, another format and a missing file, as fatal errors', async () => {
    expect(await fatalOf(detectFormat(file('empty.csv', '')))).toBe('EMPTY_FILE');
    expect(await fatalOf(detectFormat(file('other.csv', 'name,age\nAda,36\n')))).toBe('UNKNOWN_FORMAT');
    expect(await fatalOf(detectFormat(join(dir, 'missing.csv')))).toBe('UNREADABLE');
    expect(await fatalOf(importFile(database.handle.db, { file: file('x.ndjson', '{"a":1}\n') }))).toBe('DATASET_MISSING');
  });
});

describe(`--dry-run on ${testDriver}`, () => {
  it('counts what an import would do and writes nothing, not even a dataset', async () => {
    const summary = await importFile(database.handle.db, { file: SAMPLE, dryRun: true });
    expect(summaryLine(summary)).toBe('imported 1000, updated 0, unchanged 0, rejected 0');
    const [counts] = await queryRows<{ events: number; datasets: number }>(
      database.handle.db,
      sql`SELECT (SELECT count(*)::int FROM events) AS events, (SELECT count(*)::int FROM datasets) AS datasets`,
    );
    expect(counts).toEqual({ events: 0, datasets: 0 });
  });

  it('writes no rejects file', async () => {
    const broken = file('broken.csv', readFileSync(SAMPLE, 'utf8').replace(/\n[^\n]*$/, '\n1,2,3\n'));
    const summary = await importFile(database.handle.db, { file: broken, dryRun: true });
    expect(summary.rejected).toBeGreaterThan(0);
    expect(existsSync(`${broken}.rejects.ndjson`)).toBe(false);
  });
});

describe('GED dates as newsgraph dates', () => {
  it('names a day, a whole month and a whole year, and keeps anything else as a range', () => {
    expect(intervalOf('2001-04-11', '2001-04-11')).toEqual({ on: '2001-04-11', precision: 'DAY', end: '2001-04-11' });
    expect(intervalOf('2000-02-01', '2000-02-29')).toEqual({ on: '2000-02-01', precision: 'MONTH', end: '2000-02-29' });
    expect(intervalOf('1999-01-01', '1999-12-31')).toEqual({ on: '1999-01-01', precision: 'YEAR', end: '1999-12-31' });
    expect(intervalOf('2001-04-11', '2001-04-16')).toEqual({ on: '2001-04-11', precision: 'RANGE', end: '2001-04-16' });
    expect(intervalOf('2000-02-01', '2000-02-28')).toEqual({ on: '2000-02-01', precision: 'RANGE', end: '2000-02-28' });
  });
});

describe(`batches written while the next is read, on ${testDriver}`, () => {
  it('commits them in order; one the database refuses stops the run with every batch before it kept', async () => {
    const fresh = await createEmptyDatabase();
    try {
      await migrateDatabase(fresh.handle);
      // The third batch of 100 rows (lines 303-405 of the file: some rows span lines) fails inside the database.
      await fresh.handle.db.execute(sql`
        CREATE FUNCTION refuse_third_batch() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF (SELECT count(*) FROM events) >= 200 THEN RAISE EXCEPTION 'refused by the test'; END IF;
          RETURN NEW;
        END $$`);
      await fresh.handle.db.execute(
        sql`CREATE TRIGGER refuse_third_batch BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION refuse_third_batch()`,
      );
      const committed: number[] = [];
      const run = importFile(fresh.handle.db, {
        file: SAMPLE,
        batchSize: 100,
        rejectsPath: null,
        onBatchCommitted: (written) => committed.push(written.createdEvents.length),
      });
      await expect(run).rejects.toThrow('the rows of lines 303-405 could not be written: refused by the test (SQLSTATE P0001)');
      expect(committed).toEqual([100, 100]);
      const [count] = await queryRows<{ events: number; casualties: number }>(
        fresh.handle.db,
        sql`SELECT (SELECT count(*)::int FROM events) AS events, (SELECT count(*)::int FROM casualties) AS casualties`,
      );
      expect(count).toEqual({ events: 200, casualties: 200 });

      // Without the fault a rerun completes the file: the committed rows are found unchanged.
      await fresh.handle.db.execute(sql`DROP TRIGGER refuse_third_batch ON events`);
      const rerun = await importFile(fresh.handle.db, { file: SAMPLE, batchSize: 100, rejectsPath: null });
      expect(summaryLine(rerun)).toBe('imported 800, updated 0, unchanged 200, rejected 0');
    } finally {
      await fresh.drop();
    }
  });
});

describe(`an import interrupted while a batch is written, on ${testDriver}`, () => {
  it('stops after that batch: the next one, read meanwhile, stays unwritten, and a rerun finishes the file', async () => {
    const fresh = await createEmptyDatabase();
    try {
      await migrateDatabase(fresh.handle);
      let stop = false;
      const stopped = await importFile(fresh.handle.db, {
        file: SAMPLE,
        batchSize: 100,
        rejectsPath: null,
        onBatchCommitted: () => (stop = true), // Ctrl-C while the first batch was in flight
        shouldStop: () => stop,
      });
      expect(stopped.imported).toBe(100);
      const [count] = await queryRows<{ events: number }>(fresh.handle.db, sql`SELECT count(*)::int AS events FROM events`);
      expect(count).toEqual({ events: 100 });
      const rerun = await importFile(fresh.handle.db, { file: SAMPLE, batchSize: 100, rejectsPath: null });
      expect(summaryLine(rerun)).toBe('imported 900, updated 0, unchanged 100, rejected 0');
    } finally {
      await fresh.drop();
    }
  });
});
