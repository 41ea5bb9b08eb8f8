import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/client.js';
import { rollupDrift as rollupDriftOf } from '../helpers/rollup.js';
import { casualties, events } from '../../src/db/schema/index.js';
import { dataOf, startTestServer, type TestServer } from '../helpers/server.js';
import { random } from '../helpers/random.js';

let t: TestServer;

const SEED = 20200103;

/** A figure of a random qualifier that satisfies the table's constraints. */
function randomFigure(next: () => number) {
  const n = Math.floor(next() * 500);
  switch (Math.floor(next() * 5)) {
    case 0:
      return { figureLow: n, figureBest: n, figureHigh: n, figureQualifier: 'EXACT' as const };
    case 1:
      return {
        figureLow: next() < 0.5 ? null : Math.floor(n / 2),
        figureBest: n,
        figureHigh: next() < 0.5 ? null : n * 2,
        figureQualifier: 'APPROXIMATE' as const,
      };
    case 2:
      return { figureLow: n, figureBest: null, figureHigh: null, figureQualifier: 'AT_LEAST' as const };
    case 3:
      return { figureLow: null, figureBest: null, figureHigh: n, figureQualifier: 'UP_TO' as const };
    default:
      return { figureLow: null, figureBest: null, figureHigh: null, figureQualifier: 'UNKNOWN' as const };
  }
}

beforeAll(async () => {
  t = await startTestServer();
  const db = t.database.handle.db;
  const eventRows = await db.select({ id: events.id, citationId: events.citationId }).from(events);
  const next = random(SEED);
  const countries = ['US', 'IQ', 'IR', 'IL', null];
  const rows = Array.from({ length: 400 }, () => {
    const event = eventRows[Math.floor(next() * eventRows.length)]!;
    const day = 1 + Math.floor(next() * 28);
    const precision: 'DAY' | 'MONTH' = next() < 0.8 ? 'DAY' : 'MONTH';
    return {
      eventId: event.id,
      kind: next() < 0.6 ? ('KILLED' as const) : ('INJURED' as const),
      ...randomFigure(next),
      figureWording: 'generated',
      victimDescription: 'generated',
      victimCountryCode: countries[Math.floor(next() * countries.length)]!,
      occurredOn: `2021-0${1 + Math.floor(next() * 3)}-${precision === 'DAY' ? String(day).padStart(2, '0') : '01'}`,
      occurredPrecision: precision,
      citationId: event.citationId,
    };
  });
  await db.insert(casualties).values(rows);
  // Sanity: the generator really produced every qualifier.
  const qualifiers = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(DISTINCT figure_qualifier)::int AS n FROM casualties WHERE figure_wording = 'generated'`,
  );
  expect(qualifiers[0]!.n).toBe(5);
});
afterAll(() => t?.close());

const TOTAL = 'low best high records unknownCount exactCount';
const STATS = `query S($groupBy: [CasualtyDimension!], $filter: CasualtyFilter, $after: String) {
  casualtyStats(groupBy: $groupBy, filter: $filter) { total { ${TOTAL} } groups(first: 100, after: $after) { nodes { total { ${TOTAL} } } pageInfo { hasNextPage endCursor } } }
}`;

interface Total {
  low: number | null;
  best: number | null;
  high: number | null;
  records: number;
  unknownCount: number;
  exactCount: number;
}

async function allGroups(groupBy: string[], filter?: object): Promise<{ total: Total; groups: Total[] }> {
  const groups: Total[] = [];
  let after: string | null = null;
  let total: Total | undefined;
  do {
    const { casualtyStats }: any = dataOf(await t.query(STATS, { groupBy, filter, after }));
    total = casualtyStats.total;
    groups.push(...casualtyStats.groups.nodes.map((g: any) => g.total));
    after = casualtyStats.groups.pageInfo.hasNextPage ? casualtyStats.groups.pageInfo.endCursor : null;
  } while (after);
  return { total: total!, groups };
}

describe('grouped totals on generated data', () => {
  it.each([[['COUNTRY']], [['KIND']], [['DAY']], [['MONTH', 'KIND']], [['COUNTRY', 'KIND', 'QUALIFIER']], [['EVENT', 'ACTOR']]])(
    'groups by %j sum to the total, and every total keeps low ≤ best ≤ high',
    async (groupBy) => {
      for (const filter of [undefined, { kinds: ['KILLED'] }, { occurred: { from: '2021-02-01', to: '2021-03-31' } }]) {
        const { total, groups } = await allGroups(groupBy, filter);
        const sum = (field: keyof Total) => groups.reduce((acc, g) => acc + (g[field] ?? 0), 0);
        expect(sum('records')).toBe(total.records);
        expect(sum('unknownCount')).toBe(total.unknownCount);
        expect(sum('exactCount')).toBe(total.exactCount);
        // A bound unknown in one group is unknown in the total; best leaves out only what no group knows.
        expect(total.low).toBe(groups.some((g) => g.low === null) ? null : sum('low'));
        expect(total.best).toBe(groups.every((g) => g.best === null) ? null : sum('best'));
        expect(total.high).toBe(groups.some((g) => g.high === null) ? null : sum('high'));
        for (const g of [total, ...groups]) {
          if (g.low !== null && g.best !== null) expect(g.low).toBeLessThanOrEqual(g.best);
          if (g.high !== null && g.best !== null) expect(g.best).toBeLessThanOrEqual(g.high);
        }
      }
    },
  );
});

describe('the casualty rollup', () => {
  const rollupDrift = () => rollupDriftOf(t.database.handle.db);

  it('stays equal to the rows through inserts, updates, deletes and truncation', async () => {
    const db = t.database.handle.db;
    expect(await rollupDrift()).toEqual([]);
    await db.execute(
      sql`UPDATE casualties SET victim_country_code = 'IR', kind = 'INJURED' WHERE figure_wording = 'generated' AND id % 3 = 0`,
    );
    expect(await rollupDrift()).toEqual([]);
    await db.execute(
      sql`UPDATE casualties SET figure_low = figure_low + 1, figure_best = figure_best + 1, figure_high = figure_high + 1 WHERE figure_qualifier = 'EXACT' AND figure_wording = 'generated'`,
    );
    expect(await rollupDrift()).toEqual([]);
    // Approximate figures losing or gaining a stated bound move records in and out of low_missing / high_missing.
    await db.execute(
      sql`UPDATE casualties SET figure_low = NULL WHERE figure_qualifier = 'APPROXIMATE' AND figure_wording = 'generated' AND id % 2 = 0`,
    );
    expect(await rollupDrift()).toEqual([]);
    await db.execute(
      sql`UPDATE casualties SET figure_high = figure_best * 3 WHERE figure_qualifier = 'APPROXIMATE' AND figure_wording = 'generated' AND figure_high IS NULL`,
    );
    expect(await rollupDrift()).toEqual([]);
    await db.execute(sql`DELETE FROM casualties WHERE figure_wording = 'generated' AND id % 5 = 0`);
    expect(await rollupDrift()).toEqual([]);
  });

  it('answers statistics it can serve exactly as the rows do', async () => {
    for (const groupBy of [[], ['COUNTRY'], ['KIND', 'QUALIFIER'], ['COUNTRY', 'KIND', 'QUALIFIER']]) {
      for (const filter of [undefined, { country: 'IQ' }, { kinds: ['KILLED'], qualifiers: ['EXACT', 'AT_LEAST'] }]) {
        // An empty date range selects every row but is not something the rollup can answer.
        const fromRows = await allGroups(groupBy, { ...filter, occurred: { match: 'WITHIN' } });
        const fromRollup = await allGroups(groupBy, filter);
        expect(fromRollup).toEqual(fromRows);
      }
    }
  });

  it('empties with the table', async () => {
    const db = t.database.handle.db;
    await db.execute(sql`TRUNCATE casualties CASCADE`);
    const [row] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM casualty_rollups`);
    expect(row!.n).toBe(0);
    expect(await rollupDrift()).toEqual([]);
  });
});
