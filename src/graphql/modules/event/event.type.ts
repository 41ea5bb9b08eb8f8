import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Node } from '../../common/node.js';
import { toGlobalId } from '../../common/global-id.js';
import { EventActorRole, EventKind, EventLinkKind } from '../../common/enums.js';
import { connectionTypes } from '../../common/connection.js';
import { FuzzyDate, fuzzyDateColumnKeys, toFuzzyDate } from '../../common/fuzzy-date.js';
import { Country } from '../country/country.type.js';
import { Reaction } from '../reaction/reaction.type.js';
import { instance } from '../../common/instance.js';
import { retractionColumnKeys, RevisionField } from '../../common/editorial.js';
import { ReadsNoRows, rowShape, type RowOf } from '../../common/projection.js';
import { eventActors, eventLinks, events } from '../../../db/schema/index.js';

/** The columns Event values are built from (see RowShape). */
export const eventShape = rowShape(events, [
  'id',
  'title',
  'summary',
  'kind',
  ...fuzzyDateColumnKeys,
  'isTimelineEntry',
  'locationId',
  'citationId',
  'datasetId',
  'externalId',
  'conflictName',
  'dyadName',
  'revision',
  ...retractionColumnKeys,
]);
export type EventRead = RowOf<typeof eventShape>;

@ObjectType({
  simpleResolvers: true,
  implements: Node,
  description: 'Something that happened: an attack, a strike, a protest, a decision.',
})
@eventShape.Type()
export class Event implements Node {
  __typename!: 'Event';

  @Field(() => ID, { description: 'Global opaque identifier.' })
  @eventShape.Reads('id')
  id!: string;

  @Field(() => String, { description: 'Headline of the event.' })
  @eventShape.Reads('title')
  title!: string;

  @Field(() => String, { description: "What happened, in plain words, keeping the source's facts." })
  @eventShape.Reads('summary')
  summary!: string;

  @Field(() => EventKind, { description: 'What kind of event it was.' })
  @eventShape.Reads('kind')
  kind!: EventKind;

  @Field(() => FuzzyDate, { description: 'When it happened, as precisely as reported.' })
  @eventShape.Reads(...fuzzyDateColumnKeys)
  occurredOn!: FuzzyDate;

  @Field(() => Boolean, { description: "True for the dated entries of the source's timeline; false for background events." })
  @eventShape.Reads('isTimelineEntry')
  isTimelineEntry!: boolean;

  @RevisionField(eventShape)
  revision!: number;

  row!: EventRead;
}

export const toEvent = (row: EventRead): Event =>
  instance(Event, {
    __typename: 'Event',
    id: toGlobalId('Event', row.id),
    title: row.title,
    summary: row.summary,
    kind: row.kind,
    occurredOn: toFuzzyDate(row),
    isTimelineEntry: row.isTimelineEntry,
    revision: row.revision,
    row,
  });

export const { Connection: EventConnection } = connectionTypes(Event, 'Event');

/** The columns EventParticipant values are built from (see RowShape). */
export const participantShape = rowShape(eventActors, ['role', 'actorId', 'citationId']);
export type EventParticipantRead = RowOf<typeof participantShape>;

@ObjectType({ simpleResolvers: true, description: "An actor's part in an event, with the passage that says so." })
@participantShape.Type()
export class EventParticipant {
  @Field(() => EventActorRole, { description: 'The part the actor played.' })
  @participantShape.Reads('role')
  role!: EventActorRole;

  row!: EventParticipantRead;
}

/** The columns EventLink values are built from (see RowShape). */
export const eventLinkShape = rowShape(eventLinks, ['kind', 'fromEventId', 'toEventId', 'citationId']);
export type EventLinkRead = RowOf<typeof eventLinkShape>;

@ObjectType({ simpleResolvers: true, description: 'A link between two events: which one answered which, and how.' })
@eventLinkShape.Type()
export class EventLink {
  @Field(() => EventLinkKind, { description: 'How the later event relates to the earlier one.' })
  @eventLinkShape.Reads('kind')
  kind!: EventLinkKind;

  row!: EventLinkRead;
  /** The event on the other end of the link from the one being viewed. */
  otherEventId!: number;
}

export const toCause = (row: EventLinkRead): EventLink => instance(EventLink, { kind: row.kind, row, otherEventId: row.toEventId });
export const toConsequence = (row: EventLinkRead): EventLink => instance(EventLink, { kind: row.kind, row, otherEventId: row.fromEventId });

@ObjectType({ simpleResolvers: true, description: "The reactions to an event from one country's actors." })
@ReadsNoRows()
export class CountryReactions {
  @Field(() => Country, { description: 'The country whose actors reacted.' })
  country!: Country;

  @Field(() => [Reaction], { description: 'Their reactions, in the order reported.' })
  reactions!: Reaction[];

  @Field(() => Int, { description: 'How many distinct actors of this country reacted.' })
  actorCount!: number;
}
