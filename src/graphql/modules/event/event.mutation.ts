import { Field, ID, InputType } from 'type-graphql';
import { ArrayMaxSize, IsOptional, Length, ValidateNested } from 'class-validator';
import { eq, sql } from 'drizzle-orm';
import { eventActors, events } from '../../../db/schema/index.js';
import type { Database } from '../../../db/client.js';
import { Role } from '../../../auth/roles.js';
import { userError, UserErrorCode, type UserErrorValue } from '../../../write/user-error.js';
import { EventActorRole, EventKind } from '../../common/enums.js';
import { ExpectedRevisionField } from '../../common/editorial.js';
import type { Context } from '../../context.js';
import { CitationInput, FuzzyDateInput } from '../editing/inputs.js';
import { editingMutation, idErrors } from '../editing/mutation.js';
import { payloadType, type Payload } from '../editing/payload.js';
import { retractionMutation, retractRows } from '../editing/retraction.js';
import type { Outcome } from '../../../write/transaction.js';
import { LocationInput, locationErrors, writeLocation } from '../location/location.input.js';
import {
  dateErrors,
  dateValues,
  given,
  idOf,
  lockRevision,
  resolveReferences,
  unclearable,
  writeCitation,
  type Reference,
} from '../editing/write-support.js';
import { Event, toEvent } from './event.type.js';

export const EventPayload = payloadType(Event, 'event', 'EventPayload', '`eventCreate`, `eventUpdate` or `eventRetract`');
export type EventPayload = Payload<Event>;

const loadEvent = (context: Context, id: number) => context.loaders.event.clear(id).load(id);

@InputType({ description: 'An actor’s part in an event, as the event’s citation names it.' })
export class EventParticipantInput {
  @Field(() => ID, { description: 'The actor (an Actor ID).' })
  actor!: string;

  @Field(() => EventActorRole, { description: 'The part it played.' })
  role!: EventActorRole;
}

@InputType({ description: 'Something that happened, as a source reports it.' })
export class EventCreateInput {
  @Field(() => String, { description: 'Headline, in plain words ("Rocket attack on K-1 air base").' })
  @Length(1, 300)
  title!: string;

  @Field(() => String, { description: 'What happened, keeping the source’s facts.' })
  @Length(1, 5000)
  summary!: string;

  @Field(() => EventKind, { description: 'What kind of event it was.' })
  kind!: EventKind;

  @Field(() => FuzzyDateInput, { description: 'When, as precisely as reported.' })
  @ValidateNested()
  occurredOn!: FuzzyDateInput;

  @Field(() => Boolean, { nullable: true, description: 'A dated entry of the timeline (default false: a background event).' })
  @IsOptional()
  isTimelineEntry?: boolean | null;

  @Field(() => LocationInput, { nullable: true, description: 'Where it happened, when the source says.' })
  @IsOptional()
  @ValidateNested()
  location?: LocationInput | null;

  @Field(() => [EventParticipantInput], { nullable: true, description: 'Who took part and how; each cites the event’s citation.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  participants?: EventParticipantInput[] | null;

  @Field(() => CitationInput, { description: 'Where the event is reported.' })
  @ValidateNested()
  citation!: CitationInput;
}

@InputType({ description: 'Changes to an event, with the source that supports them. Fields left out stay as they are.' })
export class EventUpdateInput {
  @Field(() => ID, { description: 'The event (an Event ID).' })
  event!: string;

  @Field(() => String, { nullable: true, description: 'New headline.' })
  @IsOptional()
  @Length(1, 300)
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'New summary.' })
  @IsOptional()
  @Length(1, 5000)
  summary?: string | null;

  @Field(() => EventKind, { nullable: true, description: 'New kind.' })
  kind?: EventKind | null;

  @Field(() => FuzzyDateInput, { nullable: true, description: 'New date, as precisely as now reported.' })
  @IsOptional()
  @ValidateNested()
  occurredOn?: FuzzyDateInput | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether it is a dated entry of the timeline.' })
  isTimelineEntry?: boolean | null;

  @Field(() => LocationInput, {
    nullable: true,
    description: 'Where it happened, as now reported: replaces the event’s place; null removes it.',
  })
  @IsOptional()
  @ValidateNested()
  location?: LocationInput | null;

  @Field(() => CitationInput, { description: 'The source of the event as changed; it becomes the event’s citation.' })
  @ValidateNested()
  citation!: CitationInput;

  @ExpectedRevisionField()
  expectedRevision!: number;
}

/** Each participant's actor, as references to check inside the transaction. */
const participantReferences = (participants: EventParticipantInput[]): Record<string, Reference> =>
  Object.fromEntries(
    participants.map((p, i) => [
      String(i),
      { field: ['input', 'participants', String(i), 'actor'], type: 'Actor', table: 'actors', id: p.actor },
    ]),
  );

/** An actor named twice in the same part: the second is the client's mistake, not a second fact. */
function repeatedParticipants(participants: EventParticipantInput[]): UserErrorValue[] {
  const seen = new Set<string>();
  return participants.flatMap((p, i) => {
    const key = `${p.actor}\n${p.role}`;
    if (!seen.has(key)) return seen.add(key) && [];
    return [userError(['input', 'participants', String(i)], UserErrorCode.INVALID, `This actor is named as ${p.role} already.`)];
  });
}

async function createEvent(tx: Database, input: EventCreateInput) {
  const participants = input.participants ?? [];
  const refs = await resolveReferences(tx, participantReferences(participants));
  const citation = await writeCitation(tx, input.citation, ['input', 'citation']);
  const place: Outcome<number | null> = input.location ? await writeLocation(tx, input.location, ['input', 'location']) : { ok: null };
  const refused = [...(refs.userErrors ?? []), ...(citation.userErrors ?? []), ...(place.userErrors ?? [])];
  if (refused.length) return { userErrors: refused };
  const [row] = await tx
    .insert(events)
    .values({
      title: input.title,
      summary: input.summary,
      kind: input.kind,
      ...dateValues(input.occurredOn),
      isTimelineEntry: input.isTimelineEntry ?? false,
      locationId: place.ok ?? null,
      citationId: citation.ok!,
    })
    .returning({ id: events.id });
  const eventId = row!.id;
  if (participants.length) {
    await tx
      .insert(eventActors)
      .values(participants.map((p, i) => ({ eventId, actorId: refs.ok![String(i)] as number, role: p.role, citationId: citation.ok! })));
  }
  return { ok: eventId };
}

export const EventCreateResolver = editingMutation({
  name: 'eventCreate',
  role: Role.EDITOR,
  description: 'Records an event, with its participants and its citation. Needs EDITOR.',
  Input: EventCreateInput,
  inputDescription: 'The event, who took part, and where it is reported.',
  Payload: EventPayload,
  check: (input) => [
    ...dateErrors(input.occurredOn, ['input', 'occurredOn']),
    ...repeatedParticipants(input.participants ?? []),
    ...(input.location ? locationErrors(input.location, ['input', 'location']) : []),
  ],
  async work(tx, input, _context, { publishChange }) {
    const outcome = await createEvent(tx, input);
    if (outcome.ok !== undefined) publishChange('CREATED', 'Event', outcome.ok);
    return outcome;
  },
  load: loadEvent,
  toNode: toEvent,
});

const eventIdIn = (input: EventUpdateInput) => idOf('Event', input.event, ['input', 'event']);

export const EventUpdateResolver = editingMutation({
  name: 'eventUpdate',
  role: Role.EDITOR,
  description: 'Changes an event’s headline, summary, kind, date, place or timeline flag, against the revision you read. Needs EDITOR.',
  Input: EventUpdateInput,
  inputDescription: 'The event, the revision you read, the changes and their source.',
  Payload: EventPayload,
  check: (input) => [
    ...idErrors(eventIdIn(input)),
    ...unclearable(input, ['title', 'summary', 'kind', 'occurredOn', 'isTimelineEntry']),
    ...(input.occurredOn ? dateErrors(input.occurredOn, ['input', 'occurredOn']) : []),
    ...(input.location ? locationErrors(input.location, ['input', 'location']) : []),
  ],
  async work(tx, input, _context, { publishChange }) {
    const id = eventIdIn(input) as number;
    const refused = await lockRevision(tx, {
      table: 'events',
      id,
      what: 'event',
      field: ['input', 'event'],
      expectedRevision: input.expectedRevision,
    });
    if (refused.length) return { userErrors: refused };
    const citation = await writeCitation(tx, input.citation, ['input', 'citation']);
    const place = input.location ? await writeLocation(tx, input.location, ['input', 'location']) : undefined;
    const refusedInput = [...(citation.userErrors ?? []), ...(place?.userErrors ?? [])];
    if (refusedInput.length) return { userErrors: refusedInput };
    const changes = given({ title: input.title, summary: input.summary, kind: input.kind, isTimelineEntry: input.isTimelineEntry });
    await tx
      .update(events)
      .set({
        ...changes,
        ...(input.occurredOn ? dateValues(input.occurredOn) : {}),
        // A new place replaces the old one; null removes it (an absent field leaves it).
        ...(place ? { locationId: place.ok } : input.location === null ? { locationId: null } : {}),
        citationId: citation.ok!,
      })
      .where(eq(events.id, id));
    publishChange('UPDATED', 'Event', id);
    return { ok: id };
  },
  load: loadEvent,
  toNode: toEvent,
});

export const EventRetractResolver = retractionMutation({
  name: 'eventRetract',
  type: 'Event',
  table: 'events',
  what: 'event',
  Payload: EventPayload,
  description:
    'Retracts an event, and with it its casualty records and reactions (they cannot stand without it): all leave every list ' +
    'and total. Deployments and quotes that mention it stand on their own and stay, without the link. Needs ADMIN.',
  load: loadEvent,
  toNode: toEvent,
  // The rows that cannot exist without the event (ON DELETE CASCADE) are retracted with it, each
  // with its own version, so totals, rollups and as-of answers need no knowledge of events.
  cascade: async (tx, id, by, reason, { publishChange }) => {
    publishChange('RETRACTED', 'Casualty', await retractRows(tx, 'casualties', sql`event_id = ${id}`, by, reason));
    await retractRows(tx, 'reactions', sql`event_id = ${id}`, by, reason);
  },
});
