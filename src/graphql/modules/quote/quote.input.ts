import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { orderInputType } from '../../common/order.js';
import { ArrayMaxSize, MaxLength, MinLength } from 'class-validator';
import { QuoteMedium } from '../../common/enums.js';
import { CountryCodeScalar } from '../../common/scalars.js';
import { DateRange } from '../../common/date-range.js';

@InputType({ description: 'Narrows the quotes list; all given conditions must hold.' })
export class QuoteFilter {
  @Field(() => ID, { nullable: true, description: 'Only records imported from this dataset (a Dataset ID).' })
  dataset?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Searches the quoted words: full-text (stemmed English) or a literal substring ("rouge").',
  })
  @MinLength(1)
  @MaxLength(200)
  search?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only quotes by this speaker (an Actor ID).' })
  speaker?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only quotes about this event (an Event ID).' })
  event?: string | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: 'Only quotes by speakers of this country.' })
  country?: string | null;

  @Field(() => [QuoteMedium], { nullable: true, description: 'Only quotes delivered this way.' })
  @ArrayMaxSize(20)
  media?: QuoteMedium[] | null;

  @Field(() => DateRange, { nullable: true, description: 'When the words were said.' })
  said?: DateRange | null;
}

export enum QuoteOrderField {
  SAID_ON = 'SAID_ON',
}
registerEnumType(QuoteOrderField, {
  name: 'QuoteOrderField',
  description: 'What quotes can be sorted by.',
  valuesConfig: { SAID_ON: { description: 'When the words were said.' } },
});

export const QuoteOrder = orderInputType<QuoteOrderField>('Quote', QuoteOrderField, 'Sort order for quotes.');
export type QuoteOrder = InstanceType<typeof QuoteOrder>;
