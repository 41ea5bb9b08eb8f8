import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { actors, eventActors, events } from '../../../db/schema/index.js';
import type { Context } from '../../context.js';
import { PageArgs, type ConnectionData } from '../../common/connection.js';
import { EventActorRole } from '../../common/enums.js';
import { rowIdOf } from '../../common/global-id.js';
import { rootConnection } from '../../common/root-connection.js';
import { actorSearch } from '../../common/search.js';
import { loadOptional, type ActorRow, type Loaders } from '../../loaders.js';
import { Country, toCountry } from '../country/country.type.js';
import { Event, toEvent } from '../event/event.type.js';
import { Quote, toQuote } from '../quote/quote.type.js';
import { Reaction, toReaction } from '../reaction/reaction.type.js';
import { Citation, loadCitation } from '../source/source.type.js';
import { Actor, ActorConnection, toActor, actorShape, type ActorRead } from './actor.type.js';
import { ActorFilter, ActorOrder, ActorOrderField } from './actor.input.js';
import { Reads, reads } from '../../common/projection.js';

function actorConditions(filter: ActorFilter | null | undefined): (SQL | undefined)[] {
  return [
    // A merged actor's names and facts live on in the survivor, which is listed instead.
    isNull(actors.mergedIntoId),
    filter?.search ? actorSearch(filter.search) : undefined,
    filter?.kinds?.length ? inArray(actors.kind, filter.kinds) : undefined,
    filter?.country ? eq(actors.countryCode, filter.country) : undefined,
  ];
}

/**
 * An actor by row id; one merged into another answers with the survivor, which holds its names and
 * facts now (its `id` differs: that is how a client sees the redirect).
 */
export async function loadActor(loaders: Loaders, id: number): Promise<ActorRead | undefined> {
  // Rows fetched by ID are whole; rows primed from facts are never of a merged actor (its facts moved).
  const row: (ActorRead & Partial<Pick<ActorRow, 'mergedIntoId'>>) | undefined = await loaders.actor.load(id);
  return row?.mergedIntoId ? loaders.actor.load(row.mergedIntoId) : row;
}

const actorsPage = rootConnection<ActorRead, Actor, ActorFilter>({
  connection: 'actors',
  table: actors,
  sort: { name: ActorOrderField.NAME, column: actors.name, value: (row) => row.name },
  conditions: actorConditions,
  toNode: toActor,
});

@Resolver(() => Actor)
export class ActorResolver {
  @Query(() => ActorConnection, { description: 'Actors, filtered and sorted, one page at a time.' })
  @Reads()
  async actors(
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Arg('filter', () => ActorFilter, { nullable: true, description: 'Conditions the actors must meet.' }) filter: ActorFilter | null,
    @Arg('orderBy', () => ActorOrder, { nullable: true, description: 'Sort order; default name A–Z.' }) orderBy: ActorOrder | null,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionData<Actor>> {
    return actorsPage({ first, after }, filter, orderBy, context, info);
  }

  @Query(() => Actor, { nullable: true, description: 'One actor by ID; null if none has it. A malformed ID is BAD_USER_INPUT.' })
  @Reads()
  async actor(@Arg('id', () => ID, { description: 'An Actor ID.' }) id: string, @Ctx() { loaders }: Context): Promise<Actor | null> {
    const row = await loadActor(loaders, rowIdOf('Actor', id));
    return row ? toActor(row) : null;
  }

  @FieldResolver(() => Country, {
    nullable: true,
    description: 'Country the actor belongs to; null for multinational groups ("European allies").',
  })
  @actorShape.Reads('countryCode')
  async country(@Root() actor: Actor, @Ctx() { loaders }: Context): Promise<Country | null> {
    const row = await loadOptional(loaders.country, actor.row.countryCode);
    return row && toCountry(row);
  }

  @FieldResolver(() => Actor, {
    nullable: true,
    description: 'Umbrella body this actor belongs to (Kataeb Hezbollah → Popular Mobilization Forces).',
  })
  @actorShape.Reads('parentId')
  async parent(@Root() actor: Actor, @Ctx() { loaders }: Context): Promise<Actor | null> {
    const row = await loadOptional(loaders.actor, actor.row.parentId);
    return row && toActor(row);
  }

  @FieldResolver(() => [Actor], { description: 'Actors whose umbrella body this is, by name.' })
  @actorShape.Reads('id')
  async members(@Root() actor: Actor, @Ctx() { loaders }: Context): Promise<Actor[]> {
    return (await loaders.membersByActor.load(actor.row.id)).map(toActor);
  }

  @FieldResolver(() => [Quote], { description: 'Everything the actor is quoted saying, oldest first.' })
  @actorShape.Reads('id')
  async quotes(@Root() actor: Actor, @Ctx() { loaders }: Context): Promise<Quote[]> {
    return (await loaders.quotesBySpeaker.load(actor.row.id)).map(toQuote);
  }

  @FieldResolver(() => [Reaction], { description: 'How the actor reacted to events, oldest first.' })
  @actorShape.Reads('id')
  async reactions(@Root() actor: Actor, @Ctx() { loaders }: Context): Promise<Reaction[]> {
    return (await loaders.reactionsByActor.load(actor.row.id)).map(toReaction);
  }

  @FieldResolver(() => Citation, {
    nullable: true,
    description: 'The passage that attests the actor as an editor recorded or last changed it; null for seeded and imported actors.',
  })
  @actorShape.Reads('citationId')
  async citation(@Root() actor: Actor, @Ctx() { loaders }: Context): Promise<Citation | null> {
    return actor.row.citationId === null ? null : loadCitation(loaders, actor.row.citationId);
  }

  @FieldResolver(() => [Event], { description: 'Events the actor took part in, oldest first.' })
  @Reads(reads(actors, 'id'), reads(eventActors, 'eventId', 'role'), reads(events, 'id', 'occurredOn'))
  async events(
    @Root() actor: Actor,
    @Arg('role', () => EventActorRole, { nullable: true, description: 'Only events where the actor had this role.' })
    role: EventActorRole | null,
    @Ctx() { loaders }: Context,
  ): Promise<Event[]> {
    const participations = await loaders.participationsByActor.load(actor.row.id);
    const eventIds = [...new Set(participations.filter((p) => !role || p.role === role).map((p) => p.eventId))];
    const rows = await loaders.event.loadMany(eventIds);
    return rows
      .filter((row): row is Exclude<typeof row, Error | undefined> => row !== undefined && !(row instanceof Error))
      .sort((a, b) => a.occurredOn.localeCompare(b.occurredOn) || a.id - b.id)
      .map(toEvent);
  }
}
