import { Field, ObjectType } from 'type-graphql';
import { DateScalar } from './scalars.js';
import { DatePrecision } from './enums.js';
import { ReadsNoRows } from './projection.js';

@ObjectType({ simpleResolvers: true, description: 'A date as precise as the source gives it ("Dec. 27", "since October", "in 2018").' })
@ReadsNoRows()
export class FuzzyDate {
  @Field(() => DateScalar, { description: 'First day of the period (the day itself for DAY precision).' })
  date!: string;

  @Field(() => DatePrecision, { description: 'Whether the day, only the month, or only the year is known.' })
  precision!: DatePrecision;

  @Field(() => DateScalar, { description: 'Last day of the period (equals `date` for DAY precision).' })
  end!: string;
}

/** The row columns toFuzzyDate reads: what a field built with it declares (projection.ts). */
export const fuzzyDateColumnKeys = ['occurredOn', 'occurredPrecision', 'occurredEnd'] as const;

export function toFuzzyDate(row: { occurredOn: string; occurredPrecision: DatePrecision; occurredEnd: string }): FuzzyDate {
  return { date: row.occurredOn, precision: row.occurredPrecision, end: row.occurredEnd };
}
