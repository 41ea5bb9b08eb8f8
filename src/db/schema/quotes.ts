import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { quoteMedium } from './enums.js';
import { events } from './events.js';
import { actors } from './actors.js';
import { reactions } from './reactions.js';
import { citations } from './citations.js';
import { occurredChecks, occurredColumns, editorialColumns, datasetColumn } from './columns.js';

/** Words as printed, attributed to the actor who said them. `occurred_*` is when they were said. */
export const quotes = pgTable(
  'quotes',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    key: text('key').unique(),
    ...datasetColumn(),
    text: text('text').notNull(),
    speakerActorId: integer('speaker_actor_id')
      .notNull()
      .references(() => actors.id),
    eventId: integer('event_id').references(() => events.id, { onDelete: 'set null' }),
    reactionId: integer('reaction_id').references(() => reactions.id, { onDelete: 'set null' }),
    ...occurredColumns(),
    medium: quoteMedium('medium').notNull(),
    /** Hash of the import line of a quote tied to no event (others are hashed with their event's line). */
    contentHash: text('content_hash'),
    ...editorialColumns(),
    citationId: integer('citation_id')
      .notNull()
      .references(() => citations.id),
  },
  (t) => [
    index('quotes_dataset_id_idx').on(t.datasetId),
    index('quotes_speaker_actor_id_idx').on(t.speakerActorId),
    index('quotes_event_id_idx').on(t.eventId),
    index('quotes_reaction_id_idx').on(t.reactionId),
    index('quotes_occurred_on_idx').on(t.occurredOn),
    index('quotes_citation_id_idx').on(t.citationId),
    index('quotes_fts_idx').using('gin', sql`to_tsvector('english', ${t.text})`),
    index('quotes_text_trgm_idx').using('gin', sql`${t.text} gin_trgm_ops`),
    ...occurredChecks('quotes'),
  ],
);
