import { Field, ID, ObjectType } from 'type-graphql';
import { Node } from '../../common/node.js';
import { toGlobalId } from '../../common/global-id.js';
import { QuoteMedium } from '../../common/enums.js';
import { connectionTypes } from '../../common/connection.js';
import { FuzzyDate, fuzzyDateColumnKeys, toFuzzyDate } from '../../common/fuzzy-date.js';
import type { QuoteRow } from '../../loaders.js';
import { instance } from '../../common/instance.js';
import { Reads } from '../../common/projection.js';
import { quotes } from '../../../db/schema/index.js';

@ObjectType({ simpleResolvers: true, implements: Node, description: 'Words exactly as printed, attributed to who said them.' })
export class Quote implements Node {
  __typename!: 'Quote';

  @Field(() => ID, { description: 'Global opaque identifier.' })
  @Reads(quotes, 'id')
  id!: string;

  @Field(() => String, { description: 'The words, verbatim as printed, typos included ("rouge adventurism").' })
  @Reads(quotes, 'text')
  text!: string;

  @Field(() => FuzzyDate, { description: 'When it was said, as precisely as reported.' })
  @Reads(quotes, ...fuzzyDateColumnKeys)
  saidOn!: FuzzyDate;

  @Field(() => QuoteMedium, { description: 'How it was delivered: statement, tweet, remarks, chant…' })
  @Reads(quotes, 'medium')
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

export const { Connection: QuoteConnection } = connectionTypes(Quote, 'Quote');
