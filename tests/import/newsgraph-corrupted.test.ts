import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows, type DatabaseHandle } from '../../src/db/client.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { createEmptyDatabase, testDriver, type TestDatabase } from '../helpers/database.js';

const SEED = 'seeds/us-iran-2019-2020.ndjson';
const seedLines = readFileSync(SEED, 'utf8').trimEnd().split('\n');
const parsed = seedLines.map((l) => JSON.parse(l) as Record<string, any>);
const RECORDS = seedLines.length - 1;
const at = (kind: string, key: string) => {
  const index = parsed.findIndex((l) => l[kind]?.key === key);
  if (index < 0) throw new Error(`the seed has no ${kind} ${key}`);
  return index;
};
const dir = mkdtempSync(join(tmpdir(), 'newsgraph-corrupted-'));

/** What a line of the corrupted copy is, the seed line it comes from, and the reject it must give (none for a good line). */
interface Entry {
  text: string;
  origin?: number;
  reject?: { column: string | null; reason: RegExp };
}

/** The seed with every kind of bad line: edited lines of its own, and lines put in between. */
function corruptedCopy(): Entry[] {
  const entries: Entry[] = seedLines.map((text, origin) => ({ text, origin }));
  const edit = (index: number, change: (value: Record<string, any>) => void, reject: Entry['reject']) => {
    const value = structuredClone(parsed[index]!);
    change(value);
    entries[index] = { text: JSON.stringify(value), origin: index, reject };
  };
  // A schema violation deep inside an event line: named by its JSON path.
  edit(at('event', 'iran-shoots-down-us-drone'), (v) => (v.event.participants[1].role = 'SHOT_DOWN'), {
    column: '/event/participants/1/role',
    reason: /must be one of "PERPETRATOR", "TARGET"/,
  });
  // A figure breaking its qualifier's rule; the event answering it then refers to a rejected line.
  edit(at('event', 'iraq-protests-since-october'), (v) => (v.event.casualties[0].figure.high = 500), {
    column: '/event/casualties/0/figure/high',
    reason: /An AT_LEAST figure is open-ended: leave high out/,
  });
  entries[at('event', 'abdul-mahdi-resignation')]!.reject = {
    column: '/event/links/0/to',
    reason: /refers to event "iraq-protests-since-october", whose line \d+ was rejected/,
  };
  // An unknown reference (a typo in a key), and a date that does not exist.
  edit(at('event', 'saudi-oil-facilities-bombed'), (v) => (v.event.location = 'saudi-oil-facilites'), {
    column: '/event/location',
    reason: /unknown location "saudi-oil-facilites": defined neither on an earlier line nor in the database/,
  });
  edit(at('event', 'dec-30-iraq-outrage'), (v) => (v.event.occurredOn.date = '2019-12-32'), {
    column: '/event/occurredOn/date',
    reason: /"2019-12-32" is not a calendar date/,
  });
  // A passage that is not in its source's full text (a source line with one is put in below).
  edit(at('event', 'iran-tanker-attacks'), (v) => (v.event.citation = { source: 'wire-story', passage: 'Iran attacked tankers.' }), {
    column: '/event/citation/passage',
    reason: /does not occur in the full text of source "wire-story"/,
  });
  // The last line (the standalone deployment report) cut off in the middle.
  const last = entries.length - 1;
  entries[last] = {
    text: entries[last]!.text.slice(0, 60),
    reject: { column: null, reason: /not valid JSON \(the file ends in the middle of this line\)/ },
  };

  const after = (origin: number, ...inserted: Entry[]) => entries.splice(entries.findIndex((e) => e.origin === origin) + 1, 0, ...inserted);
  const wire = {
    key: 'wire-story',
    outlet: 'Test Wire',
    title: 'Tankers',
    fullText: 'Officials said "the tankers were hit"\r\nat dawn. Done.',
  };
  after(at('source', 'time-timeline'), { text: JSON.stringify({ source: wire }) }, { text: '   ' });
  after(
    at('actor', 'iranian-state-television'),
    { text: '{"actor": {"key": "half-written", "name": "Half"', reject: { column: null, reason: /^not valid JSON: / } },
    { text: JSON.stringify({ actor: { key: 'donald-trump', name: 'Donald Trump', kind: 'PERSON' } }) },
    {
      text: JSON.stringify({ person: { key: 'x' } }),
      reject: { column: '/person', reason: /not a kind of line: a line is one of dataset/ },
    },
    { text: JSON.stringify(parsed[0]), reject: { column: '/dataset', reason: /the dataset line comes once, first \(it is line 1\)/ } },
  );
  const trump = entries.findIndex((e) => e.origin === at('actor', 'donald-trump')) + 1;
  entries.find((e) => e.text.includes('"key":"donald-trump","name":"Donald Trump","kind":"PERSON"}'))!.reject = {
    column: '/actor/key',
    reason: new RegExp(`actor "donald-trump" is already defined at line ${trump}$`),
  };
  // A passage found in the full text up to quote marks and line breaks: accepted.
  const quote = {
    key: 'wire-tankers-hit',
    text: 'the tankers were hit',
    speaker: 'iranian-government',
    occurredOn: { date: '2019-06-13', precision: 'DAY' },
    medium: 'UNKNOWN',
    citation: { source: 'wire-story', passage: 'Officials said “the tankers were hit” at dawn.' },
  };
  entries.splice(entries.length - 1, 0, { text: JSON.stringify({ quote }) });
  return entries;
}

let database: TestDatabase;
beforeAll(async () => {
  database = await createEmptyDatabase();
});
afterAll(() => database?.drop().catch(() => {}));

describe(`a corrupted copy of the seed through npm run import on ${testDriver}`, () => {
  const env = { ...process.env } as Record<string, string>;
  delete env.DATABASE_URL;
  const dataDir = join(dir, 'pglite');
  const cli = (...args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx/esm', 'src/import/cli.ts', ...args], { env }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
  const open = async (): Promise<DatabaseHandle> => {
    const handle = database.url ? await openDatabase({ url: database.url }) : await openDatabase({ pgliteDataDir: dataDir });
    await migrateDatabase(handle);
    return handle;
  };

  it('exits 1 with one line and writes nothing when the file has no dataset line', async () => {
    await database.handle.close();
    if (database.url) env.DATABASE_URL = database.url;
    else env.PGLITE_DATA_DIR = dataDir;
    const file = join(dir, 'headless.ndjson');
    writeFileSync(file, seedLines.slice(1).join('\n'));
    const run = await cli(file);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/^import failed \(DATASET_MISSING\): line 1 must be the dataset line/);
    expect(run.stderr).not.toMatch(/at .*\.ts/);
  }, 120_000);

  it('rejects exactly the broken lines by line number (BOM, CRLF, blank and truncated lines), imports the rest, exits 2', async () => {
    const entries = corruptedCopy();
    const file = join(dir, 'seed-corrupted.ndjson');
    writeFileSync(file, `\uFEFF${entries.map((e) => e.text).join('\r\n')}`);
    const run = await cli(file, '--format', 'newsgraph');
    expect(run.stderr).not.toMatch(/Error|at .*\.ts/);
    expect(run.code).toBe(2);
    const expected = entries.flatMap((e, i) => (e.reject ? [{ line: i + 1, ...e.reject }] : []));
    const good = entries.filter((e, i) => i > 0 && !e.reject && e.text.trim() !== '').length;
    expect(expected).toHaveLength(11);
    expect(good).toBe(RECORDS - 7 + 2);
    expect(run.stdout.trim().split('\n').at(-1)).toBe(`imported ${good}, updated 0, unchanged 0, rejected ${expected.length}`);

    const rejects = readFileSync(`${file}.rejects.ndjson`, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { line: number; column: string | null; reason: string; raw: string });
    expect(rejects.map((r) => r.line)).toEqual(expected.map((e) => e.line));
    rejects.forEach((r, i) => {
      expect(r.column).toBe(expected[i]!.column);
      expect(r.reason).toMatch(expected[i]!.reason);
      expect(r.raw).toBe(entries[r.line - 1]!.text);
    });

    const handle = await open();
    try {
      const [stored] = await queryRows<Record<string, number>>(
        handle.db,
        sql`SELECT (SELECT count(*)::int FROM events) AS events, (SELECT count(*)::int FROM deployments) AS deployments,
                   (SELECT count(*)::int FROM actors) AS actors, (SELECT count(*)::int FROM quotes WHERE key = 'wire-tankers-hit') AS quote,
                   (SELECT count(*)::int FROM datasets) AS datasets`,
      );
      // Nothing of the file without a dataset line was written: one dataset, this one.
      expect(stored).toEqual({ events: 12 - 6, deployments: 5, actors: 54, quote: 1, datasets: 1 });
    } finally {
      await handle.close();
    }
  }, 120_000);

  it('exits 0 for the file as it is, importing the lines the corrupted copy lacked', async () => {
    const run = await cli(SEED);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n').at(-1)).toBe(`imported 7, updated 0, unchanged ${RECORDS - 7}, rejected 0`);
  }, 120_000);
});
