import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casualties, deployments, events } from '../../src/db/schema/index.js';
import { toGlobalId } from '../../src/graphql/common/global-id.js';
import type { FigureQualifier } from '../../src/graphql/common/enums.js';
import {
  addFigureSums,
  emptyFigureSum,
  figureSumOf,
  presentSum,
  sumFigures,
  type FigureValues,
} from '../../src/graphql/modules/stats/figure-sum.js';
import { dataOf, startTestServer, type TestServer } from '../helpers/server.js';
import { random } from '../helpers/random.js';

/*
 * The rule for sums of figures (figure-total.ts), as properties over random multisets of figures of
 * every qualifier: the pure function is sound and says EXACT / UNKNOWN exactly when it should, and
 * every total the API serves (stats, groups, rollup, series, casualtyTotals, troop stats) equals it.
 */

const QUALIFIERS: FigureQualifier[] = ['EXACT', 'APPROXIMATE', 'AT_LEAST', 'UP_TO', 'UNKNOWN'];

/** A figure of the given qualifier that satisfies the table's constraints; approximate ones with any bounds or none. */
function figureOf(qualifier: FigureQualifier, next: () => number): FigureValues {
  const n = Math.floor(next() * 400);
  switch (qualifier) {
    case 'EXACT':
      return { low: n, best: n, high: n, qualifier };
    case 'APPROXIMATE':
      return {
        low: next() < 0.5 ? null : Math.floor(n * next()),
        best: n,
        high: next() < 0.5 ? null : n + Math.floor(n * next()),
        qualifier,
      };
    case 'AT_LEAST':
      return { low: n, best: null, high: null, qualifier };
    case 'UP_TO':
      return { low: null, best: null, high: n, qualifier };
    case 'UNKNOWN':
      return { low: null, best: null, high: null, qualifier };
  }
}

/**
 * A multiset of 0–6 figures drawn from a random palette of qualifiers: often one qualifier only
 * (all exact, all unknown...), often a mix.
 */
function multisetOf(next: () => number): FigureValues[] {
  const palette = next() < 0.4 ? [QUALIFIERS[Math.floor(next() * 5)]!] : QUALIFIERS.filter(() => next() < 0.5);
  if (!palette.length) palette.push('APPROXIMATE');
  return Array.from({ length: Math.floor(next() * 7) }, () => figureOf(palette[Math.floor(next() * palette.length)]!, next));
}

/**
 * The values a record's wording allows, from the qualifier's own definition (FigureQualifier):
 * a floor that is certain (its stated low, or 0 where any small count is allowed) or null when the
 * wording names none ("roughly 5,200"); a ceiling, or null when none is stated or it is open-ended.
 */
function allowed({ low, high, qualifier }: FigureValues): { floor: number | null; ceiling: number | null } {
  switch (qualifier) {
    case 'EXACT':
      return { floor: low, ceiling: high };
    case 'APPROXIMATE':
      return { floor: low, ceiling: high };
    case 'AT_LEAST':
      return { floor: low, ceiling: null };
    case 'UP_TO':
      return { floor: 0, ceiling: high };
    case 'UNKNOWN':
      return { floor: 0, ceiling: null };
  }
}

describe('the rule, over random multisets of every qualifier', () => {
  const next = random(14_08);
  const multisets = Array.from({ length: 2000 }, () => multisetOf(next));

  it('generates every qualifier, empty multisets, and single-qualifier ones', () => {
    const seen = new Set(multisets.flat().map((f) => f.qualifier));
    expect([...seen].sort()).toEqual([...QUALIFIERS].sort());
    expect(multisets.some((m) => m.length === 0)).toBe(true);
    for (const q of QUALIFIERS) expect(multisets.some((m) => m.length > 1 && m.every((f) => f.qualifier === q))).toBe(true);
  });

  it("is sound: the total's interval contains every combination of the records' own intervals", () => {
    for (const m of multisets) {
      const total = sumFigures(m);
      const intervals = m.map(allowed);
      // A floor only when every record has one, a ceiling only when every record has one.
      expect(total.low === null).toBe(intervals.some((i) => i.floor === null));
      expect(total.high === null).toBe(intervals.some((i) => i.ceiling === null));
      // The extremes bound every combination (sums are monotone); random combinations too.
      if (total.low !== null) expect(total.low).toBeLessThanOrEqual(intervals.reduce((s, i) => s + i.floor!, 0));
      if (total.high !== null) expect(total.high).toBeGreaterThanOrEqual(intervals.reduce((s, i) => s + i.ceiling!, 0));
      for (let k = 0; k < 5; k++) {
        const value = intervals.reduce((s, { floor, ceiling }) => {
          const lo = floor ?? 0;
          return s + lo + Math.floor(next() * ((ceiling ?? lo + 10_000) - lo + 1));
        }, 0);
        if (total.low !== null) expect(total.low).toBeLessThanOrEqual(value);
        if (total.high !== null) expect(total.high).toBeGreaterThanOrEqual(value);
      }
      if (total.low !== null && total.best !== null) expect(total.low).toBeLessThanOrEqual(total.best);
      if (total.high !== null && total.best !== null) expect(total.best).toBeLessThanOrEqual(total.high);
    }
  });

  it('is EXACT only when every record is exact, and then low = best = high', () => {
    for (const m of multisets) {
      const total = sumFigures(m);
      expect(total.qualifier === 'EXACT').toBe(m.every((f) => f.qualifier === 'EXACT'));
      if (total.qualifier === 'EXACT') expect([total.low, total.high]).toEqual([total.best, total.best]);
    }
  });

  it('is UNKNOWN, with best null, exactly when every record is of unknown size', () => {
    for (const m of multisets) {
      const total = sumFigures(m);
      const allUnknown = m.length > 0 && m.every((f) => f.qualifier === 'UNKNOWN');
      expect(total.qualifier === 'UNKNOWN').toBe(allUnknown);
      expect(total.best === null).toBe(allUnknown);
    }
  });

  it('counts what it leaves out, and says AT_LEAST only with a floor and no ceiling', () => {
    for (const m of multisets) {
      const total = sumFigures(m);
      expect(total.records).toBe(m.length);
      expect(total.unknownCount).toBe(m.filter((f) => f.qualifier === 'UNKNOWN').length);
      expect(total.exactCount).toBe(m.filter((f) => f.qualifier === 'EXACT').length);
      if (total.qualifier === 'AT_LEAST') expect([total.low !== null, total.high]).toEqual([true, null]);
      if (total.qualifier === 'UP_TO') expect(total.high).not.toBeNull();
      if (m.some((f) => f.qualifier === 'APPROXIMATE') && total.low === null) expect(total.qualifier).toBe('APPROXIMATE');
    }
  });

  it('does not depend on order or grouping: summing the sums of any split gives the same total', () => {
    for (const m of multisets) {
      const cut = Math.floor(next() * (m.length + 1));
      const shuffled = [...m].sort(() => next() - 0.5);
      const parts = [shuffled.slice(0, cut), shuffled.slice(cut)].map((part) =>
        part.map(figureSumOf).reduce(addFigureSums, emptyFigureSum()),
      );
      expect(presentSum(addFigureSums(parts[0]!, parts[1]!))).toEqual(sumFigures(m));
    }
  });

  it("gives one record the record's own bounds where it states them", () => {
    expect(sumFigures([{ low: null, best: 5200, high: null, qualifier: 'APPROXIMATE' }])).toEqual({
      low: null,
      best: 5200,
      high: null,
      records: 1,
      unknownCount: 0,
      exactCount: 0,
      qualifier: 'APPROXIMATE',
    });
    expect(sumFigures([{ low: null, best: null, high: null, qualifier: 'UNKNOWN' }])).toMatchObject({
      best: null,
      high: null,
      qualifier: 'UNKNOWN',
    });
    expect(sumFigures([])).toEqual({ low: 0, best: 0, high: 0, records: 0, unknownCount: 0, exactCount: 0, qualifier: 'EXACT' });
  });
});

describe('every total the API serves follows the rule', () => {
  let t: TestServer;
  const next = random(2020_01_03);
  const DAYS = 60;
  const day = (i: number, year = 2021) => new Date(Date.UTC(year, 0, 1 + i)).toISOString().slice(0, 10);
  /** The casualty multiset of each day of 2021, and the deployment multiset of each day of 2022. */
  const casualtyDays = Array.from({ length: DAYS }, () => multisetOf(next));
  const deploymentDays = Array.from({ length: DAYS }, () => multisetOf(next));
  type Row = FigureValues & { eventId: number; kind: 'KILLED' | 'INJURED'; country: string | null };
  let rows: Row[] = [];

  const figureColumns = (f: FigureValues) => ({
    figureLow: f.low,
    figureBest: f.best,
    figureHigh: f.high,
    figureQualifier: f.qualifier,
    figureWording: 'generated',
  });

  beforeAll(async () => {
    t = await startTestServer();
    const db = t.database.handle.db;
    const eventRows = await db.select({ id: events.id, citationId: events.citationId }).from(events);
    const countries = ['US', 'IQ', 'IR', null];
    const casualtyRows = casualtyDays.flatMap((m, i) => {
      // One event, kind and country per day, so a day's group is exactly its multiset.
      const event = eventRows[Math.floor(next() * eventRows.length)]!;
      const kind = next() < 0.5 ? ('KILLED' as const) : ('INJURED' as const);
      const country = countries[Math.floor(next() * countries.length)]!;
      return m.map((f) => ({
        ...figureColumns(f),
        eventId: event.id,
        kind,
        victimCountryCode: country,
        victimDescription: 'generated',
        occurredOn: day(i),
        occurredPrecision: 'DAY' as const,
        citationId: event.citationId,
      }));
    });
    await db.insert(casualties).values(casualtyRows);
    const deploymentRows = deploymentDays.flatMap((m, i) =>
      m.map((f) => ({
        ...figureColumns(f),
        status: 'DEPLOYED' as const,
        troopDescription: 'generated',
        forceCountryCode: 'US',
        occurredOn: day(i, 2022),
        occurredPrecision: 'DAY' as const,
        citationId: eventRows[0]!.citationId,
      })),
    );
    await db.insert(deployments).values(deploymentRows);
    // Every casualty row, the seed's included: what the rollup and the nested totals sum.
    rows = (await db.select().from(casualties)).map((c) => ({
      low: c.figureLow,
      best: c.figureBest,
      high: c.figureHigh,
      qualifier: c.figureQualifier,
      eventId: c.eventId,
      kind: c.kind,
      country: c.victimCountryCode,
    }));
  });
  afterAll(() => t?.close());

  const TOTAL = 'low best high records unknownCount exactCount qualifier';
  const groupBy = <T>(list: T[], key: (x: T) => string) => {
    const map = new Map<string, T[]>();
    for (const x of list) map.set(key(x), [...(map.get(key(x)) ?? []), x]);
    return map;
  };

  it("casualtyStats by DAY (from the rows): each day's group and the grand total", async () => {
    const { casualtyStats } = dataOf(
      await t.query(
        `query S($filter: CasualtyFilter) { casualtyStats(filter: $filter, groupBy: [DAY]) {
        total { ${TOTAL} } groups(first: 100) { nodes { key { day } total { ${TOTAL} } } } } }`,
        { filter: { occurred: { from: day(0), to: day(DAYS - 1) } } },
      ),
    );
    const expected = casualtyDays.flatMap((m, i) => (m.length ? [{ key: { day: day(i) }, total: sumFigures(m) }] : []));
    expect([...casualtyStats.groups.nodes].sort((a: any, b: any) => a.key.day.localeCompare(b.key.day))).toEqual(expected);
    expect(casualtyStats.total).toEqual(sumFigures(casualtyDays.flat()));
  });

  it("casualtySeries: each day's point, empty days included, and the running totals", async () => {
    const SERIES = `query S($filter: CasualtyFilter, $cumulative: Boolean) {
      casualtySeries(filter: $filter, interval: DAY, cumulative: $cumulative) { points { start total { ${TOTAL} } } } }`;
    const filter = { occurred: { from: day(0), to: day(DAYS - 1) } };
    const daily = dataOf(await t.query(SERIES, { filter, cumulative: false })).casualtySeries.points;
    expect(daily).toEqual(casualtyDays.map((m, i) => ({ start: day(i), total: sumFigures(m) })));
    const running = dataOf(await t.query(SERIES, { filter, cumulative: true })).casualtySeries.points;
    expect(running).toEqual(casualtyDays.map((_, i) => ({ start: day(i), total: sumFigures(casualtyDays.slice(0, i + 1).flat()) })));
  });

  it('casualtyStats from the rollup: by COUNTRY × KIND × QUALIFIER, by COUNTRY × KIND, and per country', async () => {
    for (const dims of [
      ['COUNTRY', 'KIND', 'QUALIFIER'],
      ['COUNTRY', 'KIND'],
    ]) {
      const { casualtyStats } = dataOf(
        await t.query(
          `query S($groupBy: [CasualtyDimension!]) { casualtyStats(groupBy: $groupBy) {
          total { ${TOTAL} } groups(first: 100) { nodes { key { country { code } kind qualifier } total { ${TOTAL} } } } } }`,
          { groupBy: dims },
        ),
      );
      const keyOf = (country: string | null, kind: string, qualifier: string | null) =>
        [country, kind, dims.length === 3 ? qualifier : null].join('/');
      const expected = groupBy(rows, (r) => keyOf(r.country, r.kind, r.qualifier));
      const served = new Map(
        casualtyStats.groups.nodes.map((g: any) => [keyOf(g.key.country?.code ?? null, g.key.kind, g.key.qualifier), g.total]),
      );
      expect(served).toEqual(new Map([...expected].map(([k, m]) => [k, sumFigures(m)])));
      expect(casualtyStats.total).toEqual(sumFigures(rows));
    }
    for (const country of ['US', 'IQ', 'IR']) {
      const { casualtyStats } = dataOf(
        await t.query(`query S($c: CountryCode!) { casualtyStats(filter: { country: $c }) { total { ${TOTAL} } } }`, { c: country }),
      );
      expect(casualtyStats.total).toEqual(sumFigures(rows.filter((r) => r.country === country)));
    }
  });

  it('casualtyTotals of every event and country, by kind and in all', async () => {
    const { events: page, countries } = dataOf(
      await t.query(`{
      events(first: 100) { nodes { id casualtyTotals { killed { ${TOTAL} } injured { ${TOTAL} } all { ${TOTAL} } } } }
      countries { code casualtyTotals { killed { ${TOTAL} } injured { ${TOTAL} } all { ${TOTAL} } } }
    }`),
    );
    const totalsOf = (subset: Row[]) => ({
      killed: sumFigures(subset.filter((r) => r.kind === 'KILLED')),
      injured: sumFigures(subset.filter((r) => r.kind === 'INJURED')),
      all: sumFigures(subset),
    });
    const eventIds = [...new Set(rows.map((r) => r.eventId))];
    expect(page.nodes.length).toBeGreaterThanOrEqual(eventIds.length);
    for (const node of page.nodes) {
      const id = eventIds.find((e) => toGlobalId('Event', e) === node.id);
      expect(node.casualtyTotals).toEqual(totalsOf(id === undefined ? [] : rows.filter((r) => r.eventId === id)));
    }
    for (const c of countries) expect(c.casualtyTotals).toEqual(totalsOf(rows.filter((r) => r.country === c.code)));
  });

  it("troopStats by DAY: each day's group and the grand total", async () => {
    const { troopStats } = dataOf(
      await t.query(
        `query T($filter: DeploymentFilter) { troopStats(filter: $filter, groupBy: [DAY]) {
        total { ${TOTAL} } groups(first: 100) { nodes { key { day } total { ${TOTAL} } } } } }`,
        { filter: { occurred: { from: day(0, 2022), to: day(DAYS - 1, 2022) } } },
      ),
    );
    const expected = deploymentDays.flatMap((m, i) => (m.length ? [{ key: { day: day(i, 2022) }, total: sumFigures(m) }] : []));
    expect([...troopStats.groups.nodes].sort((a: any, b: any) => a.key.day.localeCompare(b.key.day))).toEqual(expected);
    expect(troopStats.total).toEqual(sumFigures(deploymentDays.flat()));
  });
});
