import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startTestServer, type TestServer } from '../helpers/server.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(() => t?.close());

const TOTAL = 'low best high records unknownCount exactCount qualifier';
const RANGE = { from: '2019-12-27', to: '2020-01-03' };

const CASUALTY_STATS = `
  query S($filter: CasualtyFilter, $groupBy: [CasualtyDimension!], $orderBy: StatsOrder, $first: Int, $after: String) {
    casualtyStats(filter: $filter, groupBy: $groupBy) {
      dimensions
      total { ${TOTAL} }
      groups(first: $first, after: $after, orderBy: $orderBy) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { key { country { code } event { title } day month kind qualifier actor { name } } total { ${TOTAL} } }
      }
    }
  }
`;

const TROOP_STATS = `
  query T($filter: DeploymentFilter, $groupBy: [DeploymentDimension!]) {
    troopStats(filter: $filter, groupBy: $groupBy) {
      total { ${TOTAL} }
      groups { nodes { key { status destination { name } destinationCountry { code } forceCountry { code } day } total { ${TOTAL} } } }
    }
  }
`;

describe('casualty statistics on the article', () => {
  it('sums the killed between Dec 27 and Jan 3 as at least 27, with the "several officials" counted, not guessed', async () => {
    const { casualtyStats } = dataOf(await t.query(CASUALTY_STATS, { filter: { occurred: RANGE, kinds: ['KILLED'] } }));
    expect(casualtyStats.total).toEqual({
      low: 27,
      best: 27,
      high: null,
      records: 4,
      unknownCount: 1,
      exactCount: 3,
      qualifier: 'AT_LEAST',
    });
    expect(casualtyStats.groups).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] });
  });

  it('sums the injured as exactly 6', async () => {
    const { casualtyStats } = dataOf(await t.query(CASUALTY_STATS, { filter: { occurred: RANGE, kinds: ['INJURED'] } }));
    expect(casualtyStats.total).toEqual({ low: 6, best: 6, high: 6, records: 2, unknownCount: 0, exactCount: 2, qualifier: 'EXACT' });
  });

  it("groups the killed by victims' country: Iraq 25 + an unknown-size record, United States 1, Iran 1", async () => {
    const { casualtyStats } = dataOf(
      await t.query(CASUALTY_STATS, { filter: { occurred: RANGE, kinds: ['KILLED'] }, groupBy: ['COUNTRY'] }),
    );
    expect(
      casualtyStats.groups.nodes.map((g: any) => [g.key.country.code, g.total.low, g.total.high, g.total.unknownCount, g.total.qualifier]),
    ).toEqual([
      ['IQ', 25, null, 1, 'AT_LEAST'],
      ['IR', 1, 1, 0, 'EXACT'],
      ['US', 1, 1, 0, 'EXACT'],
    ]);
  });

  it('includes the protest deaths since October only without the date filter, as a floor ("more than 450")', async () => {
    const { casualtyStats } = dataOf(await t.query(CASUALTY_STATS, { filter: { country: 'IQ', kinds: ['KILLED'] } }));
    expect(casualtyStats.total).toEqual({
      low: 476,
      best: 476,
      high: null,
      records: 3,
      unknownCount: 1,
      exactCount: 1,
      qualifier: 'AT_LEAST',
    });
  });

  it('groups by country × kind, sorted by key', async () => {
    const { casualtyStats } = dataOf(
      await t.query(CASUALTY_STATS, {
        filter: { occurred: RANGE },
        groupBy: ['COUNTRY', 'KIND'],
        orderBy: { field: 'KEY', direction: 'ASC' },
      }),
    );
    expect(casualtyStats.dimensions).toEqual(['COUNTRY', 'KIND']);
    expect(casualtyStats.groups.nodes.map((g: any) => [g.key.country.code, g.key.kind, g.total.best])).toEqual([
      ['IQ', 'KILLED', 25],
      ['IQ', 'INJURED', 2],
      ['IR', 'KILLED', 1],
      ['US', 'KILLED', 1],
      ['US', 'INJURED', 4],
    ]);
  });

  it('groups by event and affiliation, with typed keys', async () => {
    const { casualtyStats } = dataOf(
      await t.query(CASUALTY_STATS, {
        filter: { occurred: RANGE, kinds: ['KILLED'] },
        groupBy: ['EVENT', 'ACTOR'],
        orderBy: { field: 'RECORDS', direction: 'DESC' },
      }),
    );
    expect(casualtyStats.groups.nodes.map((g: any) => [g.key.event.title, g.key.actor?.name ?? null, g.total.best])).toEqual([
      ['U.S. defense contractor killed in rocket attack in Iraq', null, 1],
      ['U.S. strikes kill 25 militia members', 'Kataeb Hezbollah', 25],
      // Ties on RECORDS fall back to the key (event, then actor, in id order).
      ['Iran’s Gen. Qasem Soleimani is assassinated by a U.S. airstrike', 'Quds Force', 1],
      // "Several officials": of unknown size, so no best at all rather than 0.
      ['Iran’s Gen. Qasem Soleimani is assassinated by a U.S. airstrike', 'Iran-backed militias', null],
    ]);
  });

  it('puts month-precise records under a null day, never on a made-up day', async () => {
    const { casualtyStats } = dataOf(
      await t.query(CASUALTY_STATS, { filter: { kinds: ['KILLED'] }, groupBy: ['DAY'], orderBy: { field: 'KEY', direction: 'ASC' } }),
    );
    expect(casualtyStats.groups.nodes.map((g: any) => [g.key.day, g.total.low])).toEqual([
      ['2019-12-27', 1],
      ['2019-12-29', 25],
      ['2020-01-03', 1],
      [null, 451],
    ]);
    const byMonth = dataOf(
      await t.query(CASUALTY_STATS, { filter: { kinds: ['KILLED'] }, groupBy: ['MONTH'], orderBy: { field: 'KEY', direction: 'ASC' } }),
    );
    expect(byMonth.casualtyStats.groups.nodes.map((g: any) => [g.key.month, g.total.low])).toEqual([
      ['2019-10-01', 451],
      ['2019-12-01', 26],
      ['2020-01-01', 1],
    ]);
  });

  it('sorts open-ended groups as the largest by HIGH, and pages through groups', async () => {
    const first = dataOf(await t.query(CASUALTY_STATS, { groupBy: ['QUALIFIER'], orderBy: { field: 'HIGH', direction: 'DESC' }, first: 2 }))
      .casualtyStats.groups;
    expect(first.totalCount).toBe(3);
    expect(first.nodes.map((g: any) => g.key.qualifier).sort()).toEqual(['AT_LEAST', 'UNKNOWN']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = dataOf(
      await t.query(CASUALTY_STATS, {
        groupBy: ['QUALIFIER'],
        orderBy: { field: 'HIGH', direction: 'DESC' },
        first: 2,
        after: first.pageInfo.endCursor,
      }),
    ).casualtyStats.groups;
    expect(second.nodes.map((g: any) => [g.key.qualifier, g.total.high])).toEqual([['EXACT', 33]]);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });
});

describe('statements', () => {
  it('fetches the total and a page of groups in one statement, the same answer as two', async () => {
    const variables = { filter: { occurred: RANGE }, groupBy: ['COUNTRY', 'KIND'], orderBy: { field: 'KEY', direction: 'ASC' } };
    const before = t.statements();
    const together = dataOf(await t.query(CASUALTY_STATS, variables));
    expect(t.statements() - before).toBe(1 + 1); // total and groups together; then the keys' countries, batched
    // With groups inside a fragment the two are fetched separately, and must agree.
    const separately = dataOf(
      await t.query(
        `query S($filter: CasualtyFilter, $groupBy: [CasualtyDimension!], $orderBy: StatsOrder) {
        casualtyStats(filter: $filter, groupBy: $groupBy) {
          dimensions
          total { ${TOTAL} }
          ... on CasualtyStats { groups(first: 20, orderBy: $orderBy) { totalCount pageInfo { hasNextPage endCursor } nodes { key { country { code } event { title } day month kind qualifier actor { name } } total { ${TOTAL} } } } }
        }
      }`,
        variables,
      ),
    );
    expect(separately).toEqual(together);
  });
});

describe('troop statistics on the article', () => {
  it('counts ≈3,750 troops newly ordered to the Middle East, and the embassy reinforcements of unknown size separately', async () => {
    const { troopStats } = dataOf(
      await t.query(TROOP_STATS, { filter: { statuses: ['ANNOUNCED', 'PLANNED', 'DEPLOYED'] }, groupBy: ['DESTINATION'] }),
    );
    expect(troopStats.groups.nodes.map((g: any) => [g.key.destination.name, g.total])).toEqual([
      // "Approximately 750" and "around 3,000" state no bounds, so neither does their sum.
      ['Middle East', { low: null, best: 3750, high: null, records: 2, unknownCount: 0, exactCount: 0, qualifier: 'APPROXIMATE' }],
      // "Additional forces" only: no number at all, not "at least 0".
      [
        'U.S. Embassy compound, Baghdad',
        { low: 0, best: null, high: null, records: 1, unknownCount: 1, exactCount: 0, qualifier: 'UNKNOWN' },
      ],
    ]);
    expect(troopStats.total).toEqual({
      low: null,
      best: 3750,
      high: null,
      records: 3,
      unknownCount: 1,
      exactCount: 0,
      qualifier: 'APPROXIMATE',
    });
  });

  it('counts ≈5,200 stationed in Iraq, with no bounds the source never gave', async () => {
    const { troopStats } = dataOf(await t.query(TROOP_STATS, { filter: { statuses: ['STATIONED'], destinationCountry: 'IQ' } }));
    expect(troopStats.total).toEqual({
      low: null,
      best: 5200,
      high: null,
      records: 1,
      unknownCount: 0,
      exactCount: 0,
      qualifier: 'APPROXIMATE',
    });
  });

  it('keeps the STATIONED group and the overall total as uncertain as "roughly 750", "around 3,000", "roughly 5,200" and one unknown', async () => {
    const { troopStats } = dataOf(await t.query(TROOP_STATS, { groupBy: ['STATUS'] }));
    const stationed = troopStats.groups.nodes.find((g: any) => g.key.status === 'STATIONED');
    expect(stationed.total).toEqual({
      low: null,
      best: 5200,
      high: null,
      records: 1,
      unknownCount: 0,
      exactCount: 0,
      qualifier: 'APPROXIMATE',
    });
    // Not AT_LEAST 8,950: none of the three approximate figures is a floor.
    expect(troopStats.total).toEqual({
      low: null,
      best: 8950,
      high: null,
      records: 4,
      unknownCount: 1,
      exactCount: 0,
      qualifier: 'APPROXIMATE',
    });
    expect(troopStats.groups.nodes.map((g: any) => [g.key.status, g.total.low, g.total.best, g.total.high, g.total.qualifier])).toEqual([
      ['STATIONED', null, 5200, null, 'APPROXIMATE'],
      ['ANNOUNCED', null, 3000, null, 'APPROXIMATE'],
      ['DEPLOYED', null, 750, null, 'APPROXIMATE'],
    ]);
  });

  it('sorts groups whose best or low is unknown last, in either direction', async () => {
    for (const [field, direction] of [
      ['BEST', 'ASC'],
      ['BEST', 'DESC'],
      ['LOW', 'ASC'],
      ['LOW', 'DESC'],
    ]) {
      const { troopStats } = dataOf(
        await t.query(
          `query T($orderBy: StatsOrder) { troopStats(filter: { statuses: [ANNOUNCED, PLANNED, DEPLOYED] }, groupBy: [DESTINATION]) {
          groups(orderBy: $orderBy) { nodes { key { destination { name } } total { best } } } } }`,
          { orderBy: { field, direction } },
        ),
      );
      const names = troopStats.groups.nodes.map((g: any) => g.key.destination.name);
      // LOW: both groups' floors: Middle East unknown, the embassy 0.
      expect(names).toEqual(
        field === 'BEST' ? ['Middle East', 'U.S. Embassy compound, Baghdad'] : ['U.S. Embassy compound, Baghdad', 'Middle East'],
      );
    }
  });

  it('counts each movement once unless superseded reports are asked for', async () => {
    const current = dataOf(await t.query(TROOP_STATS, { groupBy: ['STATUS'] })).troopStats;
    expect(current.total.best).toBe(750 + 3000 + 5200);
    const all = dataOf(await t.query(TROOP_STATS, { filter: { includeSuperseded: true } })).troopStats;
    expect(all.total.best).toBe(750 + 750 + 3000 + 3000 + 5200);
    expect(all.total.records).toBe(6);
  });
});

describe('casualty series', () => {
  const SERIES = `query S($filter: CasualtyFilter, $interval: SeriesInterval!, $cumulative: Boolean) {
    casualtySeries(filter: $filter, interval: $interval, cumulative: $cumulative) { points { start total { low high unknownCount records } } unplaced { low records } }
  }`;

  it('has one point per day of the range, empty days as zeros', async () => {
    const { casualtySeries } = dataOf(await t.query(SERIES, { filter: { occurred: RANGE, kinds: ['KILLED'] }, interval: 'DAY' }));
    expect(casualtySeries.points.map((p: any) => [p.start, p.total.low, p.total.high, p.total.unknownCount])).toEqual([
      ['2019-12-27', 1, 1, 0],
      ['2019-12-28', 0, 0, 0],
      ['2019-12-29', 25, 25, 0],
      ['2019-12-30', 0, 0, 0],
      ['2019-12-31', 0, 0, 0],
      ['2020-01-01', 0, 0, 0],
      ['2020-01-02', 0, 0, 0],
      ['2020-01-03', 1, null, 1],
    ]);
  });

  it('runs totals when cumulative, staying open-ended once a record is', async () => {
    const { casualtySeries } = dataOf(await t.query(SERIES, { filter: { occurred: RANGE }, interval: 'DAY', cumulative: true }));
    expect(casualtySeries.points.map((p: any) => [p.start, p.total.low, p.total.high])).toEqual([
      ['2019-12-27', 7, 7],
      ['2019-12-28', 7, 7],
      ['2019-12-29', 32, 32],
      ['2019-12-30', 32, 32],
      ['2019-12-31', 32, 32],
      ['2020-01-01', 32, 32],
      ['2020-01-02', 32, 32],
      ['2020-01-03', 33, null],
    ]);
  });

  it('reports month-precise records as unplaced in a daily series', async () => {
    const { casualtySeries } = dataOf(await t.query(SERIES, { filter: { kinds: ['KILLED'] }, interval: 'DAY' }));
    expect(casualtySeries.unplaced).toEqual({ low: 451, records: 1 });
    const monthly = dataOf(await t.query(SERIES, { filter: { kinds: ['KILLED'] }, interval: 'MONTH' })).casualtySeries;
    expect(monthly.points.map((p: any) => [p.start, p.total.low])).toEqual([
      ['2019-10-01', 451],
      ['2019-11-01', 0],
      ['2019-12-01', 26],
      ['2020-01-01', 1],
    ]);
    expect(monthly.unplaced).toEqual({ low: 0, records: 0 });
  });
});

describe('nested totals', () => {
  it('gives every event and country its casualty totals in one statement per level', async () => {
    const before = t.statements();
    const { events, countries } = dataOf(
      await t.query(`{
        events(first: 12) { nodes { title casualtyTotals { killed { low high } injured { best } all { records } } } }
        countries { code casualtyTotals { killed { low unknownCount } } }
      }`),
    );
    expect(t.statements() - before).toBe(4);
    const dec27 = events.nodes.find((e: any) => e.title.startsWith('U.S. defense contractor'));
    expect(dec27.casualtyTotals).toEqual({ killed: { low: 1, high: 1 }, injured: { best: 6 }, all: { records: 3 } });
    const iraq = countries.find((c: any) => c.code === 'IQ');
    expect(iraq.casualtyTotals.killed).toEqual({ low: 476, unknownCount: 1 });
  });
});

describe('bad input', () => {
  it.each([
    [{ groupBy: ['COUNTRY', 'COUNTRY'] }, /groupBy lists COUNTRY twice/],
    [{ groupBy: ['COUNTRY', 'KIND', 'DAY', 'EVENT'] }, /at most 3 dimensions, got 4/],
    [{ groupBy: ['PLANET'] }, /Value "PLANET" does not exist in "CasualtyDimension" enum/],
    [{ filter: { occurred: { from: '2020-01-03', to: '2019-12-27' } } }, /inverted/],
    [{ groupBy: ['KIND'], first: 101 }, /first must be between 0 and 100/],
  ])('rejects %j', async (variables, message) => {
    const result = await t.query(CASUALTY_STATS, variables);
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(message);
  });

  it('refuses a series of more than 1000 points', async () => {
    const result = await t.query(
      `{ casualtySeries(filter: { occurred: { from: "1900-01-01", to: "2020-01-01" } }, interval: DAY) { points { start } } }`,
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/more than 1000 points/);
  });
});
