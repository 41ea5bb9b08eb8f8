import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { casualtyKind } from './enums.js';
import { events } from './events.js';
import { actors } from './actors.js';
import { countries } from './countries.js';
import { citations } from './citations.js';
import { figureChecks, figureColumns, occurredChecks, occurredColumns, editorialColumns } from './columns.js';

/** People killed or injured in an event, as one reported figure. */
export const casualties = pgTable(
  'casualties',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    key: text('key').unique(),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    kind: casualtyKind('kind').notNull(),
    ...figureColumns(),
    victimDescription: text('victim_description').notNull(),
    victimCountryCode: text('victim_country_code').references(() => countries.code),
    affiliatedActorId: integer('affiliated_actor_id').references(() => actors.id),
    ...occurredColumns(),
    ...editorialColumns(),
    citationId: integer('citation_id')
      .notNull()
      .references(() => citations.id),
  },
  (t) => [
    // event_id and victim_country_code are indexed by the covering statistics indexes of
    // migrations/0002_stats_indexes.sql (leading column), which drizzle-kit cannot express.
    index('casualties_affiliated_actor_id_idx').on(t.affiliatedActorId),
    index('casualties_occurred_on_idx').on(t.occurredOn),
    index('casualties_kind_idx').on(t.kind),
    index('casualties_citation_id_idx').on(t.citationId),
    ...figureChecks('casualties', t),
    ...occurredChecks('casualties'),
  ],
);
