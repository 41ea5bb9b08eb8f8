import { afterAll, beforeAll, expect, it } from 'vitest';
import { Role, type Viewer } from '../../src/auth/roles.js';
import { rollupDrift } from '../helpers/rollup.js';
import { dataOf, startTestServer, type TestServer } from '../helpers/server.js';
import { random } from '../helpers/random.js';

/*
 * The statistics rollups stay exact under editors' writes: random reports and revisions, some
 * racing each other, and after every round the rollup table equals a fresh GROUP BY of the facts
 * and the rollup path of casualtyStats answers what the fact path answers.
 */
let t: TestServer;
const editors: Viewer[] = ['ana', 'ben', 'cat'].map((subject) => ({ kind: 'user', subject, roles: new Set([Role.EDITOR]) }));
let eventIds: string[];
let sourceId: string;

const next = random(20200108);
const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;

/** A figure input of a random qualifier that satisfies the rules. */
function figure() {
  const n = Math.floor(next() * 300);
  const wording = `${n} (generated)`;
  switch (Math.floor(next() * 5)) {
    case 0:
      return { low: n, best: n, high: n, qualifier: 'EXACT', wording };
    case 1:
      return {
        low: next() < 0.5 ? null : Math.floor(n / 2),
        best: n,
        high: next() < 0.5 ? null : n * 2,
        qualifier: 'APPROXIMATE',
        wording,
      };
    case 2:
      return { low: n, qualifier: 'AT_LEAST', wording };
    case 3:
      return { high: n, qualifier: 'UP_TO', wording };
    default:
      return { qualifier: 'UNKNOWN', wording: 'an unknown number (generated)' };
  }
}

beforeAll(async () => {
  t = await startTestServer({ writeRateLimit: 0 });
  eventIds = dataOf(await t.query('{ events(first: 20) { nodes { id } } }')).events.nodes.map((n: { id: string }) => n.id);
  const created = await t.query(
    'mutation { sourceCreate(input: { outlet: "Wire", title: "Generated figures" }) { source { id } userErrors { code } } }',
    {},
    editors[0],
  );
  sourceId = dataOf(created).sourceCreate.source.id;
});
afterAll(() => t?.close());

const REPORT = `mutation ($input: CasualtyReportInput!) { casualtyReport(input: $input) { casualty { id revision } userErrors { code } } }`;
const REVISE = `mutation ($input: CasualtyReviseInput!) { casualtyRevise(input: $input) { casualty { id revision } userErrors { code } } }`;
const TOTALS = `query ($everything: CasualtyFilter) {
  rollup: casualtyStats(groupBy: [COUNTRY, KIND]) { total { low best high records unknownCount }
    groups(first: 100, orderBy: { field: KEY, direction: ASC }) { nodes { key { country { code } kind } total { low best high records } } } }
  facts: casualtyStats(groupBy: [COUNTRY, KIND], filter: $everything) { total { low best high records unknownCount }
    groups(first: 100, orderBy: { field: KEY, direction: ASC }) { nodes { key { country { code } kind } total { low best high records } } } } }`;

it('keeps casualty_rollups exact and the two statistics paths equal through random, racing mutations', async () => {
  const records: { id: string; revision: number }[] = [];
  let writes = 0;
  let stale = 0;
  for (let round = 0; round < 12; round++) {
    const batch = Array.from({ length: 5 }, () => {
      const editor = pick(editors);
      if (records.length === 0 || next() < 0.5) {
        const input = {
          event: pick(eventIds),
          kind: next() < 0.6 ? 'KILLED' : 'INJURED',
          figure: figure(),
          victims: 'generated victims',
          victimCountry: pick(['US', 'IQ', 'IR', 'IL', null]),
          occurredOn: { date: `2020-01-0${1 + Math.floor(next() * 9)}`, precision: 'DAY' },
          citation: { source: sourceId, passage: 'a generated passage' },
        };
        return t.query(REPORT, { input }, editor).then((result) => {
          const casualty = dataOf(result).casualtyReport.casualty;
          records.push({ id: casualty.id, revision: casualty.revision });
          writes++;
        });
      }
      // Two writers may pick the same record in one round: one wins, the other hears STALE.
      const record = pick(records);
      const input = {
        casualty: record.id,
        expectedRevision: record.revision,
        figure: figure(),
        citation: { source: sourceId, passage: 'a generated revision' },
        reason: 'generated revision',
      };
      return t.query(REVISE, { input }, editor).then((result) => {
        const answer = dataOf(result).casualtyRevise;
        if (answer.casualty) {
          record.revision = answer.casualty.revision;
          writes++;
        } else {
          expect(answer.userErrors.map((e: { code: string }) => e.code)).toEqual(['STALE']);
          stale++;
        }
      });
    });
    await Promise.all(batch);
    expect(await rollupDrift(t.database.handle.db), `round ${round}`).toEqual([]);
    const { rollup, facts } = dataOf(await t.query(TOTALS, { everything: { occurred: { from: '1900-01-01', to: '2100-12-31' } } }));
    expect(rollup, `round ${round}`).toEqual(facts);
  }
  expect(writes).toBeGreaterThan(40);
  expect(records.length).toBeGreaterThan(15);
  // The generator really raced some revisions (else this test would not cover the STALE path).
  expect(stale + writes).toBe(60);
});
