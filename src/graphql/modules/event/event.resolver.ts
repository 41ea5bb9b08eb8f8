import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { actors, countries, eventActors, events, locationCountries, reactions } from '../../../db/schema/index.js';
import { alias } from 'drizzle-orm/pg-core';
import { actorSearch } from '../../common/search.js';
import type { Context } from '../../context.js';
import { PageArgs, type ConnectionData } from '../../common/connection.js';
import { EventActorRole, SortDirection } from '../../common/enums.js';
import { rowIdOf } from '../../common/global-id.js';
import { refersTo } from '../../common/fact-filter.js';
import { keysetPage, type SortKey } from '../../common/paginate.js';
import { instance } from '../../common/instance.js';
import { dateRangeCondition } from '../../common/date-range.js';
import { loadOptional, loadRequired } from '../../loaders.js';
import { Actor, toActor } from '../actor/actor.type.js';
import { Casualty, toCasualty } from '../casualty/casualty.type.js';
import { toCountry } from '../country/country.type.js';
import { Deployment, toDeployment } from '../deployment/deployment.type.js';
import { Location, toLocation } from '../location/location.type.js';
import { Quote, toQuote } from '../quote/quote.type.js';
import { Reaction, toReaction } from '../reaction/reaction.type.js';
import { Citation, Source, loadCitation, toSource } from '../source/source.type.js';
import {
  CountryReactions,
  Event,
  EventConnection,
  EventLink,
  EventParticipant,
  toCause,
  toConsequence,
  toEvent,
  eventLinkShape,
  eventShape,
  participantShape,
  type EventRead,
} from './event.type.js';
import { EventFilter, EventOrder, EventOrderField } from './event.input.js';
import { loadEventAhead, planEventPrefetch } from './event.prefetch.js';
import { Reads, reads } from '../../common/projection.js';
import { includeRetractedArg, includeRetractedFor } from '../../common/editorial.js';
import { seesRetracted } from '../../../auth/roles.js';

const matched = alias(events, 'matched_event');
const matchedActor = alias(actors, 'matched_actor');

/**
 * Events whose title or summary match the words (full text), or with a participant whose name or
 * alias matches as in actor search ("Suleimani", "Kataib"). A UNION of the two, so each side keeps
 * its index: events_fts_idx for the text, the actors' trigram index then event_actors by actor.
 */
function eventSearch(term: string): SQL {
  // Same expression as events_fts_idx, so the GIN index serves it.
  const text = sql`to_tsvector('english', ${matched.title} || ' ' || ${matched.summary}) @@ websearch_to_tsquery('english', ${term})`;
  // An alias renders as its bare name: FROM needs `table AS alias`.
  return inArray(
    events.id,
    sql`(SELECT ${matched.id} FROM ${events} AS ${sql.identifier('matched_event')} WHERE ${text}
    UNION SELECT ${eventActors.eventId} FROM ${eventActors}
      WHERE ${eventActors.actorId} IN (SELECT ${matchedActor.id} FROM ${actors} AS ${sql.identifier('matched_actor')}
        WHERE ${actorSearch(term, matchedActor.searchText)}))`,
  );
}

/** What `events` lists: the filter as SQL, and (unless an admin asked for them) only events that stand. */
export interface EventListInput {
  filter: EventFilter | null;
  includeRetracted: boolean;
}

/** SQL conditions for the events list; `eventChanged` uses the same ones. */
export function eventConditions({ filter, includeRetracted }: EventListInput): (SQL | undefined)[] {
  const standing = includeRetracted ? undefined : isNull(events.retractedAt);
  if (!filter) return [standing];
  return [
    standing,
    dateRangeCondition(filter.occurred, events, 'filter.occurred'),
    filter.kinds?.length ? inArray(events.kind, filter.kinds) : undefined,
    // A place in several countries is in each (location_countries); its (country_code, location_id) index answers the subquery.
    filter.country
      ? inArray(
          events.locationId,
          sql`(SELECT ${locationCountries.locationId} FROM ${locationCountries}
          WHERE ${locationCountries.countryCode} = ${filter.country})`,
        )
      : undefined,
    filter.actor
      ? inArray(
          events.id,
          sql`(SELECT ${eventActors.eventId} FROM ${eventActors}
               WHERE ${eventActors.actorId} = ${rowIdOf('Actor', filter.actor, 'filter.actor')})`,
        )
      : undefined,
    filter.search ? eventSearch(filter.search) : undefined,
    refersTo(events.datasetId, 'Dataset', filter.dataset, 'filter.dataset'),
    filter.conflictName ? eq(events.conflictName, filter.conflictName) : undefined,
    filter.dyadName ? eq(events.dyadName, filter.dyadName) : undefined,
    filter.timelineEntry === undefined || filter.timelineEntry === null ? undefined : eq(events.isTimelineEntry, filter.timelineEntry),
  ];
}

const eventSort: Record<EventOrderField, SortKey<EventRead>> = {
  [EventOrderField.OCCURRED_ON]: { name: EventOrderField.OCCURRED_ON, column: events.occurredOn, value: (row) => row.occurredOn },
  [EventOrderField.TITLE]: { name: EventOrderField.TITLE, column: events.title, value: (row) => row.title },
};

/**
 * One event; with what the selection reads of its relations fetched in the same statement. A
 * retracted one only for viewers who may see it (the loader applies the same rule).
 */
export function loadEvent({ db, loaders, viewer }: Context, rowId: number, info: GraphQLResolveInfo): Promise<EventRead | undefined> {
  const plan = planEventPrefetch(info);
  return plan ? loadEventAhead(db, loaders, rowId, plan, seesRetracted(viewer)) : loaders.event.load(rowId);
}

@Resolver(() => Event)
export class EventResolver {
  @Query(() => EventConnection, { description: 'Events, filtered and sorted (oldest first by default), one page at a time.' })
  @Reads()
  async events(
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Arg('filter', () => EventFilter, { nullable: true, description: 'Conditions the events must meet.' }) filter: EventFilter | null,
    @Arg('orderBy', () => EventOrder, { nullable: true, description: 'Sort order; default oldest first.' }) orderBy: EventOrder | null,
    @Arg('includeRetracted', () => Boolean, includeRetractedArg) includeRetracted: boolean | null,
    @Ctx() { db, config, loaders, viewer }: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionData<Event>> {
    const plan = planEventPrefetch(info, ['nodes']) ?? planEventPrefetch(info, ['edges', 'node']);
    const input = { filter, includeRetracted: includeRetractedFor(viewer, includeRetracted) };
    return keysetPage<EventRead, Event, EventListInput>(
      {
        db,
        connection: 'events',
        table: events,
        sort: eventSort[orderBy?.field ?? EventOrderField.OCCURRED_ON],
        direction: orderBy?.direction ?? SortDirection.ASC,
        filter: { input, conditions: eventConditions },
        page: { first, after },
        maxPageSize: config.maxPageSize,
        ahead: plan && { column: plan.column, apply: (row, value) => plan.apply(loaders, row, value) },
        operation: info,
      },
      toEvent,
    );
  }

  @Query(() => Event, { nullable: true, description: 'One event by ID; null if none has it. A malformed ID is BAD_USER_INPUT.' })
  @Reads()
  async event(
    @Arg('id', () => ID, { description: 'An Event ID.' }) id: string,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Event | null> {
    const row = await loadEvent(context, rowIdOf('Event', id), info);
    return row ? toEvent(row) : null;
  }

  @FieldResolver(() => Location, { nullable: true, description: 'Where it happened, if the source says.' })
  @eventShape.Reads('locationId')
  async location(@Root() event: Event, @Ctx() { loaders }: Context): Promise<Location | null> {
    const row = await loadOptional(loaders.location, event.row.locationId);
    return row && toLocation(row);
  }

  @FieldResolver(() => [EventParticipant], { description: 'Actors involved and the part each played, with the passage that says so.' })
  @Reads(reads(events, 'id'), reads(eventActors, 'actorId', 'role'))
  async participants(
    @Root() event: Event,
    @Arg('role', () => EventActorRole, { nullable: true, description: 'Only this role.' }) role: EventActorRole | null,
    @Ctx() { loaders }: Context,
  ): Promise<EventParticipant[]> {
    const rows = await loaders.participantsByEvent.load(event.row.id);
    return rows.filter((row) => !role || row.role === role).map((row) => instance(EventParticipant, { role: row.role, row }));
  }

  @FieldResolver(() => [Actor], { description: 'Distinct actors involved (in any role, or the given one).' })
  @Reads(reads(events, 'id'), reads(eventActors, 'actorId', 'role'))
  async actors(
    @Root() event: Event,
    @Arg('role', () => EventActorRole, { nullable: true, description: 'Only actors with this role.' }) role: EventActorRole | null,
    @Ctx() { loaders }: Context,
  ): Promise<Actor[]> {
    const rows = await loaders.participantsByEvent.load(event.row.id);
    const actorIds = [...new Set(rows.filter((row) => !role || row.role === role).map((row) => row.actorId))];
    return Promise.all(actorIds.map(async (id) => toActor(await loadRequired(loaders.actor, id, 'actor'))));
  }

  @FieldResolver(() => [Casualty], { description: 'People reported killed or injured in it, one reported figure each.' })
  @eventShape.Reads('id')
  async casualties(@Root() event: Event, @Ctx() { loaders }: Context): Promise<Casualty[]> {
    return (await loaders.casualtiesByEvent.load(event.row.id)).map(toCasualty);
  }

  @FieldResolver(() => [Deployment], { description: 'Troop movements reported in connection with it, superseded reports included.' })
  @eventShape.Reads('id')
  async deployments(@Root() event: Event, @Ctx() { loaders }: Context): Promise<Deployment[]> {
    return (await loaders.deploymentsByEvent.load(event.row.id)).map(toDeployment);
  }

  @FieldResolver(() => [Quote], { description: 'What was said about it, in the order said.' })
  @eventShape.Reads('id')
  async quotes(@Root() event: Event, @Ctx() { loaders }: Context): Promise<Quote[]> {
    return (await loaders.quotesByEvent.load(event.row.id)).map(toQuote);
  }

  @FieldResolver(() => [Reaction], { description: 'How actors reacted to it, in the order reported.' })
  @eventShape.Reads('id')
  async reactions(@Root() event: Event, @Ctx() { loaders }: Context): Promise<Reaction[]> {
    return (await loaders.reactionsByEvent.load(event.row.id)).map(toReaction);
  }

  @FieldResolver(() => [CountryReactions], {
    description:
      "Reactions grouped by the reacting actor's country, most reactions first, then by country name. " +
      'Reactions of actors tied to no single country (e.g. "European allies") appear in `reactions` only.',
  })
  // Groups by the reacting actor's country and sorts the groups by the country's name.
  @Reads(reads(events, 'id'), reads(reactions, 'actorId'), reads(actors, 'countryCode'), reads(countries, 'code', 'name'))
  async reactionsByCountry(@Root() event: Event, @Ctx() { loaders }: Context): Promise<CountryReactions[]> {
    const reactionRows = await loaders.reactionsByEvent.load(event.row.id);
    const actorRows = await Promise.all(reactionRows.map((r) => loadRequired(loaders.actor, r.actorId, 'actor')));
    const groups = new Map<string, { reactions: Reaction[]; actorIds: Set<number> }>();
    reactionRows.forEach((reaction, i) => {
      const countryCode = actorRows[i]?.countryCode;
      if (!countryCode) return;
      const group = groups.get(countryCode) ?? { reactions: [], actorIds: new Set<number>() };
      group.reactions.push(toReaction(reaction));
      group.actorIds.add(reaction.actorId);
      groups.set(countryCode, group);
    });
    const result = await Promise.all(
      [...groups].map(async ([code, group]) => ({
        country: toCountry(await loadRequired(loaders.country, code, 'country')),
        reactions: group.reactions,
        actorCount: group.actorIds.size,
      })),
    );
    return result.sort((a, b) => b.reactions.length - a.reactions.length || a.country.name.localeCompare(b.country.name));
  }

  @FieldResolver(() => [EventLink], { description: 'Earlier events this one answered (it was retaliation for, or a response to, them).' })
  @eventShape.Reads('id')
  async causes(@Root() event: Event, @Ctx() { loaders }: Context): Promise<EventLink[]> {
    return (await loaders.causesByEvent.load(event.row.id)).map(toCause);
  }

  @FieldResolver(() => [EventLink], { description: 'Later events that answered this one.' })
  @eventShape.Reads('id')
  async consequences(@Root() event: Event, @Ctx() { loaders }: Context): Promise<EventLink[]> {
    return (await loaders.consequencesByEvent.load(event.row.id)).map(toConsequence);
  }

  @FieldResolver(() => [Source], { description: 'Every article behind this event or any fact about it.' })
  @eventShape.Reads('id')
  async sources(@Root() event: Event, @Ctx() { loaders }: Context): Promise<Source[]> {
    const ids = await loaders.sourcesByEvent.load(event.row.id);
    return Promise.all(ids.map(async (id) => toSource(await loadRequired(loaders.source, id, 'source'))));
  }

  @FieldResolver(() => Citation, { description: 'The passage that reports the event.' })
  @eventShape.Reads('citationId')
  async citation(@Root() event: Event, @Ctx() { loaders }: Context): Promise<Citation> {
    return loadCitation(loaders, event.row.citationId);
  }
}

@Resolver(() => EventParticipant)
export class EventParticipantResolver {
  @FieldResolver(() => Actor, { description: 'The actor.' })
  @participantShape.Reads('actorId')
  async actor(@Root() participant: EventParticipant, @Ctx() { loaders }: Context): Promise<Actor> {
    return toActor(await loadRequired(loaders.actor, participant.row.actorId, 'actor'));
  }

  @FieldResolver(() => Citation, { description: "The passage that names the actor's part." })
  @participantShape.Reads('citationId')
  async citation(@Root() participant: EventParticipant, @Ctx() { loaders }: Context): Promise<Citation> {
    return loadCitation(loaders, participant.row.citationId);
  }
}

@Resolver(() => EventLink)
export class EventLinkResolver {
  @FieldResolver(() => Event, { description: 'The event at the other end of the link.' })
  @eventLinkShape.Reads('fromEventId', 'toEventId')
  async event(@Root() link: EventLink, @Ctx() { loaders }: Context): Promise<Event> {
    return toEvent(await loadRequired(loaders.event, link.otherEventId, 'event'));
  }

  @FieldResolver(() => Citation, { description: 'The passage that links the two events.' })
  @eventLinkShape.Reads('citationId')
  async citation(@Root() link: EventLink, @Ctx() { loaders }: Context): Promise<Citation> {
    return loadCitation(loaders, link.row.citationId);
  }
}
