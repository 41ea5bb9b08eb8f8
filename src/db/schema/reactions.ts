import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { reactionStance } from './enums.js';
import { events } from './events.js';
import { actors } from './actors.js';
import { citations } from './citations.js';
import { occurredChecks, occurredColumns, editorialColumns, datasetColumn } from './columns.js';

/** How an actor responded to an event: condemned it, threatened, mourned, called for restraint... */
export const reactions = pgTable(
  'reactions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    key: text('key').unique(),
    ...datasetColumn(),
    actorId: integer('actor_id')
      .notNull()
      .references(() => actors.id),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    stance: reactionStance('stance').notNull(),
    summary: text('summary').notNull(),
    ...occurredColumns(),
    ...editorialColumns(),
    citationId: integer('citation_id')
      .notNull()
      .references(() => citations.id),
  },
  (t) => [
    index('reactions_dataset_id_idx').on(t.datasetId),
    index('reactions_actor_id_idx').on(t.actorId),
    index('reactions_event_id_idx').on(t.eventId),
    index('reactions_stance_idx').on(t.stance),
    index('reactions_citation_id_idx').on(t.citationId),
    ...occurredChecks('reactions'),
  ],
);
