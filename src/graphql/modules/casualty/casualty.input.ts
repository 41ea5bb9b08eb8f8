import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { orderInputType } from '../../common/order.js';
import { ArrayMaxSize } from 'class-validator';
import { CasualtyKind, FigureQualifier } from '../../common/enums.js';
import { CountryCodeScalar } from '../../common/scalars.js';
import { DateRange } from '../../common/date-range.js';

@InputType({ description: 'Narrows casualty records; all given conditions must hold. Shared by `casualties` and the casualty statistics.' })
export class CasualtyFilter {
  @Field(() => ID, { nullable: true, description: 'Only records imported from this dataset (a Dataset ID).' })
  dataset?: string | null;

  @Field(() => DateRange, { nullable: true, description: 'When the casualties occurred (imprecise dates: see DateMatch).' })
  occurred?: DateRange | null;

  @Field(() => [CasualtyKind], { nullable: true, description: 'Only these kinds (killed, injured).' })
  @ArrayMaxSize(10)
  kinds?: CasualtyKind[] | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: 'Only victims of this country.' })
  country?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only casualties of this event (an Event ID).' })
  event?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only victims affiliated with this actor (an Actor ID), e.g. Kataeb Hezbollah.' })
  actor?: string | null;

  @Field(() => [FigureQualifier], { nullable: true, description: 'Only figures with these qualifiers.' })
  @ArrayMaxSize(10)
  qualifiers?: FigureQualifier[] | null;

  @Field(() => ID, { nullable: true, description: 'Only figures from this source (a Source ID).' })
  source?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only figures the source credits to this actor (an Actor ID), e.g. the Associated Press.',
  })
  attributedTo?: string | null;
}

export enum CasualtyOrderField {
  OCCURRED_ON = 'OCCURRED_ON',
}
registerEnumType(CasualtyOrderField, {
  name: 'CasualtyOrderField',
  description: 'What casualty records can be sorted by.',
  valuesConfig: { OCCURRED_ON: { description: 'Date of the casualties.' } },
});

export const CasualtyOrder = orderInputType<CasualtyOrderField>('Casualty', CasualtyOrderField, 'Sort order for casualty records.');
export type CasualtyOrder = InstanceType<typeof CasualtyOrder>;
