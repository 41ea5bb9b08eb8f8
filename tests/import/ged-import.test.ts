import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../../src/db/client.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { ImportFatalError, importFile, summaryLine } from '../../src/import/run.js';
import { GW_TO_ISO } from '../../src/import/ucdp-ged/countries.js';
import { createEmptyDatabase, testDriver } from '../helpers/database.js';
import { dataOf, startTestServer, type TestServer } from '../helpers/server.js';

const SAMPLE = 'seeds/ucdp-ged/ged231-global-sample.csv';
const sampleText = readFileSync(SAMPLE, 'utf8');
// The test's own reading of the file (csv-parse's sync API, whole file), independent of the importer.
const parsed = parse(sampleText, { raw: true }) as unknown as Array<{ record: string[]; raw: string }>;
const header = parsed[0]!.record;
const rows = parsed.slice(1).map(({ record, raw }) => ({ record, raw: raw.replace(/\n$/, '') }));
const col = (name: string) => header.indexOf(name);
const num = (record: string[], name: string) => Number(record[col(name)]);
const sumBy = (key: (r: string[]) => string | number, value: (r: string[]) => number) => {
  const sums = new Map<string, number>();
  for (const { record } of rows) sums.set(String(key(record)), (sums.get(String(key(record))) ?? 0) + value(record));
  return Object.fromEntries([...sums].sort(([a], [b]) => a.localeCompare(b)));
};
const best = (r: string[]) => num(r, 'best');

const dir = mkdtempSync(join(tmpdir(), 'ged-import-'));
const csvField = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

let t: TestServer;
let datasetId: string;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

const STATS = `query Ged($dataset: ID!) {
  total: casualtyStats(filter: { dataset: $dataset }) { total { best records } }
  byCountry: casualtyStats(filter: { dataset: $dataset }, groupBy: [COUNTRY]) {
    groups(first: 100) { totalCount nodes { key { country { code } } total { best } } }
  }
  byYear: casualtyStats(filter: { dataset: $dataset }, groupBy: [YEAR]) { groups(first: 100) { nodes { key { year } total { best } } } }
  byType: casualtyStats(filter: { dataset: $dataset }, groupBy: [EVENT_KIND]) {
    groups(first: 10) { nodes { key { eventKind } total { best } } }
  }
  dataset: node(id: $dataset) {
    ... on Dataset {
      key name version licence
      lastImport { imported updated unchanged rejected bestOutsideInterval }
      records { events casualties }
      deaths { records best sideA sideB civilians unknown }
    }
  }
}`;

describe(`UCDP GED sample import on ${testDriver}`, () => {
  it('imports every row of the sample once, then finds all of them unchanged', async () => {
    const first = await importFile(t.database.handle.db, { file: SAMPLE });
    expect(summaryLine(first)).toBe('imported 1000, updated 0, unchanged 0, rejected 0');
    expect(first.widened).toBe(13);
    expect(first.rejectsPath).toBeNull();
    const again = await importFile(t.database.handle.db, { file: SAMPLE });
    expect(summaryLine(again)).toBe('imported 0, updated 0, unchanged 1000, rejected 0');
    const { datasets } = dataOf(await t.query('{ datasets(first: 10) { nodes { id key } } }'));
    expect(datasets.nodes.map((d: { key: string }) => d.key)).toEqual(['newsgraph:us-iran-2019-2020', 'ucdp-ged']);
    datasetId = datasets.nodes[1].id;
    const [counts] = await queryRows<{ events: number; actors: number }>(
      t.database.handle.db,
      sql`SELECT (SELECT count(*)::int FROM events WHERE dataset_id IS NOT NULL AND external_id IS NOT NULL) AS events,
                 (SELECT count(*)::int FROM actors WHERE key LIKE 'ucdp-ged:actor:%') AS actors`,
    );
    const sides = new Set(rows.flatMap(({ record }) => [record[col('side_a_new_id')], record[col('side_b_new_id')]]));
    expect(counts).toEqual({ events: 1000, actors: sides.size });
  });

  it("answers GED's own sums exactly: total, by country, by year, by type of violence, civilians", async () => {
    const data = dataOf(await t.query(STATS, { dataset: datasetId }));
    expect(data.total.total).toEqual({ best: rows.reduce((s, { record }) => s + best(record), 0), records: 1000 });
    expect(data.total.total.best).toBe(9561);

    const byCountry = Object.fromEntries(
      data.byCountry.groups.nodes
        .map((g: any) => [g.key.country.code, g.total.best])
        .sort(([a]: [string], [b]: [string]) => a.localeCompare(b)),
    );
    expect(byCountry).toEqual(sumBy((r) => GW_TO_ISO[num(r, 'country_id')]!, best));
    expect(data.byCountry.groups.totalCount).toBe(new Set(rows.map(({ record }) => record[col('country_id')])).size);

    const byYear = Object.fromEntries(data.byYear.groups.nodes.map((g: any) => [String(g.key.year), g.total.best]));
    expect(Object.fromEntries(Object.entries(byYear).sort(([a], [b]) => a.localeCompare(b)))).toEqual(sumBy((r) => num(r, 'year'), best));

    const kinds: Record<string, string> = { '1': 'STATE_BASED_VIOLENCE', '2': 'NON_STATE_VIOLENCE', '3': 'ONE_SIDED_VIOLENCE' };
    const byType = Object.fromEntries(data.byType.groups.nodes.map((g: any) => [g.key.eventKind, g.total.best]));
    const expectedByType = sumBy((r) => kinds[r[col('type_of_violence')]!]!, best);
    expect(Object.fromEntries(Object.entries(byType).sort(([a], [b]) => a.localeCompare(b)))).toEqual(expectedByType);

    const total = (name: string) => rows.reduce((s, { record }) => s + num(record, name), 0);
    expect(data.dataset).toMatchObject({
      key: 'ucdp-ged',
      version: '23.1',
      licence: 'CC BY 4.0',
      lastImport: { imported: 0, updated: 0, unchanged: 1000, rejected: 0, bestOutsideInterval: 13 },
      records: { events: 1000, casualties: 1000 },
      deaths: {
        records: 1000,
        best: 9561,
        sideA: total('deaths_a'),
        sideB: total('deaths_b'),
        civilians: total('deaths_civilians'),
        unknown: total('deaths_unknown'),
      },
    });
  });

  it('groups statistics by DATASET, so GED and the article stand side by side', async () => {
    const data = dataOf(
      await t.query(`{ casualtyStats(groupBy: [DATASET]) { groups(first: 10) { nodes { key { dataset { key } } total { records } } } } }`),
    );
    const byDataset = Object.fromEntries(data.casualtyStats.groups.nodes.map((g: any) => [g.key.dataset.key, g.total.records]));
    expect(byDataset['ucdp-ged']).toBe(1000);
    const [article] = await queryRows<{ n: number }>(
      t.database.handle.db,
      sql`SELECT count(*)::int AS n FROM casualties WHERE dataset_id = (SELECT id FROM datasets WHERE key = 'newsgraph:us-iran-2019-2020')`,
    );
    expect(byDataset['newsgraph:us-iran-2019-2020']).toBe(article!.n);
    expect(article!.n).toBeGreaterThan(0);
  });

  it('keeps an interval date, the breakdown, the flagged row and the sides of an event', async () => {
    // id 1648: 1998-04-11 to 1998-04-12 (date_prec 2), Algeria; id 162326: low 3, best 2, high 2.
    const query = `query E($dataset: ID!, $from: Date!, $to: Date!, $match: DateMatch!) {
      events(first: 10, filter: { dataset: $dataset, conflictName: "Algeria: Government", occurred: { from: $from, to: $to, match: $match } }) {
        nodes { externalId kind conflictName dyadName occurredOn { date end precision } location { name precision adm1 adm2 latitude country { code } }
                participants { role actor { name kind } } casualties { breakdown { sideA sideB civilians unknown } figure { low best high } } }
      }
    }`;
    const within = dataOf(await t.query(query, { dataset: datasetId, from: '1998-04-11', to: '1998-04-11', match: 'WITHIN' }));
    expect(within.events.nodes.map((e: any) => e.externalId)).not.toContain('1648');
    const overlaps = dataOf(await t.query(query, { dataset: datasetId, from: '1998-04-11', to: '1998-04-11', match: 'OVERLAPS' }));
    const event = overlaps.events.nodes.find((e: any) => e.externalId === '1648');
    expect(event).toMatchObject({
      kind: 'STATE_BASED_VIOLENCE',
      conflictName: 'Algeria: Government',
      dyadName: 'Government of Algeria - GIA',
      occurredOn: { date: '1998-04-11', end: '1998-04-12', precision: 'RANGE' },
      location: { precision: 'WITHIN_25_KM', adm1: 'Batna province', adm2: 'Batna commune', latitude: 35.555278, country: { code: 'DZ' } },
      casualties: [{ breakdown: { sideA: 1, sideB: 0, civilians: 1, unknown: 0 }, figure: { low: 2, best: 2, high: 2 } }],
    });
    expect(event.participants).toEqual(
      expect.arrayContaining([
        { role: 'SIDE_A', actor: { name: 'Government of Algeria', kind: 'GOVERNMENT' } },
        { role: 'SIDE_B', actor: { name: 'GIA', kind: 'MILITIA' } },
      ]),
    );
    const [flagged] = await queryRows<Record<string, unknown>>(
      t.database.handle.db,
      sql`SELECT figure_low, figure_best, figure_high, reported_low, reported_high, best_outside_interval
          FROM casualties WHERE key = 'ucdp-ged:162326'`,
    );
    expect(flagged).toEqual({
      figure_low: 2,
      figure_best: 2,
      figure_high: 3,
      reported_low: 3,
      reported_high: 2,
      best_outside_interval: true,
    });
  });

  it('updates a row released again with the same id, and leaves the rest unchanged', async () => {
    const target = rows.findIndex(({ record }) => record[col('id')] === '1648');
    const changed = [...rows[target]!.record];
    changed[col('where_description')] = 'Batna town (revised)';
    const text = [parsed[0]!.raw.replace(/\n$/, ''), ...rows.map((r, i) => (i === target ? changed.map(csvField).join(',') : r.raw))].join(
      '\n',
    );
    const file = join(dir, 'ged231-revised.csv');
    writeFileSync(file, `${text}\n`);
    const summary = await importFile(t.database.handle.db, { file });
    expect(summaryLine(summary)).toBe('imported 0, updated 1, unchanged 999, rejected 0');
    const { events } = dataOf(
      await t.query(
        `query($d: ID!) { events(first: 5, filter: { dataset: $d, search: "revised" }) { totalCount nodes { location { name } } } }`,
        {
          d: datasetId,
        },
      ),
    );
    expect(events.nodes).toEqual([{ location: { name: 'Batna town (revised)' } }]);
    const [counts] = await queryRows<{ events: number; casualties: number }>(
      t.database.handle.db,
      sql`SELECT (SELECT count(*)::int FROM events WHERE external_id IS NOT NULL) AS events,
                 (SELECT count(*)::int FROM casualties WHERE key LIKE 'ucdp-ged:%') AS casualties`,
    );
    expect(counts).toEqual({ events: 1000, casualties: 1000 });
  });

  it('refuses a wrong header as a whole, writing nothing', async () => {
    const file = join(dir, 'bad-header.csv');
    writeFileSync(file, sampleText.replace(',best,', ',bestest,'));
    const before = await queryRows<{ n: number }>(t.database.handle.db, sql`SELECT count(*)::int AS n FROM events`);
    const error = await importFile(t.database.handle.db, { file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFatalError);
    expect((error as ImportFatalError).code).toBe('HEADER_MISMATCH');
    expect((error as Error).message).toMatch(/missing best; unexpected "bestest"/);
    expect(await queryRows<{ n: number }>(t.database.handle.db, sql`SELECT count(*)::int AS n FROM events`)).toEqual(before);
    expect(existsSync(`${file}.rejects.ndjson`)).toBe(false);
  });
});

describe(`a corrupted copy of the sample through npm run import on ${testDriver}`, () => {
  // Broken rows, by position among the data rows: each kind of bad input the issue lists.
  const breaks: Record<number, { column: string | null; reason: RegExp; edit: (record: string[]) => string[] | string }> = {
    3: { column: null, reason: /row has 48 fields, the header 49/, edit: (r) => r.filter((_, i) => i !== col('region')) },
    10: { column: 'deaths_a', reason: /not an integer: "three"/, edit: (r) => set(r, 'deaths_a', 'three') },
    20: { column: 'deaths_civilians', reason: /negative: -4/, edit: (r) => set(r, 'deaths_civilians', '-4') },
    30: { column: 'date_start', reason: /not a date/, edit: (r) => set(r, 'date_start', '12/04/2001') },
    40: { column: 'date_end', reason: /ends before it starts/, edit: (r) => set(r, 'date_end', '1980-01-01 00:00:00.000') },
    50: { column: 'latitude', reason: /out of range -90..90: 95.5/, edit: (r) => set(r, 'latitude', '95.5') },
    60: {
      column: 'country_id',
      reason: /unknown Gleditsch–Ward number 999/,
      edit: (r) => set(set(r, 'country', 'Atlantis'), 'country_id', '999'),
    },
  };
  function set(record: string[], name: string, value: string): string[] {
    const copy = [...record];
    copy[col(name)] = value;
    return copy;
  }

  it('rejects exactly the broken rows with their lines (BOM, CRLF, truncated last line), imports the rest, exits 2', async () => {
    // Windows line endings between records, a UTF-8 BOM, and the last row cut off mid-field.
    const texts = rows.map((r, i) => {
      const brk = breaks[i];
      if (!brk) return r.raw;
      const edited = brk.edit(r.record);
      return typeof edited === 'string' ? edited : edited.map(csvField).join(',');
    });
    const last = texts.length - 1;
    texts[last] = texts[last]!.slice(0, texts[last]!.length - 30);
    const body = [parsed[0]!.raw.replace(/\n$/, ''), ...texts].join('\r\n');
    const file = join(dir, 'ged231-corrupted.csv');
    writeFileSync(file, `\uFEFF${body}`);
    // Where each row starts: 1 + line breaks before it (quoted fields may span lines).
    const lineOf = (index: number) => {
      const before = [parsed[0]!.raw.replace(/\n$/, ''), ...texts.slice(0, index)].join('\r\n') + '\r\n';
      return 1 + (before.match(/\r\n|\r|\n/g)?.length ?? 0);
    };

    const database = await createEmptyDatabase();
    const env = { ...process.env } as Record<string, string>;
    delete env.DATABASE_URL;
    const dataDir = join(dir, 'pglite');
    if (database.url) env.DATABASE_URL = database.url;
    else env.PGLITE_DATA_DIR = dataDir;
    const run = await promisify(execFile)(process.execPath, ['--import', 'tsx/esm', 'src/import/cli.ts', file], { env }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(run.stderr).not.toMatch(/Error|at .*\.ts/);
    expect(run.code).toBe(2);
    const lines = run.stdout.trim().split('\n');
    expect(lines.at(-1)).toBe(`imported ${1000 - 8}, updated 0, unchanged 0, rejected 8`);

    const rejects = readFileSync(`${file}.rejects.ndjson`, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { line: number; column: string | null; reason: string; raw: string });
    const expected = [
      ...Object.entries(breaks).map(([i, b]) => ({ line: lineOf(Number(i)), column: b.column, reason: b.reason })),
      { line: lineOf(last), column: null, reason: /ends in the middle of this row|never closed/ },
    ];
    expect(rejects.map((r) => r.line)).toEqual(expected.map((e) => e.line));
    rejects.forEach((r, i) => {
      expect(r.column).toBe(expected[i]!.column);
      expect(r.reason).toMatch(expected[i]!.reason);
      expect(r.raw.length).toBeGreaterThan(0);
    });

    await database.handle.close();
    const handle = database.url ? await openDatabase({ url: database.url }) : await openDatabase({ pgliteDataDir: dataDir });
    try {
      await migrateDatabase(handle);
      const [stored] = await queryRows<{ events: number; best: number }>(
        handle.db,
        sql`SELECT (SELECT count(*)::int FROM events) AS events, (SELECT sum(figure_best)::int FROM casualties) AS best`,
      );
      const brokenBest = [...Object.keys(breaks).map(Number), last].reduce((s, i) => s + best(rows[i]!.record), 0);
      expect(stored).toEqual({ events: 992, best: 9561 - brokenBest });
    } finally {
      await handle.close();
      if (database.url) await database.drop().catch(() => {});
    }
  }, 120_000);
});
