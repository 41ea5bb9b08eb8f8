import { Field, InputType, registerEnumType } from 'type-graphql';
import { and, gte, lte, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { BadUserInputError } from '../errors.js';
import { DateScalar } from './scalars.js';

export enum DateMatch {
  WITHIN = 'WITHIN',
  OVERLAPS = 'OVERLAPS',
}
registerEnumType(DateMatch, {
  name: 'DateMatch',
  description: 'How a date known only to the month or year is compared with a range.',
  valuesConfig: {
    WITHIN: { description: 'Its whole period lies inside the range: certainly in it (the default, safe for sums).' },
    OVERLAPS: { description: 'Its period touches the range: possibly in it.' },
  },
});

@InputType({ description: 'A range of calendar days, both ends included; either end may be open.' })
export class DateRange {
  @Field(() => DateScalar, { nullable: true, description: 'First day included.' })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Last day included.' })
  to?: string | null;

  @Field(() => DateMatch, { nullable: true, description: 'How imprecise dates are compared (default WITHIN).' })
  match?: DateMatch | null;
}

/** Range condition on a table's `occurred_on`/`occurred_end` pair; rejects inverted ranges. */
export function dateRangeCondition(
  range: DateRange | null | undefined,
  columns: { occurredOn: AnyPgColumn; occurredEnd: AnyPgColumn },
  argument = 'filter.occurred',
): SQL | undefined {
  if (!range) return undefined;
  const { from, to } = range;
  if (from && to && from > to) {
    throw new BadUserInputError(`The date range is inverted: from ${from} is after to ${to}.`, argument);
  }
  const overlaps = range.match === DateMatch.OVERLAPS;
  return and(
    from ? gte(overlaps ? columns.occurredEnd : columns.occurredOn, from) : undefined,
    to ? lte(overlaps ? columns.occurredOn : columns.occurredEnd, to) : undefined,
  );
}
