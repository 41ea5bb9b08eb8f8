import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authConfig } from '../../src/config.js';
import { importFile } from '../../src/import/run.js';
import { importPublisher } from '../../src/live/import-publisher.js';
import { writeSyntheticGed } from '../../scripts/ged-synthetic.js';
import { dataOf, listen, startTestServer, type TestServer } from '../helpers/server.js';
import { LiveClient, SECRET, sleep, token } from './support.js';

/*
 * A 1,000-row import while clients subscribe: statistics arrive coalesced (a handful of messages
 * that add up to every record, the last one equal to a fresh query), every event arrives once,
 * and an editor sees the import's progress to the end.
 */
let t: TestServer;
let url: string;
const clients: LiveClient[] = [];
const ROWS = 1000;

beforeAll(async () => {
  t = await startTestServer({ auth: authConfig({ AUTH_JWT_SECRET: SECRET }, false) });
  url = `${await listen(t.server)}/graphql`;
});
afterAll(async () => {
  for (const client of clients) client.close();
  await t?.close();
});

const STATS = `subscription { casualtyStatsChanged(groupBy: [COUNTRY]) {
  changedRecords total { best records } groups(first: 100) { key { country { code } } total { best records } } } }`;

describe('a 1,000-row import', () => {
  it('sends a handful of coalesced statistics messages, each event once, and progress to the end', async () => {
    const editor = await token({ sub: 'edna', roles: ['EDITOR'] });
    const client = await LiveClient.connect(url, { authorization: `Bearer ${editor}` });
    clients.push(client);
    client.subscribe('stats', STATS);
    client.subscribe('events', 'subscription { eventChanged { kind event { id title } } }');
    client.subscribe('progress', 'subscription { importProgress { rows rejected rowsPerSecond finished dataset { name } } }');
    await sleep(100);

    const file = join(mkdtempSync(join(tmpdir(), 'live-import-')), 'ged.csv');
    await writeSyntheticGed(file, ROWS);
    const began = performance.now();
    const summary = await importFile(t.database.handle.db, { file, batchSize: 100, ...importPublisher(t.server.live) });
    const elapsed = performance.now() - began;
    expect(summary.imported).toBe(ROWS);

    const progress = await client.waitFor((m) => m.id === 'progress' && m.payload?.data?.importProgress?.finished === true, 10_000);
    expect(progress.payload.data.importProgress).toMatchObject({ rows: ROWS, rejected: 0, finished: true });
    expect(progress.payload.data.importProgress.dataset.name).toMatch(/UCDP/);

    await client.waitForResults('events', ROWS, 60_000);
    const events = client.results('events').map((r) => r.data.eventChanged);
    expect(new Set(events.map((e) => e.event.id)).size).toBe(ROWS);
    expect(events.every((e) => e.kind === 'CREATED')).toBe(true);

    // Statistics: every record counted once across the messages, and the last message says what a query says now.
    await client.waitFor(() => client.results('stats').reduce((n, r) => n + r.data.casualtyStatsChanged.changedRecords, 0) >= ROWS, 10_000);
    await sleep(600); // nothing else should follow
    const stats = client.results('stats').map((r) => r.data.casualtyStatsChanged);
    const windows = Math.ceil(elapsed / 250) + 2;
    console.info(
      `1,000-row import in ${Math.round(elapsed)} ms (10 batches): ${stats.length} statistics messages, ${events.length} events`,
    );
    expect(stats.length).toBeGreaterThan(0);
    expect(stats.length).toBeLessThanOrEqual(Math.min(10, windows));
    expect(stats.reduce((n, s) => n + s.changedRecords, 0)).toBe(ROWS);
    const now = dataOf(
      await t.query(
        '{ casualtyStats(groupBy: [COUNTRY]) { total { best records } groups(first: 100) { nodes { key { country { code } } total { best records } } } } }',
      ),
    ).casualtyStats;
    const last = stats.at(-1)!;
    expect(last.total).toEqual(now.total);
    // Each group a message names has the totals the query gives for it.
    const byCountry = new Map(now.groups.nodes.map((g: any) => [g.key.country?.code ?? null, g.total]));
    for (const group of last.groups) expect(group.total).toEqual(byCountry.get(group.key.country?.code ?? null));
    expect(last.groups.length).toBeGreaterThan(0);
  }, 120_000);
});
