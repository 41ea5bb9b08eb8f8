import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../../common/node.js';
import { toGlobalId } from '../../common/global-id.js';
import { QuoteMedium } from '../../common/enums.js';
import { connectionTypes } from '../../common/connection.js';
import { FuzzyDate, fuzzyDateColumnKeys, toFuzzyDate } from '../../common/fuzzy-date.js';
import { instance } from '../../common/instance.js';
import { rowShape, type RowOf } from '../../common/projection.js';
import { quotes } from '../../../db/schema/index.js';

/** The columns Quote values are built from (see RowShape). */
export const quoteShape = rowShape(quotes, [
  'id',
  'text',
  ...fuzzyDateColumnKeys,
  'medium',
  'speakerActorId',
  'eventId',
  'reactionId',
  'citationId',
  'datasetId',
]);
export type QuoteRead = RowOf<typeof quoteShape>;

@ObjectType({ simpleResolvers: true, implements: Node, description: 'Words exactly as printed, attributed to who said them.' })
@quoteShape.Type()
export class Quote implements Node {
  __typename!: 'Quote';

  @Field(() => ID, { description: 'Global opaque identifier.' })
  @quoteShape.Reads('id')
  id!: string;

  @Field(() => String, { description: 'The words, verbatim as printed, typos included ("rouge adventurism").' })
  @quoteShape.Reads('text')
  text!: string;

  @Field(() => FuzzyDate, { description: 'When it was said, as precisely as reported.' })
  @quoteShape.Reads(...fuzzyDateColumnKeys)
  saidOn!: FuzzyDate;

  @Field(() => QuoteMedium, { description: 'How it was delivered: statement, tweet, remarks, chant…' })
  @quoteShape.Reads('medium')
  medium!: QuoteMedium;

  row!: QuoteRead;
}

export const toQuote = (row: QuoteRead): Quote =>
  instance(Quote, {
    __typename: 'Quote',
    id: toGlobalId('Quote', row.id),
    text: row.text,
    saidOn: toFuzzyDate(row),
    medium: row.medium,
    row,
  });

export const { Connection: QuoteConnection } = connectionTypes(Quote, 'Quote');
