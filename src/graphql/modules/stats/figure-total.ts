import { Field, Int, ObjectType } from 'type-graphql';
import { FigureQualifier } from '../../common/enums.js';
import { ReadsNoRows } from '../../common/projection.js';
import { sumFigures, type FigureSumKey, type FigureTotalValues } from './figure-sum.js';

// How figures add up is defined once, in figure-sum.ts; this is the type that serves it.
@ObjectType({
  simpleResolvers: true,
  description:
    'A sum of reported figures that never claims more certainty than its records: each record stands for the values ' +
    'its wording allows, and the total for their sum. A bound is null when some record leaves it unknown or open ' +
    '("roughly 5,200" has neither floor nor ceiling); records of unknown size ("several officials") add 0 to low, ' +
    'nothing to best, make high open, and are counted in `unknownCount`, never dropped or guessed.',
})
@ReadsNoRows()
export class FigureTotal implements FigureTotalValues {
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
      "Sum of the records' best estimates (their number, or their floor/ceiling when only one is given), leaving out " +
      'records of unknown size; null when every record is of unknown size.',
  })
  best!: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      "Sum of each record's ceiling; null when any record is open-ended (AT_LEAST or UNKNOWN) or approximate without a stated ceiling.",
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

export const emptyFigureTotal = (): FigureTotal => sumFigures([]);

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
