import { index, integer, pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { eventActorRole } from './enums.js';
import { events } from './events.js';
import { actors } from './actors.js';
import { citations } from './citations.js';

/** Who took part in an event, and as what (perpetrator, target, blamed, ...). */
export const eventActors = pgTable(
  'event_actors',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    actorId: integer('actor_id')
      .notNull()
      .references(() => actors.id),
    role: eventActorRole('role').notNull(),
    citationId: integer('citation_id')
      .notNull()
      .references(() => citations.id),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.actorId, t.role] }),
    index('event_actors_actor_id_idx').on(t.actorId),
    index('event_actors_citation_id_idx').on(t.citationId),
  ],
);
