import { boolean, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { eventKind } from './enums.js';
import { locations } from './locations.js';
import { citations } from './citations.js';
import { occurredChecks, occurredColumns, editorialColumns } from './columns.js';

/** Something that happened on a date (as precise as the source), somewhere. */
export const events = pgTable(
  'events',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    key: text('key').unique(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    kind: eventKind('kind').notNull(),
    ...occurredColumns(),
    locationId: integer('location_id').references(() => locations.id),
    isTimelineEntry: boolean('is_timeline_entry').notNull().default(false),
    ...editorialColumns(),
    citationId: integer('citation_id')
      .notNull()
      .references(() => citations.id),
  },
  (t) => [
    index('events_occurred_on_id_idx').on(t.occurredOn, t.id),
    index('events_occurred_end_idx').on(t.occurredEnd),
    index('events_kind_idx').on(t.kind),
    index('events_location_id_idx').on(t.locationId),
    index('events_citation_id_idx').on(t.citationId),
    index('events_fts_idx').using('gin', sql`to_tsvector('english', ${t.title} || ' ' || ${t.summary})`),
    ...occurredChecks('events'),
  ],
);
