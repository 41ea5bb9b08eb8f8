import { sql, type SQL } from 'drizzle-orm';
import { prerendered } from '../../../db/client.js';
import type { FigureQualifier } from '../../common/enums.js';

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
 * sides equal (tests/graphql/figure-sum.test.ts). No GraphQL here: the tests import it bare.
 */

/** The counts and sums a total is computed from; each adds up across records, groups and rollup rows. */
export const figureSumKeys = [
  'records',
  'exact_count',
  'approximate_count',
  'open_count',
  'unknown_count',
  'low_sum',
  'low_missing',
  'best_sum',
  'high_sum',
  'high_missing',
] as const;
export type FigureSumKey = (typeof figureSumKeys)[number];
export type FigureSum = Record<FigureSumKey, number>;

/** All comparisons hold: `[key, op, key or 0]`. */
type Condition = readonly (readonly [FigureSumKey, '=' | '>', FigureSumKey | 0])[];

/** The rule, as data: which sum each bound is, when it is null, and which qualifier applies. */
export const figureSumRule = {
  bounds: {
    low: { sum: 'low_sum', nullWhen: [['low_missing', '>', 0]] },
    best: {
      sum: 'best_sum',
      nullWhen: [
        ['records', '>', 0],
        ['unknown_count', '=', 'records'],
      ],
    },
    high: { sum: 'high_sum', nullWhen: [['high_missing', '>', 0]] },
  },
  qualifier: [
    ['EXACT', [['exact_count', '=', 'records']]],
    ['UNKNOWN', [['unknown_count', '=', 'records']]],
    [
      'AT_LEAST',
      [
        ['open_count', '>', 0],
        ['low_missing', '=', 0],
      ],
    ],
    ['APPROXIMATE', [['approximate_count', '>', 0]]],
    ['UP_TO', []],
  ],
} as const satisfies {
  bounds: Record<'low' | 'best' | 'high', { sum: FigureSumKey; nullWhen: Condition }>;
  qualifier: readonly (readonly [FigureQualifier, Condition])[];
};

/** A total as the API serves it (the GraphQL type is FigureTotal). */
export interface FigureTotalValues {
  low: number | null;
  best: number | null;
  high: number | null;
  records: number;
  unknownCount: number;
  exactCount: number;
  qualifier: FigureQualifier;
}

/** The counts of records by qualifier that the rule reads: open records have no ceiling at all. */
const qualifierCounts = {
  exact_count: ['EXACT'],
  approximate_count: ['APPROXIMATE'],
  open_count: ['AT_LEAST', 'UNKNOWN'],
  unknown_count: ['UNKNOWN'],
} as const satisfies Partial<Record<FigureSumKey, readonly FigureQualifier[]>>;

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
  const counts = Object.entries(qualifierCounts).map(([key, qualifiers]: [string, readonly FigureQualifier[]]) => [
    key,
    Number(qualifiers.includes(qualifier)),
  ]);
  return {
    records: 1,
    ...(Object.fromEntries(counts) as Record<keyof typeof qualifierCounts, number>),
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

const holds = (s: FigureSum, condition: Condition) =>
  condition.every(([a, op, b]) => (op === '=' ? s[a] === (b === 0 ? 0 : s[b]) : s[a] > (b === 0 ? 0 : s[b])));

/** The total a sum stands for, by the rule. */
export function presentSum(s: FigureSum): FigureTotalValues {
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
export const sumFigures = (figures: FigureValues[]): FigureTotalValues =>
  presentSum(figures.map(figureSumOf).reduce(addFigureSums, emptyFigureSum()));

// --- The same rule in SQL -----------------------------------------------------------------------

const conditionSql = (condition: Condition) => (condition.length ? condition.map(([a, op, b]) => `${a} ${op} ${b}`).join(' AND ') : 'true');

/**
 * The total columns (total_low, total_best, total_high, qualifier) over a relation that has the
 * FigureSum columns by name; the statement selects them next to the sums.
 */
export const presentSumSql: SQL = prerendered(
  sql.raw(
    [
      ...Object.entries(figureSumRule.bounds).map(
        ([name, { sum, nullWhen }]) => `CASE WHEN ${conditionSql(nullWhen)} THEN NULL ELSE ${sum} END AS total_${name}`,
      ),
      `CASE ${figureSumRule.qualifier.map(([q, c]) => `WHEN ${conditionSql(c)} THEN '${q}'`).join(' ')} END AS qualifier`,
    ].join(',\n'),
  ),
);

/**
 * Per-row sums of a fact table with figure_* columns: each row is a sum of one record. Rollup rows
 * carry the same columns, pre-summed (casualty_rollups).
 */
export const factSumColumns: SQL = prerendered(
  sql.raw(`
  1 AS records, figure_qualifier,
  figure_floor(figure_qualifier, figure_low) AS low_sum,
  (figure_floor(figure_qualifier, figure_low) IS NULL)::int AS low_missing,
  figure_estimate(figure_low, figure_best, figure_high) AS best_sum,
  figure_high AS high_sum, (figure_high IS NULL)::int AS high_missing`),
);

export const rollupSumColumns: SQL = prerendered(
  sql.raw('records, figure_qualifier, low_sum, low_missing, best_sum, high_sum, high_missing'),
);

const qualifierCount = (qualifiers: readonly FigureQualifier[]) =>
  `coalesce(sum(records) FILTER (WHERE figure_qualifier IN (${qualifiers.map((q) => `'${q}'`).join(', ')})), 0)::int8`;

/** Aggregates rows of sums (factSumColumns or rollupSumColumns) into the FigureSum columns: one SUM each. */
export const figureSumAggregates: SQL = prerendered(
  sql.raw(
    [
      'coalesce(sum(records), 0)::int8 AS records',
      ...Object.entries(qualifierCounts).map(([key, qualifiers]) => `${qualifierCount(qualifiers)} AS ${key}`),
      ...(['low_sum', 'low_missing', 'best_sum', 'high_sum', 'high_missing'] as const).map((k) => `coalesce(sum(${k}), 0)::int8 AS ${k}`),
    ].join(',\n'),
  ),
);

/** The FigureSum columns by name, e.g. to carry them through a join or a window. */
export const figureSumColumnList = (map: (key: FigureSumKey) => string = (k) => k): SQL =>
  sql.raw(figureSumKeys.map((k) => `${map(k)} AS ${k}`).join(', '));
