import { sql } from 'drizzle-orm';
import { payloadType, type Payload } from '../editing/payload.js';
import { retractionMutation, retractRows } from '../editing/retraction.js';
import { Event, toEvent } from './event.type.js';

export const EventPayload = payloadType(Event, 'event', 'EventPayload', '`eventCreate`, `eventUpdate` or `eventRetract`');
export type EventPayload = Payload<Event>;

export const EventRetractResolver = retractionMutation({
  name: 'eventRetract',
  type: 'Event',
  table: 'events',
  what: 'event',
  Payload: EventPayload,
  description:
    'Retracts an event, and with it its casualty records and reactions (they cannot stand without it): all leave every list ' +
    'and total. Deployments and quotes that mention it stand on their own and stay, without the link. Needs ADMIN.',
  load: (context, id) => context.loaders.event.clear(id).load(id),
  toNode: toEvent,
  // The rows that cannot exist without the event (ON DELETE CASCADE) are retracted with it, each
  // with its own version, so totals, rollups and as-of answers need no knowledge of events.
  cascade: async (tx, id, by, reason) => {
    await retractRows(tx, 'casualties', sql`event_id = ${id}`, by, reason);
    await retractRows(tx, 'reactions', sql`event_id = ${id}`, by, reason);
  },
});
