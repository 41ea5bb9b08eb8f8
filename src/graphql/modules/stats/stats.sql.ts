import { sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { queryRows, type Database } from '../../../db/client.js';
import { BadUserInputError } from '../../errors.js';
import { SortDirection } from '../../common/enums.js';
import { factSumColumns, figureSumAggregates, figureSumColumnList, presentSumSql } from './figure-sum.js';
import type { FigureTotalRow } from './figure-total.js';
import { SeriesInterval, StatsOrderField, type StatsOrder } from './stats.input.js';
import { MAX_SERIES_POINTS } from './series-limit.js';

/** A grouping dimension: the SQL expression of its key and the column alias it is read back as. */
export interface DimensionSql {
  alias: string;
  expression: SQL;
}

const MAX_DIMENSIONS = 3;

/** groupBy must be a set of at most three dimensions; say which rule a request broke. */
export function checkDimensions<D extends string>(dimensions: D[] | null | undefined): D[] {
  const list = dimensions ?? [];
  const duplicate = list.find((d, i) => list.indexOf(d) !== i);
  if (duplicate) throw new BadUserInputError(`groupBy lists ${duplicate} twice; each dimension may appear once.`, 'groupBy');
  if (list.length > MAX_DIMENSIONS) {
    throw new BadUserInputError(`groupBy takes at most ${MAX_DIMENSIONS} dimensions, got ${list.length}.`, 'groupBy');
  }
  return list;
}

/**
 * A date key only as precise as the records: a record goes in a bucket only when its earliest
 * and latest possible days fall in it (a MONTH date, or a RANGE within one week, has a week or
 * month but no day); coarser records get a null key instead of a made-up day.
 */
const bucketKey = (unit: string) =>
  sql.raw(
    `CASE WHEN date_trunc('${unit}', occurred_on::timestamp) = date_trunc('${unit}', occurred_end::timestamp) ` +
      `THEN date_trunc('${unit}', occurred_on::timestamp)::date END`,
  );
export const dayKey = sql`CASE WHEN occurred_on = occurred_end THEN occurred_on END`;
export const monthKey = bucketKey('month');
const weekKey = bucketKey('week');
export const yearKey = sql`CASE WHEN extract(year FROM occurred_on) = extract(year FROM occurred_end)
  THEN extract(year FROM occurred_on)::int END`;

/**
 * Where totals are read from: a fact table (one row per record) or a rollup of pre-summed rows,
 * and the select list that gives each of its rows as a sum (figure-total.ts).
 */
export interface StatsSource {
  /** A table, or a statement aliased as one (the table as of a past time, as-of.ts). */
  table: PgTable | SQL;
  sums: SQL;
}

export const factsOf = (table: PgTable | SQL): StatsSource => ({ table, sums: factSumColumns });

export async function totalOf(db: Database, { table, sums }: StatsSource, where: SQL | undefined): Promise<FigureTotalRow> {
  const [row] = await queryRows<FigureTotalRow>(
    db,
    sql`
    SELECT *, ${presentSumSql} FROM (
      SELECT ${figureSumAggregates} FROM (SELECT ${sums} FROM ${table} ${where ? sql`WHERE ${where}` : sql``}) AS facts
    ) AS total`,
  );
  return row!;
}

/** Dimension keys arrive as key_* columns: codes and dates as text, ids as numbers (see the dimension tables). */
export type GroupRow = FigureTotalRow & Record<`key_${string}`, string | number | null> & { group_count: number | string };

const metricColumn: Record<Exclude<StatsOrderField, StatsOrderField.KEY>, string> = {
  [StatsOrderField.LOW]: 'total_low',
  [StatsOrderField.BEST]: 'total_best',
  [StatsOrderField.HIGH]: 'total_high',
  [StatsOrderField.RECORDS]: 'records',
};

export interface GroupPage {
  rows: GroupRow[];
  /** The total over every matching record, from the same statement (GROUPING SETS). */
  total: FigureTotalRow;
}

/**
 * One statement for a page of groups and the grand total: GROUP BY GROUPING SETS ((keys), ()),
 * totals per group, the number of groups as a window over the grouped rows, the groups ordered
 * and cut to the page, and the grand-total row appended. Dimension keys are projected first
 * (as key_* columns) so GROUPING() can tell the grand total from a group whose keys are null.
 */
export async function groupsOf(
  db: Database,
  { table, sums }: StatsSource,
  where: SQL | undefined,
  dimensions: DimensionSql[],
  order: StatsOrder | null | undefined,
  limit: number,
  offset: number,
): Promise<GroupPage> {
  const direction = (order?.direction ?? SortDirection.DESC) === SortDirection.ASC ? 'ASC' : 'DESC';
  const field = order?.field ?? StatsOrderField.BEST;
  const keys = dimensions.map((d) => d.alias);
  const keyOrder = keys.map((key) => `${key} ${field === StatsOrderField.KEY ? direction : 'ASC'} NULLS LAST`);
  // A null HIGH has no ceiling: Postgres sorts NULL as the largest value, which is what it means.
  // A null LOW or BEST is unknown, not large: those groups come last either way.
  const nulls = field === StatsOrderField.LOW || field === StatsOrderField.BEST ? ' NULLS LAST' : '';
  const orderBy = field === StatsOrderField.KEY ? keyOrder : [`${metricColumn[field]} ${direction}${nulls}`, ...keyOrder];
  const projectKeys = sql.join(
    dimensions.map((d) => sql`${d.expression} AS ${sql.raw(d.alias)}`),
    sql`, `,
  );
  const keyList = sql.raw(keys.join(', '));
  const rows = await queryRows<GroupRow & { is_total: boolean }>(
    db,
    sql`
    WITH grouped AS (
      SELECT ${keyList}, ${figureSumAggregates}, GROUPING(${keyList}) <> 0 AS is_total
      FROM (SELECT ${projectKeys}, ${sums} FROM ${table} ${where ? sql`WHERE ${where}` : sql``}) AS facts
      GROUP BY GROUPING SETS ((${keyList}), ())
    ),
    totals AS (SELECT *, ${presentSumSql} FROM grouped)
    (SELECT *, count(*) OVER () AS group_count FROM totals WHERE NOT is_total
     ORDER BY ${sql.raw(orderBy.join(', '))} LIMIT ${limit} OFFSET ${offset})
    UNION ALL
    SELECT *, NULL FROM totals WHERE is_total`,
  );
  const total = rows.find((row) => row.is_total);
  if (!total) throw new Error('GROUPING SETS returned no grand-total row');
  return { rows: rows.filter((row) => !row.is_total), total };
}

const bucketOf: Record<SeriesInterval, { key: SQL; unit: string; step: string }> = {
  [SeriesInterval.DAY]: { key: dayKey, unit: 'day', step: '1 day' },
  [SeriesInterval.WEEK]: { key: weekKey, unit: 'week', step: '1 week' },
  [SeriesInterval.MONTH]: { key: monthKey, unit: 'month', step: '1 month' },
};

export type SeriesRow = FigureTotalRow & { start: string };

const DAY_MS = 86_400_000;
const daysSinceEpoch = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);

/**
 * How many points a series from `from` to `to` has (both ends included, each end moved to the
 * start of its interval as the statement does), worked out without asking the database.
 */
export function seriesPointCount(interval: SeriesInterval, from: string, to: string): number {
  if (interval === SeriesInterval.MONTH) {
    const months = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
    return months(to) - months(from) + 1;
  }
  const days = daysSinceEpoch(to) - daysSinceEpoch(from);
  if (interval === SeriesInterval.DAY) return days + 1;
  // ISO weeks start on Monday; 1970-01-01 was a Thursday, so Monday-based weekday = (days + 3) mod 7.
  const monday = (date: string) => daysSinceEpoch(date) - ((((daysSinceEpoch(date) + 3) % 7) + 7) % 7);
  return (monday(to) - monday(from)) / 7 + 1;
}

/** Refuses a series with more than MAX_SERIES_POINTS points when both ends are given, before any SQL. */
export function checkSeriesRange(interval: SeriesInterval, from: string | null | undefined, to: string | null | undefined): void {
  if (!from || !to || from > to) return; // open ends come from the data; an inverted range is the filter's error
  const points = seriesPointCount(interval, from, to);
  if (points > MAX_SERIES_POINTS) {
    throw new BadUserInputError(
      `The series would have ${points} points (one per ${bucketOf[interval].unit} from ${from} to ${to}): ` +
        `more than ${MAX_SERIES_POINTS} points, ` +
        'the maximum. Narrow the date range or use a wider interval.',
      'interval',
      { points, maximum: MAX_SERIES_POINTS },
    );
  }
}

/**
 * One statement for a whole series: records bucketed by interval (those dated too coarsely for
 * it are left to `unplacedOf`), every interval between the range ends generated so empty ones
 * show as empty sums, running sums by window when cumulative, and each point's total from its sums.
 */
export async function seriesOf(
  db: Database,
  table: PgTable | SQL,
  where: SQL | undefined,
  interval: SeriesInterval,
  cumulative: boolean,
  from: string | null | undefined,
  to: string | null | undefined,
): Promise<SeriesRow[]> {
  const { key, unit, step } = bucketOf[interval];
  const rows = await queryRows<SeriesRow>(
    db,
    sql`
    WITH placed AS (
      SELECT ${key} AS bucket, ${factSumColumns} FROM ${table} ${where ? sql`WHERE ${where}` : sql``}
    ),
    per_bucket AS (
      SELECT bucket, ${figureSumAggregates} FROM placed WHERE bucket IS NOT NULL GROUP BY bucket
    ),
    bounds AS (
      SELECT date_trunc(${unit}, coalesce(${from ?? null}::date, min(bucket))::timestamp) AS lo,
             date_trunc(${unit}, coalesce(${to ?? null}::date, max(bucket))::timestamp) AS hi
      FROM per_bucket
    ),
    points AS (
      SELECT g::date AS start, ${figureSumColumnList((k) => `coalesce(p.${k}, 0)`)}
      -- Never more than one point past the cap: a range open on one end may span millennia.
      FROM bounds,
           generate_series(bounds.lo, least(bounds.hi, bounds.lo + ${MAX_SERIES_POINTS} * ${step}::interval), ${step}::interval) AS g
      LEFT JOIN per_bucket p ON p.bucket = g::date
    ),
    sums AS (
      SELECT start, ${cumulative ? figureSumColumnList((k) => `sum(${k}) OVER (ORDER BY start)::int8`) : figureSumColumnList()} FROM points
    )
    SELECT start::text AS start, ${figureSumColumnList()}, ${presentSumSql}
    FROM sums ORDER BY sums.start
    LIMIT ${MAX_SERIES_POINTS + 1}`,
  );
  if (rows.length > MAX_SERIES_POINTS) {
    throw new BadUserInputError(
      `The series would have more than ${MAX_SERIES_POINTS} points, the maximum; narrow the date range or use a wider interval.`,
      'interval',
      { maximum: MAX_SERIES_POINTS },
    );
  }
  return rows;
}

/** Records of the filter whose dates are too imprecise for the interval: reported, not dropped. */
export async function unplacedOf(
  db: Database,
  table: PgTable | SQL,
  where: SQL | undefined,
  interval: SeriesInterval,
): Promise<FigureTotalRow> {
  const placed = sql`(${bucketOf[interval].key}) IS NULL`;
  return totalOf(db, factsOf(table), where ? sql`${where} AND ${placed}` : placed);
}
