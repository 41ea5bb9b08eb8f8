import { Field, Int, ObjectType } from 'type-graphql';
import { sql, type SQL } from 'drizzle-orm';
import { FigureQualifier } from '../../common/enums.js';
import { declareColumnReads } from '../../common/projection.js';

@ObjectType({
  simpleResolvers: true,
  description:
    'A sum of reported figures that stays honest about uncertainty: lowest and best totals, a highest total only ' +
    'when every record has a ceiling, and counts of the records that are exact or of unknown size. ' +
    'Records of unknown size ("several officials") add 0 to low and best and are counted in `unknownCount`, never dropped or guessed.',
})
export class FigureTotal {
  @Field(() => Int, { description: 'Sum of each record\'s lowest value (exact value, stated floor, or approximate value; 0 for "up to" and unknown sizes).' })
  low!: number;

  @Field(() => Int, { description: 'Sum of each record\'s best estimate (its number, or its floor/ceiling when only one is given; 0 for unknown sizes).' })
  best!: number;

  @Field(() => Int, { nullable: true, description: 'Sum of each record\'s highest value; null when any record is open-ended (AT_LEAST or UNKNOWN).' })
  high!: number | null;

  @Field(() => Int, { description: 'How many records were summed.' })
  records!: number;

  @Field(() => Int, { description: 'How many records give no number at all (qualifier UNKNOWN).' })
  unknownCount!: number;

  @Field(() => Int, { description: 'How many records are exact.' })
  exactCount!: number;

  @Field(() => FigureQualifier, {
    description:
      'How exact the total is: EXACT when every record is; AT_LEAST when any is open-ended (high is null); ' +
      'APPROXIMATE when any is approximate; UP_TO when the rest are ceilings.',
  })
  qualifier!: FigureQualifier;
}

/** Raw aggregate columns as Postgres returns them (counts and sums may arrive as strings). */
export interface FigureTotalRow {
  total_low: number | string | null;
  total_best: number | string | null;
  total_high: number | string | null;
  records: number | string;
  unknown_count: number | string;
  exact_count: number | string;
  approximate_count: number | string;
}

/**
 * The aggregate columns of a FigureTotal over a table with figure_* columns, as one SELECT list:
 * every total is computed by Postgres in the same pass (SUM … FILTER), never by summing rows in JS.
 * What one record adds to low, best and high is defined once, by the inlinable SQL functions of
 * migrations/0005_casualty_rollups.sql, which the rollup triggers use too.
 */
export function figureTotalColumns(alias?: string): SQL {
  const c = (name: string) => sql.raw(alias ? `${alias}.${name}` : name);
  return sql`
    coalesce(sum(figure_low_part(${c('figure_qualifier')}, ${c('figure_low')}, ${c('figure_best')})), 0)::int8 AS total_low,
    coalesce(sum(figure_best_part(${c('figure_low')}, ${c('figure_best')}, ${c('figure_high')})), 0)::int8 AS total_best,
    CASE WHEN bool_or(${c('figure_qualifier')} IN ('AT_LEAST', 'UNKNOWN')) THEN NULL
         ELSE coalesce(sum(figure_high_part(${c('figure_best')}, ${c('figure_high')})), 0)::int8 END AS total_high,
    count(*)::int8 AS records,
    count(*) FILTER (WHERE ${c('figure_qualifier')} = 'UNKNOWN')::int8 AS unknown_count,
    count(*) FILTER (WHERE ${c('figure_qualifier')} = 'EXACT')::int8 AS exact_count,
    count(*) FILTER (WHERE ${c('figure_qualifier')} = 'APPROXIMATE')::int8 AS approximate_count`;
}

/** The same aggregate columns over casualty_rollups, whose rows are pre-summed per qualifier. */
export function rollupTotalColumns(): SQL {
  return sql`
    coalesce(sum(low_sum), 0)::int8 AS total_low,
    coalesce(sum(best_sum), 0)::int8 AS total_best,
    CASE WHEN bool_or(figure_qualifier IN ('AT_LEAST', 'UNKNOWN')) THEN NULL
         ELSE coalesce(sum(high_sum), 0)::int8 END AS total_high,
    coalesce(sum(records), 0)::int8 AS records,
    coalesce(sum(records) FILTER (WHERE figure_qualifier = 'UNKNOWN'), 0)::int8 AS unknown_count,
    coalesce(sum(records) FILTER (WHERE figure_qualifier = 'EXACT'), 0)::int8 AS exact_count,
    coalesce(sum(records) FILTER (WHERE figure_qualifier = 'APPROXIMATE'), 0)::int8 AS approximate_count`;
}

/** Postgres int8 sums exceed GraphQL Int beyond 2^31; refuse rather than wrap. */
function int(value: number | string | null, column: string): number {
  const n = Number(value ?? 0);
  if (!Number.isSafeInteger(n) || n > 2147483647) throw new Error(`${column} total ${value} does not fit a GraphQL Int`);
  return n;
}

export function toFigureTotal(row: FigureTotalRow): FigureTotal {
  const records = int(row.records, 'records');
  const exactCount = int(row.exact_count, 'exact');
  const high = row.total_high === null ? null : int(row.total_high, 'high');
  const qualifier: FigureQualifier =
    high === null ? 'AT_LEAST'
    : exactCount === records ? 'EXACT'
    : int(row.approximate_count, 'approximate') > 0 ? 'APPROXIMATE'
    : 'UP_TO';
  return {
    low: int(row.total_low, 'low'),
    best: int(row.total_best, 'best'),
    high,
    records,
    unknownCount: int(row.unknown_count, 'unknown'),
    exactCount,
    qualifier,
  };
}

export const emptyFigureTotal = (): FigureTotal => ({ low: 0, best: 0, high: 0, records: 0, unknownCount: 0, exactCount: 0, qualifier: 'EXACT' });

// Sums computed by the statement, not read from table rows.
declareColumnReads('FigureTotal', { low: [], best: [], high: [], records: [], unknownCount: [], exactCount: [], qualifier: [] });
