import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/client.js';
import { startEditingServer, type EditingServer } from '../helpers/editing.js';

/*
 * "What did we report on Jan 3?": casualtyStats, casualtySeries and troopStats with `asOf`
 * answer from the records and their versions as they stood then, whatever was revised or
 * retracted since; Deployment.revisions lists a report's versions.
 */
let server: EditingServer;
let post: EditingServer['post'];
let admin: string;

const fullText = 'Officials said 10 were killed; the count later rose to about 25. Some 1,000 troops were sent, then 1,200, then 1,300.';

beforeAll(async () => {
  server = await startEditingServer({ source: ['As-of test source', fullText] });
  ({ post } = server);
  admin = server.tokens.admin;
});
afterAll(() => server?.close());

/** The database's clock, a little after everything written so far (transaction times are their start). */
async function now(): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 25));
  const [row] = await queryRows<{ t: string }>(server.t.database.handle.db, sql`SELECT clock_timestamp() AS t`);
  const at = new Date(row!.t).toISOString();
  await new Promise((resolve) => setTimeout(resolve, 25));
  return at;
}

const citation = (passage: string) => ({ source: server.sourceId, passage });
const revisionOf = async (id: string) =>
  (await post(`query ($id: ID!) { node(id: $id) { ... on Casualty { revision } ... on Deployment { revision } } }`, { id }, admin)).body
    .data.node.revision as number;
const retract = async (name: string, id: string, reason: string) => {
  const input = { id, expectedRevision: await revisionOf(id), reason };
  const answer = await post(`mutation ($input: RetractInput!) { ${name}(input: $input) { userErrors { code } } }`, { input }, admin);
  expect(answer.body.data[name].userErrors).toEqual([]);
};

describe('casualty totals as of a time', () => {
  it('see a figure from when it was reported, each revision from when it was made, and the retraction from then on', async () => {
    const event = (await post('{ events(first: 1, filter: { kinds: [ROCKET_ATTACK] }) { nodes { id } } }')).body.data.events.nodes[0].id;
    const byEvent = { event };
    const byRollup = { country: 'IQ', kinds: ['KILLED'] };
    const STATS = `query ($f: CasualtyFilter, $asOf: DateTime) {
      casualtyStats(filter: $f, asOf: $asOf) { total { best records } } }`;
    const best = async (filter: object, asOf?: string) =>
      (await post(STATS, { f: filter, asOf })).body.data.casualtyStats.total as { best: number; records: number };
    const base = [await best(byEvent), await best(byRollup)];

    const t0 = await now();
    const casualty = await server.write('casualtyReport', 'CasualtyReportInput', 'casualty', {
      event,
      kind: 'KILLED',
      figure: { low: 10, best: 10, high: 10, qualifier: 'EXACT', wording: '10 were killed' },
      victims: 'people',
      victimCountry: 'IQ',
      occurredOn: { date: '2020-01-07', precision: 'DAY' },
      citation: citation('Officials said 10 were killed'),
    });
    const t1 = await now();
    await server.write('casualtyRevise', 'CasualtyReviseInput', 'casualty', {
      casualty,
      expectedRevision: 1,
      figure: { best: 25, qualifier: 'APPROXIMATE', wording: 'about 25' },
      citation: citation('the count later rose to about 25'),
      reason: 'the count rose',
    });
    const t2 = await now();
    await retract('casualtyRetract', casualty, 'double-counted');
    const t3 = await now();

    for (const [filter, [was]] of [
      [byEvent, [base[0]!]],
      [byRollup, [base[1]!]],
    ] as const) {
      const asOf = await Promise.all([t0, t1, t2, t3].map((t) => best(filter, t)));
      expect(asOf).toEqual([
        was,
        { best: was.best + 10, records: was.records + 1 },
        { best: was.best + 25, records: was.records + 1 },
        was,
      ]);
      expect(await best(filter)).toEqual(was);
    }

    const grouped = await post(
      `query ($asOf: DateTime) { casualtyStats(filter: { kinds: [KILLED] }, groupBy: [COUNTRY], asOf: $asOf) {
        groups(first: 50) { nodes { key { country { code } } total { best } } } } }`,
      { asOf: t2 },
    );
    const iraq = grouped.body.data.casualtyStats.groups.nodes.find((g: any) => g.key.country?.code === 'IQ');
    const iraqNow = (await post(`{ casualtyStats(filter: { kinds: [KILLED], country: "IQ" }) { total { best } } }`)).body.data
      .casualtyStats;
    expect(iraq.total.best).toBe(iraqNow.total.best + 25);

    const SERIES = `query ($f: CasualtyFilter, $asOf: DateTime) { casualtySeries(filter: $f, interval: DAY, asOf: $asOf) {
      points { start total { best } } unplaced { records } } }`;
    const day = { ...byEvent, occurred: { from: '2020-01-07', to: '2020-01-07' } };
    const series = async (asOf?: string) => (await post(SERIES, { f: day, asOf })).body.data.casualtySeries;
    const [then, today] = [await series(t1), await series()];
    expect(then.points[0].total.best).toBe(today.points[0].total.best + 10);
    expect(then.unplaced).toEqual(today.unplaced);
  });
});

describe('troop totals as of a time', () => {
  it('follow each movement’s chain of reports as it stood then, retractions and relinking included', async () => {
    const troops = async (asOf?: string) =>
      (
        await post(`query ($asOf: DateTime) { troopStats(filter: { forceCountry: "SA" }, asOf: $asOf) { total { best records } } }`, {
          asOf,
        })
      ).body.data.troopStats.total as { best: number; records: number };
    const base = await troops();
    const report = (best: number, status: string, supersedes?: string) =>
      server.write('deploymentReport', 'DeploymentReportInput', 'deployment', {
        figure: { best, qualifier: 'APPROXIMATE', wording: `some ${best} troops` },
        status,
        troops: 'troops',
        forceCountry: 'SA',
        occurredOn: { date: '2020-01-09', precision: 'DAY' },
        citation: citation('Some 1,000 troops were sent, then 1,200, then 1,300.'),
        supersedes,
      });
    const a = await report(1000, 'ANNOUNCED');
    const ta = await now();
    const b = await report(1200, 'DEPLOYED', a);
    const tb = await now();
    const c = await report(1300, 'STATIONED', b);
    const tc = await now();
    await retract('deploymentRetract', b, 'misreported');
    const td = await now();
    await retract('deploymentRetract', c, 'misreported too');
    const te = await now();

    const movement = (best: number) => ({ best: base.best + best, records: base.records + 1 });
    expect(await Promise.all([ta, tb, tc, td, te].map((t) => troops(t)))).toEqual([
      movement(1000),
      movement(1200),
      // Before the relink C updated B, not A: one movement, counted once.
      movement(1300),
      movement(1300),
      movement(1000),
    ]);
    expect(await troops()).toEqual(movement(1000));

    const versions = await post(
      `query ($id: ID!) { node(id: $id) { ... on Deployment { revisions { revision status retracted reason editor figure { best } } } } }`,
      { id: c },
      admin,
    );
    expect(versions.body.data.node.revisions).toEqual([
      { revision: 3, status: 'STATIONED', retracted: true, reason: 'misreported too', editor: 'ada', figure: { best: 1300 } },
      // The relink when B was retracted: the same report, now updating A.
      { revision: 2, status: 'STATIONED', retracted: false, reason: 'misreported', editor: 'ada', figure: { best: 1300 } },
      { revision: 1, status: 'STATIONED', retracted: false, reason: null, editor: 'edna', figure: { best: 1300 } },
    ]);
    const anonymous = await post(`query ($id: ID!) { node(id: $id) { ... on Deployment { revisions { editor } } } }`, { id: a });
    expect(anonymous.body.data.node.revisions).toEqual([{ editor: null }]);
  });
});
