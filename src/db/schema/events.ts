import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { eventKind } from './enums.js';
import { locations } from './locations.js';
import { citations } from './citations.js';
import { occurredChecks, occurredColumns, editorialColumns, datasetColumn } from './columns.js';

/** Something that happened on a date (as precise as the source), somewhere. */
export const events = pgTable(
  'events',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    key: text('key').unique(),
    ...datasetColumn(),
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
    /** The record's id in its dataset (GED `id`): re-imports update it instead of adding another. */
    externalId: text('external_id'),
    /** Hash of the source record as imported, so a re-import can tell unchanged from updated. */
    contentHash: text('content_hash'),
    /** GED `conflict_name` ("Algeria: Government"), for datasets that name the conflict. */
    conflictName: text('conflict_name'),
    /** GED `dyad_name` ("Government of Algeria - GIA"): the two sides of the conflict. */
    dyadName: text('dyad_name'),
    /** The source record's remaining fields (GED relid, date_prec, event_clarity, ids, flags), kept verbatim. */
    details: jsonb('details'),
  },
  (t) => [
    index('events_dataset_id_idx').on(t.datasetId),
    uniqueIndex('events_dataset_external_id_key').on(t.datasetId, t.externalId),
    index('events_conflict_name_idx').on(t.conflictName),
    index('events_dyad_name_idx').on(t.dyadName),
    index('events_occurred_on_id_idx').on(t.occurredOn, t.id),
    index('events_occurred_end_idx').on(t.occurredEnd),
    index('events_kind_idx').on(t.kind),
    index('events_location_id_idx').on(t.locationId),
    index('events_citation_id_idx').on(t.citationId),
    index('events_fts_idx').using('gin', sql`to_tsvector('english', ${t.title} || ' ' || ${t.summary})`),
    ...occurredChecks('events'),
  ],
);
