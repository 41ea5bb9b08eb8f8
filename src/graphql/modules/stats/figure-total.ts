import { Field, Int, ObjectType } from 'type-graphql';
import { sql, type SQL } from 'drizzle-orm';
import { prerendered } from '../../../db/client.js';
import { FigureQualifier } from '../../common/enums.js';
import { declareColumnReads } from '../../common/projection.js';

/*
 * How figures add up: the one rule every total follows (casualtyStats, troopStats, casualtySeries,
 * casualtyTotals, the casualty rollup).
 *
 * A record stands for the interval of values its wording allows, and a total for the sum of those
 * intervals, never narrower:
 *
 *   qualifier     floor (low)               best                  ceiling (high)
 *   EXACT         v                         v                     v
 *   APPROXIMATE   its low, else unknown     its best              its high, else unknown
 *   AT_LEAST      its low                   its low               none (open)
 *   UP_TO         0                         its high              its high
 *   UNKNOWN       0                         unknown               none (open)
 *
 * A floor of 0 is known: "as many as 30" and "several" allow any small count. "Roughly 5,200" does
 * not, yet names no floor either, so its floor is unknown, and 5,200 is not one.
 *
 * The sum: low is the sum of floors, null when any floor is unknown; high the sum of ceilings, null
 * when any record is open or has no stated ceiling; best the sum of the bests there are, null only
 * when every record is of unknown size (`unknownCount` says how many were left out). The qualifier
 * is the first that holds of:
 *   EXACT        every record is exact (and the empty sum, which is exactly 0);
 *   UNKNOWN      every record is of unknown size;
 *   AT_LEAST     some record is open (AT_LEAST or UNKNOWN) and the floor is known;
 *   APPROXIMATE  some record is approximate;
 *   UP_TO        otherwise (exact records and ceilings).
 * Everything the rule reads is a count or a sum over the records (`FigureSum`), so sums of groups,
 * rollup rows and running totals add up exactly like sums of records, whatever the grouping.
 *
 * The rule is written once, as data (`figureSumRule`), and read twice: by `presentSum` (pure, used
 * for empty totals and as the tests' reference) and by `presentSumSql`, the SQL of every total.
 * What one record contributes is defined by the SQL functions of migrations/0007, which the rollup
 * triggers share, and mirrored by `figureSumOf` for the pure side; the property tests hold the two
 * sides equal (tests/graphql/figure-sum.test.ts).
 */

/** The counts and sums a total is computed from; each adds up across records, groups and rollup rows. */
export const figureSumKeys = [
  'records', 'exact_count', 'approximate_count', 'open_count', 'unknown_count',
  'low_sum', 'low_missing', 'best_sum', 'high_sum', 'high_missing',
] as const;
export type FigureSumKey = (typeof figureSumKeys)[number];
export type FigureSum = Record<FigureSumKey, number>;

/** All comparisons hold: `[key, op, key or 0]`. */
type Condition = readonly (readonly [FigureSumKey, '=' | '>', FigureSumKey | 0])[];

/** The rule, as data: which sum each bound is, when it is null, and which qualifier applies. */
export const figureSumRule = {
  bounds: {
    low: { sum: 'low_sum', nullWhen: [['low_missing', '>', 0]] },
    best: { sum: 'best_sum', nullWhen: [['records', '>', 0], ['unknown_count', '=', 'records']] },
    high: { sum: 'high_sum', nullWhen: [['high_missing', '>', 0]] },
  },
  qualifier: [
    ['EXACT', [['exact_count', '=', 'records']]],
    ['UNKNOWN', [['unknown_count', '=', 'records']]],
    ['AT_LEAST', [['open_count', '>', 0], ['low_missing', '=', 0]]],
    ['APPROXIMATE', [['approximate_count', '>', 0]]],
    ['UP_TO', []],
  ],
} as const satisfies {
  bounds: Record<'low' | 'best' | 'high', { sum: FigureSumKey; nullWhen: Condition }>;
  qualifier: readonly (readonly [FigureQualifier, Condition])[];
};

@ObjectType({
  simpleResolvers: true,
  description:
    'A sum of reported figures that never claims more certainty than its records: each record stands for the values ' +
    'its wording allows, and the total for their sum. A bound is null when some record leaves it unknown or open ' +
    '("roughly 5,200" has neither floor nor ceiling); records of unknown size ("several officials") add 0 to low, ' +
    'nothing to best, make high open, and are counted in `unknownCount`, never dropped or guessed.',
})
export class FigureTotal {
  @Field(() => Int, {
    nullable: true,
    description:
      'Sum of each record\'s floor (exact value, stated floor; 0 for "up to" and unknown sizes); null when an approximate ' +
      'record states no floor.',
  })
  low!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Sum of the records\' best estimates (their number, or their floor/ceiling when only one is given), leaving out ' +
      'records of unknown size; null when every record is of unknown size.',
  })
  best!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Sum of each record\'s ceiling; null when any record is open-ended (AT_LEAST or UNKNOWN) or approximate without a stated ceiling.',
  })
  high!: number | null;

  @Field(() => Int, { description: 'How many records were summed.' })
  records!: number;

  @Field(() => Int, { description: 'How many records give no number at all (qualifier UNKNOWN): left out of best.' })
  unknownCount!: number;

  @Field(() => Int, { description: 'How many records are exact.' })
  exactCount!: number;

  @Field(() => FigureQualifier, {
    description:
      'How exact the total is, the first that holds: EXACT when every record is; UNKNOWN when every record is of unknown size; ' +
      'AT_LEAST when a record is open-ended and low is known; APPROXIMATE when a record is approximate; UP_TO otherwise.',
  })
  qualifier!: FigureQualifier;
}

/** A figure's values as stored (low, best, high, qualifier), for the pure side of the rule. */
export interface FigureValues {
  low: number | null;
  best: number | null;
  high: number | null;
  qualifier: FigureQualifier;
}

/** What one record adds to a sum: the mirror of figure_floor / figure_estimate (migrations/0007) and the high column. */
export function figureSumOf({ low, best, high, qualifier }: FigureValues): FigureSum {
  const floor = qualifier === 'UP_TO' || qualifier === 'UNKNOWN' ? 0 : low;
  const estimate = best ?? low ?? high;
  return {
    records: 1,
    exact_count: Number(qualifier === 'EXACT'),
    approximate_count: Number(qualifier === 'APPROXIMATE'),
    open_count: Number(qualifier === 'AT_LEAST' || qualifier === 'UNKNOWN'),
    unknown_count: Number(qualifier === 'UNKNOWN'),
    low_sum: floor ?? 0,
    low_missing: Number(floor === null),
    best_sum: estimate ?? 0,
    high_sum: high ?? 0,
    high_missing: Number(high === null),
  };
}

export const emptyFigureSum = (): FigureSum => Object.fromEntries(figureSumKeys.map((k) => [k, 0])) as FigureSum;

export function addFigureSums(a: FigureSum, b: FigureSum): FigureSum {
  return Object.fromEntries(figureSumKeys.map((k) => [k, a[k] + b[k]])) as FigureSum;
}

const holds = (s: FigureSum, condition: Condition) => condition.every(([a, op, b]) => (op === '=' ? s[a] === (b === 0 ? 0 : s[b]) : s[a] > (b === 0 ? 0 : s[b])));

/** The total a sum stands for, by the rule. */
export function presentSum(s: FigureSum): FigureTotal {
  const bound = ({ sum, nullWhen }: { sum: FigureSumKey; nullWhen: Condition }) => (holds(s, nullWhen) ? null : s[sum]);
  const { low, best, high } = figureSumRule.bounds;
  return {
    low: bound(low),
    best: bound(best),
    high: bound(high),
    records: s.records,
    unknownCount: s.unknown_count,
    exactCount: s.exact_count,
    qualifier: figureSumRule.qualifier.find(([, condition]) => holds(s, condition))![0],
  };
}

/** The total of a multiset of figures, in memory: the reference the SQL totals are tested against. */
export const sumFigures = (figures: FigureValues[]): FigureTotal => presentSum(figures.map(figureSumOf).reduce(addFigureSums, emptyFigureSum()));

export const emptyFigureTotal = (): FigureTotal => sumFigures([]);

// --- The same rule in SQL -----------------------------------------------------------------------

const conditionSql = (condition: Condition) =>
  condition.length ? condition.map(([a, op, b]) => `${a} ${op} ${b}`).join(' AND ') : 'true';

/**
 * The total columns (total_low, total_best, total_high, qualifier) over a relation that has the
 * FigureSum columns by name; the statement selects them next to the sums.
 */
export const presentSumSql: SQL = prerendered(sql.raw(
  [
    ...Object.entries(figureSumRule.bounds).map(([name, { sum, nullWhen }]) => `CASE WHEN ${conditionSql(nullWhen)} THEN NULL ELSE ${sum} END AS total_${name}`),
    `CASE ${figureSumRule.qualifier.map(([q, c]) => `WHEN ${conditionSql(c)} THEN '${q}'`).join(' ')} END AS qualifier`,
  ].join(',\n'),
));

/**
 * Per-row sums of a fact table with figure_* columns: each row is a sum of one record. Rollup rows
 * carry the same columns, pre-summed (casualty_rollups).
 */
export const factSumColumns: SQL = prerendered(sql.raw(`
  1 AS records, figure_qualifier,
  figure_floor(figure_qualifier, figure_low) AS low_sum, (figure_floor(figure_qualifier, figure_low) IS NULL)::int AS low_missing,
  figure_estimate(figure_low, figure_best, figure_high) AS best_sum,
  figure_high AS high_sum, (figure_high IS NULL)::int AS high_missing`));

export const rollupSumColumns: SQL = prerendered(sql.raw('records, figure_qualifier, low_sum, low_missing, best_sum, high_sum, high_missing'));

const qualifierCount = (qualifiers: FigureQualifier[]) =>
  `coalesce(sum(records) FILTER (WHERE figure_qualifier IN (${qualifiers.map((q) => `'${q}'`).join(', ')})), 0)::int8`;

/** Aggregates rows of sums (factSumColumns or rollupSumColumns) into the FigureSum columns: one SUM each. */
export const figureSumAggregates: SQL = prerendered(sql.raw(
  [
    'coalesce(sum(records), 0)::int8 AS records',
    `${qualifierCount(['EXACT'])} AS exact_count`,
    `${qualifierCount(['APPROXIMATE'])} AS approximate_count`,
    `${qualifierCount(['AT_LEAST', 'UNKNOWN'])} AS open_count`,
    `${qualifierCount(['UNKNOWN'])} AS unknown_count`,
    ...(['low_sum', 'low_missing', 'best_sum', 'high_sum', 'high_missing'] as const).map((k) => `coalesce(sum(${k}), 0)::int8 AS ${k}`),
  ].join(',\n'),
));

/** The FigureSum columns by name, e.g. to carry them through a join or a window. */
export const figureSumColumnList = (map: (key: FigureSumKey) => string = (k) => k): SQL =>
  sql.raw(figureSumKeys.map((k) => `${map(k)} AS ${k}`).join(', '));

/** A total as Postgres returns it: the sums (int8 may arrive as strings) and the presented columns. */
export type FigureTotalRow = Record<FigureSumKey, number | string> & {
  total_low: number | string | null;
  total_best: number | string | null;
  total_high: number | string | null;
  qualifier: FigureQualifier;
};

/** Postgres int8 sums exceed GraphQL Int beyond 2^31; refuse rather than wrap. */
function int(value: number | string, column: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n > 2147483647) throw new Error(`${column} total ${value} does not fit a GraphQL Int`);
  return n;
}
const nullableInt = (value: number | string | null, column: string) => (value === null ? null : int(value, column));

export function toFigureTotal(row: FigureTotalRow): FigureTotal {
  return {
    low: nullableInt(row.total_low, 'low'),
    best: nullableInt(row.total_best, 'best'),
    high: nullableInt(row.total_high, 'high'),
    records: int(row.records, 'records'),
    unknownCount: int(row.unknown_count, 'unknown'),
    exactCount: int(row.exact_count, 'exact'),
    qualifier: row.qualifier,
  };
}

// Sums computed by the statement, not read from table rows.
declareColumnReads('FigureTotal', { low: [], best: [], high: [], records: [], unknownCount: [], exactCount: [], qualifier: [] });
