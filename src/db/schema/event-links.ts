import { check, index, integer, pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { eventLinkKind } from './enums.js';
import { events } from './events.js';
import { citations } from './citations.js';

/** A causal or temporal link: `from` (the later event) answers `to`. */
export const eventLinks = pgTable(
  'event_links',
  {
    fromEventId: integer('from_event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    toEventId: integer('to_event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    kind: eventLinkKind('kind').notNull(),
    citationId: integer('citation_id')
      .notNull()
      .references(() => citations.id),
  },
  (t) => [
    primaryKey({ columns: [t.fromEventId, t.toEventId, t.kind] }),
    index('event_links_to_event_id_idx').on(t.toEventId),
    index('event_links_citation_id_idx').on(t.citationId),
    check('event_links_not_self', sql`${t.fromEventId} <> ${t.toEventId}`),
  ],
);
