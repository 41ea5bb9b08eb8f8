import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { citations, quotes } from '../../../db/schema/index.js';
import type { Context } from '../../context.js';
import { PageArgs, type ConnectionData } from '../../common/connection.js';

import { byActorOfCountry, refersTo } from '../../common/fact-filter.js';
import { dateRangeCondition } from '../../common/date-range.js';
import { rootConnection } from '../../common/root-connection.js';
import { loadOptional, loadRequired } from '../../loaders.js';
import { Actor, toActor } from '../actor/actor.type.js';
import { likePattern } from '../../common/search.js';
import { Event, toEvent } from '../event/event.type.js';
import { Reaction, toReaction } from '../reaction/reaction.type.js';
import { Citation, Source, loadCitation, toSource } from '../source/source.type.js';
import { Quote, QuoteConnection, toQuote, quoteShape, type QuoteRead } from './quote.type.js';
import { QuoteFilter, QuoteOrder, QuoteOrderField } from './quote.input.js';
import { Reads, reads } from '../../common/projection.js';

function quoteConditions(filter: QuoteFilter | null | undefined): (SQL | undefined)[] {
  const standing = isNull(quotes.retractedAt);
  if (!filter) return [standing];
  return [
    standing,
    // Same expressions as quotes_fts_idx and quotes_text_trgm_idx (a BitmapOr of the two).
    filter.search
      ? sql`(to_tsvector('english', ${quotes.text}) @@ websearch_to_tsquery('english', ${filter.search})
             OR ${quotes.text} ILIKE ${likePattern(filter.search)})`
      : undefined,
    refersTo(quotes.speakerActorId, 'Actor', filter.speaker, 'filter.speaker'),
    refersTo(quotes.eventId, 'Event', filter.event, 'filter.event'),
    refersTo(quotes.datasetId, 'Dataset', filter.dataset, 'filter.dataset'),
    byActorOfCountry(quotes.speakerActorId, filter.country),
    filter.media?.length ? inArray(quotes.medium, filter.media) : undefined,
    dateRangeCondition(filter.said, quotes, 'filter.said'),
  ];
}

const quotesPage = rootConnection<QuoteRead, Quote, QuoteFilter>({
  connection: 'quotes',
  table: quotes,
  sort: { name: QuoteOrderField.SAID_ON, column: quotes.occurredOn, value: (row) => row.occurredOn },
  conditions: quoteConditions,
  toNode: toQuote,
});

@Resolver(() => Quote)
export class QuoteResolver {
  @Query(() => QuoteConnection, { description: 'Quotes, filtered, in the order said by default.' })
  @Reads()
  async quotes(
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Arg('filter', () => QuoteFilter, { nullable: true, description: 'Conditions the quotes must meet.' }) filter: QuoteFilter | null,
    @Arg('orderBy', () => QuoteOrder, { nullable: true, description: 'Sort order; default oldest first.' }) orderBy: QuoteOrder | null,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionData<Quote>> {
    return quotesPage({ first, after }, filter, orderBy, context, info);
  }

  @FieldResolver(() => Actor, { description: 'Who said it.' })
  @quoteShape.Reads('speakerActorId')
  async speaker(@Root() quote: Quote, @Ctx() { loaders }: Context): Promise<Actor> {
    return toActor(await loadRequired(loaders.actor, quote.row.speakerActorId, 'actor'));
  }

  @FieldResolver(() => Event, { nullable: true, description: 'The event it is about, if any.' })
  @quoteShape.Reads('eventId')
  async event(@Root() quote: Quote, @Ctx() { loaders }: Context): Promise<Event | null> {
    const row = await loadOptional(loaders.event, quote.row.eventId);
    return row && toEvent(row);
  }

  @FieldResolver(() => Reaction, { nullable: true, description: 'The reaction these words express, if any.' })
  @quoteShape.Reads('reactionId')
  async reaction(@Root() quote: Quote, @Ctx() { loaders }: Context): Promise<Reaction | null> {
    const row = await loadOptional(loaders.reaction, quote.row.reactionId);
    return row && toReaction(row);
  }

  @FieldResolver(() => Source, { description: 'The article that printed the quote.' })
  @Reads(reads(quotes, 'citationId'), reads(citations, 'sourceId'))
  async source(@Root() quote: Quote, @Ctx() { loaders }: Context): Promise<Source> {
    const citation = await loadRequired(loaders.citation, quote.row.citationId, 'citation');
    return toSource(await loadRequired(loaders.source, citation.sourceId, 'source'));
  }

  @FieldResolver(() => Citation, { description: 'The passage quoting it and whom the article credits for it.' })
  @quoteShape.Reads('citationId')
  async citation(@Root() quote: Quote, @Ctx() { loaders }: Context): Promise<Citation> {
    return loadCitation(loaders, quote.row.citationId);
  }
}
