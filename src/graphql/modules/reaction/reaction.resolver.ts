import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { inArray, isNull, type SQL } from 'drizzle-orm';
import { reactions } from '../../../db/schema/index.js';
import type { Context } from '../../context.js';
import { PageArgs, type ConnectionData } from '../../common/connection.js';
import { SortDirection } from '../../common/enums.js';
import { byActorOfCountry, refersTo } from '../../common/fact-filter.js';
import { keysetPage } from '../../common/paginate.js';
import { loadRequired } from '../../loaders.js';
import { Actor, toActor } from '../actor/actor.type.js';
import { Event, toEvent } from '../event/event.type.js';
import { Quote, toQuote } from '../quote/quote.type.js';
import { Citation, loadCitation } from '../source/source.type.js';
import { Reaction, ReactionConnection, toReaction, reactionShape, type ReactionRead } from './reaction.type.js';
import { ReactionFilter } from './reaction.input.js';
import { Reads } from '../../common/projection.js';

function reactionConditions(filter: ReactionFilter | null | undefined): (SQL | undefined)[] {
  // Reactions are retracted with their event (eventRetract).
  const standing = isNull(reactions.retractedAt);
  if (!filter) return [standing];
  return [
    standing,
    refersTo(reactions.eventId, 'Event', filter.event, 'filter.event'),
    refersTo(reactions.actorId, 'Actor', filter.actor, 'filter.actor'),
    refersTo(reactions.datasetId, 'Dataset', filter.dataset, 'filter.dataset'),
    byActorOfCountry(reactions.actorId, filter.country),
    filter.stances?.length ? inArray(reactions.stance, filter.stances) : undefined,
  ];
}

@Resolver(() => Reaction)
export class ReactionResolver {
  @Query(() => ReactionConnection, { description: 'Reactions to events, oldest first.' })
  @Reads()
  async reactions(
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Arg('filter', () => ReactionFilter, { nullable: true, description: 'Conditions the reactions must meet.' })
    filter: ReactionFilter | null,
    @Ctx() { db, config }: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionData<Reaction>> {
    return keysetPage<ReactionRead, Reaction, ReactionFilter | null>(
      {
        db,
        connection: 'reactions',
        table: reactions,
        sort: { name: 'OCCURRED_ON', column: reactions.occurredOn, value: (row) => row.occurredOn },
        direction: SortDirection.ASC,
        filter: { input: filter, conditions: reactionConditions },
        page: { first, after },
        maxPageSize: config.maxPageSize,
        operation: info,
      },
      toReaction,
    );
  }

  @FieldResolver(() => Actor, { description: 'Who reacted.' })
  @reactionShape.Reads('actorId')
  async actor(@Root() reaction: Reaction, @Ctx() { loaders }: Context): Promise<Actor> {
    return toActor(await loadRequired(loaders.actor, reaction.row.actorId, 'actor'));
  }

  @FieldResolver(() => Event, { description: 'The event reacted to.' })
  @reactionShape.Reads('eventId')
  async event(@Root() reaction: Reaction, @Ctx() { loaders }: Context): Promise<Event> {
    return toEvent(await loadRequired(loaders.event, reaction.row.eventId, 'event'));
  }

  @FieldResolver(() => [Quote], { description: 'The words in which the reaction was expressed, verbatim.' })
  @reactionShape.Reads('id')
  async quotes(@Root() reaction: Reaction, @Ctx() { loaders }: Context): Promise<Quote[]> {
    return (await loaders.quotesByReaction.load(reaction.row.id)).map(toQuote);
  }

  @FieldResolver(() => Citation, { description: 'Where the reaction is reported.' })
  @reactionShape.Reads('citationId')
  async citation(@Root() reaction: Reaction, @Ctx() { loaders }: Context): Promise<Citation> {
    return loadCitation(loaders, reaction.row.citationId);
  }
}
