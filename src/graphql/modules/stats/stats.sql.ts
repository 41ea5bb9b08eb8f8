import { sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { queryRows, type Database } from '../../../db/client.js';
import { BadUserInputError } from '../../errors.js';
import { SortDirection } from '../../common/enums.js';
import { figureTotalColumns, type FigureTotalRow } from './figure-total.js';
import { SeriesInterval, StatsOrderField, type StatsOrder } from './stats.input.js';

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

/** A date key only as precise as the records: coarser records get a null key instead of a made-up day. */
export const dayKey = sql`CASE WHEN occurred_precision = 'DAY' THEN occurred_on END`;
export const monthKey = sql`CASE WHEN occurred_precision IN ('DAY', 'MONTH') THEN date_trunc('month', occurred_on::timestamp)::date END`;
const weekKey = sql`CASE WHEN occurred_precision = 'DAY' THEN date_trunc('week', occurred_on::timestamp)::date END`;

/** Where totals are read from: a fact table (one row per record) or a rollup of pre-summed rows. */
export interface StatsSource {
  table: PgTable;
  totals: SQL;
}

export const factsOf = (table: PgTable): StatsSource => ({ table, totals: figureTotalColumns() });

export async function totalOf(db: Database, { table, totals }: StatsSource, where: SQL | undefined): Promise<FigureTotalRow> {
  const [row] = await queryRows<FigureTotalRow>(db, sql`SELECT ${totals} FROM ${table} ${where ? sql`WHERE ${where}` : sql``}`);
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
  { table, totals }: StatsSource,
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
  // Postgres sorts NULL as the largest value, which is what an open-ended HIGH means.
  const orderBy = field === StatsOrderField.KEY ? keyOrder : [`${metricColumn[field]} ${direction}`, ...keyOrder];
  const projectKeys = sql.join(dimensions.map((d) => sql`${d.expression} AS ${sql.raw(d.alias)}`), sql`, `);
  const keyList = sql.raw(keys.join(', '));
  const rows = await queryRows<GroupRow & { is_total: boolean }>(db, sql`
    WITH grouped AS (
      SELECT ${keyList}, ${totals}, GROUPING(${keyList}) <> 0 AS is_total
      FROM (SELECT ${projectKeys}, * FROM ${table} ${where ? sql`WHERE ${where}` : sql``}) AS facts
      GROUP BY GROUPING SETS ((${keyList}), ())
    )
    (SELECT *, count(*) OVER () AS group_count FROM grouped WHERE NOT is_total
     ORDER BY ${sql.raw(orderBy.join(', '))} LIMIT ${limit} OFFSET ${offset})
    UNION ALL
    SELECT *, NULL FROM grouped WHERE is_total`);
  const total = rows.find((row) => row.is_total);
  if (!total) throw new Error('GROUPING SETS returned no grand-total row');
  return { rows: rows.filter((row) => !row.is_total), total };
}

const MAX_SERIES_POINTS = 1000;

const bucketOf: Record<SeriesInterval, { key: SQL; unit: string; step: string }> = {
  [SeriesInterval.DAY]: { key: dayKey, unit: 'day', step: '1 day' },
  [SeriesInterval.WEEK]: { key: weekKey, unit: 'week', step: '1 week' },
  [SeriesInterval.MONTH]: { key: monthKey, unit: 'month', step: '1 month' },
};

export type SeriesRow = FigureTotalRow & { start: string };

/**
 * One statement for a whole series: records bucketed by interval (those dated too coarsely for
 * it are left to `unplacedOf`), every interval between the range ends generated so empty ones
 * show as zeros, and running sums by window when cumulative.
 */
export async function seriesOf(
  db: Database,
  table: PgTable,
  where: SQL | undefined,
  interval: SeriesInterval,
  cumulative: boolean,
  from: string | null | undefined,
  to: string | null | undefined,
): Promise<SeriesRow[]> {
  const { key, unit, step } = bucketOf[interval];
  const running = (column: string) => (cumulative ? `sum(${column}) OVER (ORDER BY start)` : column);
  const rows = await queryRows<SeriesRow>(db, sql`
    WITH placed AS (
      SELECT ${key} AS bucket, figure_low, figure_best, figure_high, figure_qualifier
      FROM ${table} ${where ? sql`WHERE ${where}` : sql``}
    ),
    per_bucket AS (
      SELECT bucket, ${figureTotalColumns()} FROM placed WHERE bucket IS NOT NULL GROUP BY bucket
    ),
    bounds AS (
      SELECT date_trunc(${unit}, coalesce(${from ?? null}::date, min(bucket))::timestamp) AS lo,
             date_trunc(${unit}, coalesce(${to ?? null}::date, max(bucket))::timestamp) AS hi
      FROM per_bucket
    ),
    points AS (
      SELECT g::date AS start,
             coalesce(p.total_low, 0) AS total_low, coalesce(p.total_best, 0) AS total_best,
             CASE WHEN p.records IS NULL THEN 0 ELSE p.total_high END AS total_high,
             (p.records > 0 AND p.total_high IS NULL) AS open_ended,
             coalesce(p.records, 0) AS records, coalesce(p.unknown_count, 0) AS unknown_count,
             coalesce(p.exact_count, 0) AS exact_count, coalesce(p.approximate_count, 0) AS approximate_count
      FROM bounds, generate_series(bounds.lo, bounds.hi, ${step}::interval) AS g
      LEFT JOIN per_bucket p ON p.bucket = g::date
    )
    SELECT start::text AS start,
           ${sql.raw(running('total_low'))}::int8 AS total_low,
           ${sql.raw(running('total_best'))}::int8 AS total_best,
           CASE WHEN ${sql.raw(cumulative ? 'bool_or(open_ended) OVER (ORDER BY start)' : 'open_ended')} THEN NULL
                ELSE ${sql.raw(running('coalesce(total_high, 0)'))}::int8 END AS total_high,
           ${sql.raw(running('records'))}::int8 AS records,
           ${sql.raw(running('unknown_count'))}::int8 AS unknown_count,
           ${sql.raw(running('exact_count'))}::int8 AS exact_count,
           ${sql.raw(running('approximate_count'))}::int8 AS approximate_count
    FROM points ORDER BY start
    LIMIT ${MAX_SERIES_POINTS + 1}`);
  if (rows.length > MAX_SERIES_POINTS) {
    throw new BadUserInputError(
      `The series would have more than ${MAX_SERIES_POINTS} points; narrow the date range or use a wider interval.`,
      'interval',
    );
  }
  return rows;
}

/** Records of the filter whose dates are too imprecise for the interval: reported, not dropped. */
export async function unplacedOf(db: Database, table: PgTable, where: SQL | undefined, interval: SeriesInterval): Promise<FigureTotalRow> {
  const placed = sql`(${bucketOf[interval].key}) IS NULL`;
  return totalOf(db, factsOf(table), where ? sql`${where} AND ${placed}` : placed);
}
