import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { ImportFatalError, importFile, summaryLine, type RejectEntry, type WrittenIds } from '../../src/import/run.js';
import { createEmptyDatabase, testDriver, type TestDatabase } from '../helpers/database.js';

const SEED = 'seeds/us-iran-2019-2020.ndjson';
const seedLines = readFileSync(SEED, 'utf8').trimEnd().split('\n');
const parsed = seedLines.map((l) => JSON.parse(l) as Record<string, any>);
// Every line after the dataset line is a record the summary counts.
const RECORDS = seedLines.length - 1;
const lineOf = (kind: string, key: string) => parsed.findIndex((l) => l[kind]?.key === key);

const dir = mkdtempSync(join(tmpdir(), 'newsgraph-import-'));
const write = (name: string, lines: unknown[]) => {
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n');
  return path;
};
const run = async (db: Database, file: string, options: { dryRun?: boolean } = {}) => {
  const rejects: RejectEntry[] = [];
  // What live updates would publish: the ids each committed batch wrote.
  const written: WrittenIds = { createdEvents: [], updatedEvents: [], casualties: [] };
  const summary = await importFile(db, {
    file,
    onReject: (r) => rejects.push(r),
    onBatchCommitted: (ids) => {
      written.createdEvents.push(...ids.createdEvents);
      written.updatedEvents.push(...ids.updatedEvents);
      written.casualties.push(...ids.casualties);
    },
    ...options,
  });
  return { line: summaryLine(summary), rejects, summary, written };
};
const one = async <Row>(db: Database, query: ReturnType<typeof sql>) => (await queryRows<Row>(db, query))[0]!;

let database: TestDatabase;
let db: Database;
beforeAll(async () => {
  database = await createEmptyDatabase();
  await migrateDatabase(database.handle);
  db = database.handle.db;
});
afterAll(() => database?.drop());

describe(`the article seed through the newsgraph importer on ${testDriver}`, () => {
  it('--dry-run counts every line as new and writes nothing', async () => {
    const { line, summary } = await run(db, SEED, { dryRun: true });
    expect(line).toBe(`imported ${RECORDS}, updated 0, unchanged 0, rejected 0`);
    expect(summary.format).toBe('newsgraph');
    expect(
      await one(db, sql`SELECT (SELECT count(*)::int FROM events) AS events, (SELECT count(*)::int FROM datasets) AS datasets`),
    ).toEqual({
      events: 0,
      datasets: 0,
    });
  });

  it('imports the seed file (format detected), then finds every line unchanged', async () => {
    const first = await run(db, SEED);
    expect(first.line).toBe(`imported ${RECORDS}, updated 0, unchanged 0, rejected 0`);
    expect([first.written.createdEvents.length, first.written.updatedEvents.length, first.written.casualties.length]).toEqual([12, 0, 7]);
    const counts = await one<Record<string, number>>(
      db,
      sql`SELECT (SELECT count(*)::int FROM events) AS events, (SELECT count(*)::int FROM casualties) AS casualties,
                 (SELECT count(*)::int FROM deployments) AS deployments, (SELECT count(*)::int FROM quotes) AS quotes,
                 (SELECT count(*)::int FROM reactions) AS reactions, (SELECT count(*)::int FROM actors) AS actors,
                 (SELECT count(*)::int FROM citations) AS citations, (SELECT count(*)::int FROM event_actors) AS participants`,
    );
    expect(counts).toEqual({
      events: 12,
      casualties: 7,
      deployments: 6,
      quotes: 45,
      reactions: 34,
      actors: 54,
      citations: 146,
      participants: 33,
    });
    expect((await run(db, SEED)).line).toBe(`imported 0, updated 0, unchanged ${RECORDS}, rejected 0`);
    const dataset = await one<Record<string, unknown>>(
      db,
      sql`SELECT key, last_imported, last_unchanged, last_rejected, imported_at IS NOT NULL AS stamped FROM datasets`,
    );
    expect(dataset).toEqual({
      key: 'newsgraph:us-iran-2019-2020',
      last_imported: 0,
      last_unchanged: RECORDS,
      last_rejected: 0,
      stamped: true,
    });
  });

  it('keeps every quote and passage byte for byte', async () => {
    const quotes = parsed.flatMap((l) => (l.event?.quotes ?? []) as { key: string; text: string; citation: { passage: string } }[]);
    const stored = await queryRows<{ key: string; text: string; passage: string }>(
      db,
      sql`SELECT q.key, q.text, c.passage FROM quotes q JOIN citations c ON c.id = q.citation_id`,
    );
    const byKey = new Map(stored.map((q) => [q.key, q]));
    for (const q of quotes) expect(byKey.get(q.key)).toEqual({ key: q.key, text: q.text, passage: q.citation.passage });
    // The article's own typos stay: "rouge adventurism", "acts of terrors".
    expect(stored.filter((q) => /rouge adventurism|acts of terrors/.test(q.text))).toHaveLength(2);
  });

  it('updates exactly a changed event line: its nested records by key, the ones it no longer lists removed', async () => {
    const at = lineOf('event', 'dec-27-rocket-attack');
    const event = structuredClone(parsed[at]!.event);
    event.casualties[0].figure.wording = 'A U.S. defense contractor (revised)';
    const dropped = event.participants.pop(); // iraqi-security-forces as TARGET
    event.quotes = [
      {
        key: 'dec-27-test-quote',
        text: 'as many as 30',
        speaker: 'us-government',
        occurredOn: { date: '2019-12-27', precision: 'DAY' },
        medium: 'UNKNOWN',
        citation: { source: 'time-timeline', passage: 'As many as 30 rockets were fired.' },
      },
    ];
    const lines = [...seedLines];
    lines[at] = JSON.stringify({ event });
    const file = write('seed-changed.ndjson', lines);
    const before = await one<{ revision: number; id: number }>(db, sql`SELECT id, revision FROM events WHERE key = 'dec-27-rocket-attack'`);

    const changed = await run(db, file);
    expect(changed.line).toBe(`imported 0, updated 1, unchanged ${RECORDS - 1}, rejected 0`);
    expect(changed.written).toEqual({ createdEvents: [], updatedEvents: [before.id], casualties: expect.any(Array) });
    expect(changed.written.casualties).toHaveLength(event.casualties.length);
    const after = await one<Record<string, unknown>>(
      db,
      sql`SELECT e.id, e.revision,
                 (SELECT figure_wording FROM casualties WHERE key = 'dec-27-contractor-killed') AS wording,
                 (SELECT revision FROM casualties WHERE key = 'dec-27-contractor-killed') AS casualty_revision,
                 (SELECT count(*)::int FROM casualty_revisions r JOIN casualties c ON c.id = r.casualty_id
                   WHERE c.key = 'dec-27-contractor-killed') AS versions,
                 (SELECT count(*)::int FROM event_actors WHERE event_id = e.id) AS participants,
                 (SELECT count(*)::int FROM quotes WHERE event_id = e.id) AS quotes,
                 (SELECT count(*)::int FROM citations WHERE key = ${`event-actor:dec-27-rocket-attack:${dropped.actor}:${dropped.role}`})
                   AS dropped_citation
          FROM events e WHERE e.key = 'dec-27-rocket-attack'`,
    );
    // The event itself did not change: same row, same revision; the casualty has its second version.
    expect(after).toEqual({
      id: before.id,
      revision: before.revision,
      wording: 'A U.S. defense contractor (revised)',
      casualty_revision: 2,
      versions: 2,
      participants: parsed[at]!.event.participants.length - 1,
      quotes: 1,
      dropped_citation: 0,
    });

    // Importing the seed again restores the line: the quote it does not list goes.
    expect((await run(db, SEED)).line).toBe(`imported 0, updated 1, unchanged ${RECORDS - 1}, rejected 0`);
    expect(await one(db, sql`SELECT count(*)::int AS n FROM quotes WHERE key = 'dec-27-test-quote'`)).toEqual({ n: 0 });
  });

  it('updates a changed actor line, and nothing else', async () => {
    const at = lineOf('actor', 'karl-vick');
    const lines = [...seedLines];
    lines[at] = JSON.stringify({ actor: { ...parsed[at]!.actor, description: 'TIME correspondent.' } });
    expect((await run(db, write('actor-changed.ndjson', lines))).line).toBe(`imported 0, updated 1, unchanged ${RECORDS - 1}, rejected 0`);
    expect(await one(db, sql`SELECT description, revision FROM actors WHERE key = 'karl-vick'`)).toEqual({
      description: 'TIME correspondent.',
      revision: 2,
    });
    expect((await run(db, SEED)).line).toBe(`imported 0, updated 1, unchanged ${RECORDS - 1}, rejected 0`);
  });
});

describe(`a second dataset next to the seed on ${testDriver}`, () => {
  const header = { dataset: { key: 'newsgraph:test-second', name: 'A second newsroom file' } };
  const citation = { source: 'second-source', passage: 'The minister said “we will answer” on Monday.' };
  const source = {
    source: {
      key: 'second-source',
      outlet: 'Test Wire',
      title: 'A test article',
      fullText: 'Earlier text. The minister said "we will answer"\non Monday. Later text.',
    },
  };

  it('refers to the seed’s actors and events without repeating them, and checks passages against the full text', async () => {
    const { line, rejects } = await run(
      db,
      write('second.ndjson', [
        header,
        source,
        {
          event: {
            key: 'second-answer',
            title: 'A minister answers',
            summary: 'A minister says the country will answer.',
            kind: 'DIPLOMACY',
            occurredOn: { date: '2020-01-06', precision: 'DAY' },
            location: 'tehran',
            citation,
            participants: [{ actor: 'javad-zarif', role: 'PARTICIPANT', citation }],
            links: [{ to: 'jan-3-soleimani-killed', kind: 'RESPONSE_TO', citation }],
          },
        },
      ]),
    );
    expect(rejects).toEqual([]);
    expect(line).toBe('imported 2, updated 0, unchanged 0, rejected 0');
    const linked = await one(
      db,
      sql`SELECT d.key AS dataset, t.key AS answers FROM events e JOIN datasets d ON d.id = e.dataset_id
          JOIN event_links l ON l.from_event_id = e.id JOIN events t ON t.id = l.to_event_id WHERE e.key = 'second-answer'`,
    );
    expect(linked).toEqual({ dataset: 'newsgraph:test-second', answers: 'jan-3-soleimani-killed' });
  });

  it('rejects keys another dataset owns, unknown keys and passages the stored source does not contain', async () => {
    const seedEvent = parsed[lineOf('event', 'dec-30-iraq-outrage')]!.event;
    const { line, rejects } = await run(
      db,
      write('second-bad.ndjson', [
        header,
        { event: seedEvent },
        { actor: { key: 'new-actor', name: 'New', kind: 'GROUP', parent: 'no-such-actor' } },
        {
          quote: {
            key: 'second-quote',
            text: 'we will answer',
            speaker: 'javad-zarif',
            occurredOn: { date: '2020-01-06', precision: 'DAY' },
            medium: 'STATEMENT',
            citation: { source: 'second-source', passage: 'The minister said nothing at all.' },
          },
        },
      ]),
    );
    expect(line).toBe('imported 0, updated 0, unchanged 0, rejected 3');
    expect(rejects.map((r) => [r.line, r.column])).toEqual([
      [2, '/event/key'],
      [3, '/actor/parent'],
      [4, '/quote/citation/passage'],
    ]);
    expect(rejects[0]!.reason).toMatch(/event "dec-30-iraq-outrage" belongs to dataset "newsgraph:us-iran-2019-2020"/);
    expect(rejects[1]!.reason).toMatch(/unknown actor "no-such-actor": defined neither on an earlier line nor in the database/);
    expect(rejects[2]!.reason).toMatch(/does not occur in the full text of source "second-source"/);
    // The rejects file sits next to the input.
    expect(existsSync(join(dir, 'second-bad.ndjson.rejects.ndjson'))).toBe(true);
  });

  it('tells a line referring to a rejected line why its key is unknown', async () => {
    const { line, rejects } = await run(
      db,
      write('second-cascade.ndjson', [
        header,
        { actor: { key: 'second-militia', name: 'A militia', kind: 'ARMED_GROUP' } },
        { actor: { key: 'second-commander', name: 'Its commander', kind: 'PERSON', parent: 'second-militia' } },
      ]),
    );
    expect(line).toBe('imported 0, updated 0, unchanged 0, rejected 2');
    expect(rejects.map((r) => r.reason)).toEqual([
      expect.stringMatching(/^\/actor\/kind: must be one of "PERSON", /),
      '/actor/parent: refers to actor "second-militia", whose line 2 was rejected',
    ]);
  });

  it('rejects alone a line the database refuses, and keeps the rest of its batch', async () => {
    // jan-1-750-announced is already superseded by the seed's intro-750-deployed: the unique index refuses a second one.
    const report = parsed.at(-1)!.deployment;
    const { line, rejects } = await run(
      db,
      write('second-refused.ndjson', [
        header,
        { deployment: { ...report, key: 'second-750', supersedes: 'jan-1-750-announced', citation: { ...report.citation } } },
        { deployment: { ...report, key: 'second-5200', citation: { ...report.citation } } },
      ]),
    );
    expect(line).toBe('imported 1, updated 0, unchanged 0, rejected 1');
    expect(rejects).toMatchObject([
      { line: 2, column: null, reason: expect.stringMatching(/the database refused this line: .*deployments_supersedes_id_key/) },
    ]);
    expect(await one(db, sql`SELECT count(*)::int AS n FROM deployments WHERE key LIKE 'second-%'`)).toEqual({ n: 1 });
  });
});

describe(`files that cannot be imported at all, on ${testDriver}`, () => {
  const fatal = (file: string) =>
    importFile(db, { file, format: 'newsgraph' }).then(
      () => 'no error',
      (error: unknown) => (error instanceof ImportFatalError ? `${error.code}: ${error.message}` : String(error)),
    );
  it('needs the dataset line first, valid, and is fatal otherwise, writing nothing', async () => {
    expect(await fatal(write('no-dataset.ndjson', [parsed[1]]))).toMatch(/^DATASET_MISSING: line 1 must be the dataset line.*"country"/);
    expect(await fatal(write('bad-dataset.ndjson', [{ dataset: { key: 'x' } }]))).toMatch(/^DATASET_INVALID: .*\/dataset\/name: required/);
    expect(await fatal(write('csv.ndjson', ['id,relid,year', '1,2,3']))).toMatch(/^NOT_NEWSGRAPH_NDJSON: line 1 .*not valid JSON/);
    expect(await fatal(write('blank.ndjson', ['', '   ']))).toMatch(/^EMPTY_FILE/);
  });
});
