import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Node } from '../../common/node.js';
import { toGlobalId } from '../../common/global-id.js';
import { EventActorRole, EventKind, EventLinkKind } from '../../common/enums.js';
import { connectionTypes } from '../../common/connection.js';
import { FuzzyDate, fuzzyDateColumnKeys, toFuzzyDate } from '../../common/fuzzy-date.js';
import type { EventActorRow, EventLinkRow, EventRow } from '../../loaders.js';
import { Country } from '../country/country.type.js';
import { Reaction } from '../reaction/reaction.type.js';
import { instance } from '../../common/instance.js';
import { declareColumnReads, reads } from '../../common/projection.js';
import { actors, countries, eventActors, eventLinks, events, reactions } from '../../../db/schema/index.js';

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: 'Something that happened: an attack, a strike, a protest, a decision.',
})
export class Event implements Node {
  __typename!: 'Event';

  @Field(() => ID, { description: 'Global opaque identifier.' })
  id!: string;

  @Field(() => String, { description: 'Headline of the event.' })
  title!: string;

  @Field(() => String, { description: "What happened, in plain words, keeping the source's facts." })
  summary!: string;

  @Field(() => EventKind, { description: 'What kind of event it was.' })
  kind!: EventKind;

  @Field(() => FuzzyDate, { description: 'When it happened, as precisely as reported.' })
  occurredOn!: FuzzyDate;

  @Field(() => Boolean, { description: "True for the dated entries of the source's timeline; false for background events." })
  isTimelineEntry!: boolean;

  row!: EventRow;
}

export const toEvent = (row: EventRow): Event =>
  instance(Event, {
    __typename: 'Event',
    id: toGlobalId('Event', row.id),
    title: row.title,
    summary: row.summary,
    kind: row.kind,
    occurredOn: toFuzzyDate(row),
    isTimelineEntry: row.isTimelineEntry,
    row,
  });

// What each field reads of rows (see projection.ts); the resolvers of actors, participants and
// quotes are in event.resolver.ts.
declareColumnReads('Event', {
  id: [reads(events, 'id')],
  title: [reads(events, 'title')],
  summary: [reads(events, 'summary')],
  kind: [reads(events, 'kind')],
  occurredOn: [reads(events, ...fuzzyDateColumnKeys)],
  isTimelineEntry: [reads(events, 'isTimelineEntry')],
  actors: [reads(events, 'id'), reads(eventActors, 'actorId', 'role')],
  participants: [reads(events, 'id'), reads(eventActors, 'actorId', 'role')],
  quotes: [reads(events, 'id')],
  location: [reads(events, 'locationId')],
  reactions: [reads(events, 'id')],
  casualties: [reads(events, 'id')],
  deployments: [reads(events, 'id')],
  sources: [reads(events, 'id')],
  citation: [reads(events, 'citationId')],
  causes: [reads(events, 'id')],
  consequences: [reads(events, 'id')],
  // Groups by the reacting actor's country and sorts the groups by the country's name.
  reactionsByCountry: [reads(events, 'id'), reads(reactions, 'actorId'), reads(actors, 'countryCode'), reads(countries, 'code', 'name')],
});

export const { Connection: EventConnection } = connectionTypes(Event, 'Event');

@ObjectType({ simpleResolvers: true, description: "An actor's part in an event, with the passage that says so." })
export class EventParticipant {
  @Field(() => EventActorRole, { description: 'The part the actor played.' })
  role!: EventActorRole;

  row!: EventActorRow;
}

declareColumnReads('EventParticipant', {
  role: [reads(eventActors, 'role')],
  actor: [reads(eventActors, 'actorId')],
  citation: [reads(eventActors, 'citationId')],
});

@ObjectType({ simpleResolvers: true, description: 'A link between two events: which one answered which, and how.' })
export class EventLink {
  @Field(() => EventLinkKind, { description: 'How the later event relates to the earlier one.' })
  kind!: EventLinkKind;

  row!: EventLinkRow;
  /** The event on the other end of the link from the one being viewed. */
  otherEventId!: number;
}

// The link's two ends: `event` follows the one that is not the event being viewed.
declareColumnReads('EventLink', {
  kind: [reads(eventLinks, 'kind')],
  event: [reads(eventLinks, 'fromEventId', 'toEventId')],
  citation: [reads(eventLinks, 'citationId')],
});

export const toCause = (row: EventLinkRow): EventLink => instance(EventLink, { kind: row.kind, row, otherEventId: row.toEventId });
export const toConsequence = (row: EventLinkRow): EventLink => instance(EventLink, { kind: row.kind, row, otherEventId: row.fromEventId });

@ObjectType({ simpleResolvers: true, description: "The reactions to an event from one country's actors." })
export class CountryReactions {
  @Field(() => Country, { description: 'The country whose actors reacted.' })
  country!: Country;

  @Field(() => [Reaction], { description: 'Their reactions, in the order reported.' })
  reactions!: Reaction[];

  @Field(() => Int, { description: 'How many distinct actors of this country reacted.' })
  actorCount!: number;
}

declareColumnReads('CountryReactions', { country: [], reactions: [], actorCount: [] });
