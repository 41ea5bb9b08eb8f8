import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../../common/node.js';
import { toGlobalId } from '../../common/global-id.js';
import { QuoteMedium } from '../../common/enums.js';
import { connectionTypes } from '../../common/connection.js';
import { FuzzyDate, fuzzyDateColumnKeys, toFuzzyDate } from '../../common/fuzzy-date.js';
import type { QuoteRow } from '../../loaders.js';
import { instance } from '../../common/instance.js';
import { declareColumnReads, reads } from '../../common/projection.js';
import { citations, quotes } from '../../../db/schema/index.js';

@ObjectType({ simpleResolvers: true, implements: Node, description: 'Words exactly as printed, attributed to who said them.' })
export class Quote implements Node {
  __typename!: 'Quote';

  @Field(() => ID, { description: 'Global opaque identifier.' })
  id!: string;

  @Field(() => String, { description: 'The words, verbatim as printed, typos included ("rouge adventurism").' })
  text!: string;

  @Field(() => FuzzyDate, { description: 'When it was said, as precisely as reported.' })
  saidOn!: FuzzyDate;

  @Field(() => QuoteMedium, { description: 'How it was delivered: statement, tweet, remarks, chant…' })
  medium!: QuoteMedium;

  row!: QuoteRow;
}

export const toQuote = (row: QuoteRow): Quote =>
  instance(Quote, {
    __typename: 'Quote',
    id: toGlobalId('Quote', row.id),
    text: row.text,
    saidOn: toFuzzyDate(row),
    medium: row.medium,
    row,
  });

// What each field reads of rows (see projection.ts); speaker's resolver is in quote.resolver.ts.
declareColumnReads('Quote', {
  id: [reads(quotes, 'id')],
  text: [reads(quotes, 'text')],
  saidOn: [reads(quotes, ...fuzzyDateColumnKeys)],
  medium: [reads(quotes, 'medium')],
  speaker: [reads(quotes, 'speakerActorId')],
  // Field resolvers (quote.resolver.ts); `source` goes through the citation's row.
  event: [reads(quotes, 'eventId')],
  reaction: [reads(quotes, 'reactionId')],
  source: [reads(quotes, 'citationId'), reads(citations, 'sourceId')],
  citation: [reads(quotes, 'citationId')],
});

export const { Connection: QuoteConnection } = connectionTypes(Quote, 'Quote');
