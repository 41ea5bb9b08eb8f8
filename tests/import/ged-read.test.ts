import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { GedFatalError, readGedFile, readGedStream, type GedReadItem } from '../../src/import/ucdp-ged/read.js';
import { GED_COLUMNS } from '../../src/import/ucdp-ged/row.js';

const SAMPLE = 'seeds/ucdp-ged/ged231-global-sample.csv';
const sampleText = readFileSync(SAMPLE, 'utf8');
// The test's own reading of the file, independent of the reader under test.
const parsedSample = parse(sampleText, { raw: true, bom: true }) as unknown as Array<{ record: string[]; raw: string }>;
const header = parsedSample[0]!.record;
const dataRows = parsedSample.slice(1).map(({ record, raw }) => ({ record, text: raw.replace(/\n$/, '') }));
const col = (name: (typeof GED_COLUMNS)[number]): number => header.indexOf(name);
const dir = mkdtempSync(join(tmpdir(), 'ged-read-'));

async function readAll(path: string): Promise<GedReadItem[]> {
  const items: GedReadItem[] = [];
  for await (const item of readGedFile(path)) items.push(item);
  return items;
}
async function fatalOf(path: string): Promise<GedFatalError> {
  try {
    await readAll(path);
  } catch (error) {
    if (error instanceof GedFatalError) return error;
    throw error;
  }
  throw new Error('expected a fatal error');
}
function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
const csvField = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
const csvRow = (fields: string[]): string => fields.map(csvField).join(',');
const events = (items: GedReadItem[]) => items.flatMap((item) => (item.kind === 'event' ? [item] : []));
const rejects = (items: GedReadItem[]) => items.flatMap((item) => (item.kind === 'reject' ? [item] : []));

describe('readGedFile on the real sample', () => {
  it('parses all 1,000 rows with no rejects, 13 flagged, best summing to the column', async () => {
    const items = await readAll(SAMPLE);
    expect(rejects(items)).toEqual([]);
    expect(items).toHaveLength(1000);
    // README: "13 rows break low ≤ best ≤ high"; counted here from the raw columns too.
    const readme = readFileSync('seeds/ucdp-ged/README.md', 'utf8');
    expect(readme).toContain('13 rows break `low ≤ best ≤ high`');
    const breaking = dataRows.filter(({ record: r }) => {
      const [low, best, high] = [Number(r[col('low')]), Number(r[col('best')]), Number(r[col('high')])];
      return !(low <= best && best <= high);
    });
    expect(breaking).toHaveLength(13);
    const flagged = events(items).filter((e) => e.event.flags.some((f) => f.code === 'BEST_OUTSIDE_INTERVAL'));
    expect(flagged.map((e) => e.event.id).sort()).toEqual(breaking.map(({ record }) => Number(record[col('id')])).sort());
    expect(events(items).filter((e) => e.event.flags.some((f) => f.code === 'DEATHS_SUM_MISMATCH'))).toEqual([]);
    const bestColumn = dataRows.reduce((sum, { record }) => sum + Number(record[col('best')]), 0);
    expect(events(items).reduce((sum, e) => sum + e.event.deaths.best, 0)).toBe(bestColumn);
    expect(bestColumn).toBe(9561);
  });

  it('gives each row the physical line it starts on, rows with quoted newlines included', async () => {
    const lines = sampleText.split('\n');
    const items = await readAll(SAMPLE);
    expect(items[0]!.line).toBe(2);
    expect(items.at(-1)!.line).toBe(1211);
    for (const item of events(items)) expect(lines[item.line - 1]!.startsWith(`${item.event.id},`), `line ${item.line}`).toBe(true);
    expect(events(items).filter((e) => e.event.sourceArticle.includes('\n')).length).toBeGreaterThan(0);
  });

  it('reads the same events from a copy with a UTF-8 BOM and CRLF line endings', async () => {
    const crlf = write('crlf.csv', `\uFEFF${csvRow(header)}\r\n${dataRows.map((r) => r.text).join('\r\n')}\r\n`);
    expect(await readAll(crlf)).toEqual(await readAll(SAMPLE));
  });
});

describe('readGedFile on a corrupted copy', () => {
  // Row index in the sample → the change and what the reader must say about it.
  const breakRow = (index: number, change: (fields: string[]) => string[]): string => csvRow(change([...dataRows[index]!.record]));
  const set = (name: (typeof GED_COLUMNS)[number], value: string) => (fields: string[]) => {
    fields[col(name)] = value;
    return fields;
  };

  it('rejects exactly the broken rows, with their lines, columns and reasons, and keeps the rest', async () => {
    const texts = dataRows.map((r) => r.text);
    const broken: Array<{ index: number; column: string | null; reason: string }> = [];
    const corrupt = (index: number, change: (fields: string[]) => string[], column: string | null, reason: string) => {
      texts[index] = breakRow(index, change);
      broken.push({ index, column, reason });
    };
    corrupt(10, set('deaths_a', '12a'), 'deaths_a', 'not an integer: "12a"');
    corrupt(20, set('deaths_civilians', '-3'), 'deaths_civilians', 'negative: -3');
    corrupt(30, set('date_start', 'April 2004'), 'date_start', 'not a date (YYYY-MM-DD): "April 2004"');
    const start = dataRows[40]!.record[col('date_start')]!.slice(0, 10);
    const dayBefore = new Date(Date.parse(`${start}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    corrupt(40, set('date_end', `${dayBefore} 00:00:00.000`), 'date_end', `ends before it starts: ${dayBefore} < ${start}`);
    corrupt(50, set('latitude', '91.2'), 'latitude', 'out of range -90..90: 91.2');
    corrupt(60, set('country', 'Atlantis'), 'country', 'unknown UCDP country name "Atlantis"');
    corrupt(70, set('country_id', '999'), 'country_id', 'unknown Gleditsch–Ward number 999');
    corrupt(80, set('best', ''), 'best', 'required value is empty');
    corrupt(90, set('side_b_new_id', ''), 'side_b_new_id', 'required value is empty');
    corrupt(100, (fields) => fields.slice(0, 46), null, 'row has 46 fields, the header 49');
    // The last row, cut off after 100 characters (before any quote) with no line ending.
    const last = dataRows.length - 1;
    const cut = dataRows[last]!.text.slice(0, 100);
    expect(cut).not.toContain('"');
    texts[last] = cut;
    const fields = cut.split(',').length;
    broken.push({ index: last, column: null, reason: `row has ${fields} fields, the header 49; the file ends in the middle of this row` });

    // Physical lines computed here: the header is line 1, each row spans 1 + its quoted newlines.
    const lineOf: number[] = [];
    let next = 2;
    for (const text of texts) {
      lineOf.push(next);
      next += 1 + (text.match(/\n/g)?.length ?? 0);
    }
    const path = write('corrupt.csv', `\uFEFF${csvRow(header)}\r\n${texts.join('\r\n')}`);
    const items = await readAll(path);

    expect(rejects(items).map(({ line, rejects: r }) => ({ line, rejects: r }))).toEqual(
      broken.map(({ index, column, reason }) => ({ line: lineOf[index], rejects: [{ line: lineOf[index], column, reason }] })),
    );
    expect(rejects(items).find((r) => r.line === lineOf[last])!.raw).toBe(cut);
    expect(events(items)).toHaveLength(1000 - broken.length);
    const fileLines = readFileSync(path, 'utf8').split(/\r\n|\n/);
    for (const item of events(items)) expect(fileLines[item.line - 1]!.startsWith(`${item.event.id},`), `line ${item.line}`).toBe(true);
    expect(items.map((i) => i.line)).toEqual([...items.map((i) => i.line)].sort((a, b) => a - b));
  });

  it('rejects a last row cut inside a quoted field, and keeps the rows before it', async () => {
    const texts = dataRows.slice(0, 5).map((r) => r.text);
    const quoted = dataRows.findIndex((r) => r.text.includes('"') && !r.text.includes('\n'));
    const text = dataRows[quoted]!.text;
    const cut = text.slice(0, text.indexOf('"') + 10);
    const path = write('cut-in-quotes.csv', `${csvRow(header)}\n${[...texts, cut].join('\n')}`);
    const items = await readAll(path);
    expect(events(items).map((e) => e.line)).toEqual([2, 3, 4, 5, 6]);
    expect(rejects(items)).toEqual([
      {
        kind: 'reject',
        line: 7,
        raw: cut,
        rejects: [{ line: 7, column: null, reason: 'a quoted field is never closed (truncated row?)' }],
      },
    ]);
  });

  it('skips blank lines without counting them as rows, but keeps counting lines', async () => {
    const path = write('blank.csv', `${csvRow(header)}\n\n${dataRows[0]!.text}\n\n\n${dataRows[1]!.text}\n\n`);
    expect((await readAll(path)).map((i) => [i.kind, i.line])).toEqual([
      ['event', 3],
      ['event', 6],
    ]);
  });
});

describe('readGedFile: files that cannot be GED', () => {
  it('a header with missing or unexpected columns is one fatal error naming them', async () => {
    const renamed = header.map((name) => (name === 'best' ? 'bestt' : name)).filter((name) => name !== 'gwnob');
    const error = await fatalOf(write('header.csv', `${csvRow(renamed)}\n${dataRows[0]!.text}\n`));
    expect(error.code).toBe('HEADER_MISMATCH');
    expect(error.line).toBe(1);
    expect(error.message).toBe('the header does not match GED\'s 49 columns: missing best, gwnob; unexpected "bestt"');
  });

  it('accepts the 49 columns in another order, mapping fields by name', async () => {
    const order = [...header].reverse();
    const rows = dataRows.slice(0, 3).map(({ record }) => csvRow([...record].reverse()));
    const items = await readAll(write('reordered.csv', `${csvRow(order)}\n${rows.join('\n')}\n`));
    expect(events(items).map((e) => e.event)).toEqual(
      events(await readAll(SAMPLE))
        .slice(0, 3)
        .map((e) => e.event),
    );
  });

  it('an empty file, or one with only a BOM and blank lines, is fatal', async () => {
    for (const [name, content] of [
      ['empty.csv', ''],
      ['bom.csv', '\uFEFF\r\n\r\n'],
    ] as const) {
      const error = await fatalOf(write(name, content));
      expect(error.code, name).toBe('EMPTY_FILE');
      expect(error.message).toBe('the file is empty: expected a GED CSV header and rows');
    }
  });

  it('a header alone is a valid file with no rows', async () => {
    expect(await readAll(write('header-only.csv', `${csvRow(header)}\n`))).toEqual([]);
  });

  it('files of other formats are fatal with a clear message', async () => {
    const ndjson = await fatalOf(write('events.ndjson', '{"id":"e1","title":"x"}\n{"id":"e2"}\n'));
    expect(ndjson.code).toBe('NOT_GED_CSV');
    expect(ndjson.message).toBe('not a UCDP GED CSV file: it starts like JSON (for NDJSON use --format newsgraph)');
    const other = await fatalOf(write('other.csv', 'name,age\nAda,36\n'));
    expect(other.code).toBe('NOT_GED_CSV');
    expect(other.message).toBe('not a UCDP GED CSV file: the first line has none of GED\'s columns (it starts "name", "age")');
    const gzip = await fatalOf(write('sample.csv.gz', gzipSync(readFileSync(SAMPLE))));
    expect(gzip.code).toBe('NOT_GED_CSV');
    expect(gzip.message).toBe('not a UCDP GED CSV file: it looks binary (a .zip or .gz? unpack it first)');
    const directory = await fatalOf(dir);
    expect(directory.code).toBe('UNREADABLE');
    expect(directory.message).toMatch(/EISDIR/);
    const missing = await fatalOf(join(dir, 'does-not-exist.csv'));
    expect(missing.code).toBe('UNREADABLE');
    expect(missing.message).toMatch(/^cannot read .*does-not-exist\.csv: ENOENT/);
  });
});

describe('readGedStream', () => {
  it('streams: stopping after a few rows leaves the rest of a long input unread', async () => {
    let produced = 0;
    const total = 200_000;
    const source = Readable.from(
      (function* () {
        yield `${csvRow(header)}\n`;
        for (; produced < total;) {
          produced++;
          yield `${dataRows[produced % 50]!.text}\n`;
        }
      })(),
    );
    let seen = 0;
    for await (const item of readGedStream(source)) {
      expect(item.kind).toBe('event');
      if (++seen === 10) break;
    }
    expect(produced).toBeLessThan(total / 10);
    expect(source.destroyed).toBe(true);
  });
});
