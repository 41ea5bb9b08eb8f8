import { boolean, check, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { casualtyKind } from './enums.js';
import { events } from './events.js';
import { actors } from './actors.js';
import { countries } from './countries.js';
import { citations } from './citations.js';
import { figureChecks, figureColumns, occurredChecks, occurredColumns, editorialColumns, datasetColumn } from './columns.js';

/** People killed or injured in an event, as one reported figure. */
export const casualties = pgTable(
  'casualties',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    key: text('key').unique(),
    ...datasetColumn(),
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
    // Who died, where the source breaks the figure down (GED deaths_a/_b/_civilians/_unknown, whose
    // sum is best): parts of this one record, never records of their own, so totals count once.
    deathsSideA: integer('deaths_side_a'),
    deathsSideB: integer('deaths_side_b'),
    deathsCivilians: integer('deaths_civilians'),
    deathsUnknown: integer('deaths_unknown'),
    /**
     * The source's best lay outside its own low..high (GED rows breaking low <= best <= high): the
     * figure's bounds are widened to contain best, and the bounds as reported are kept below.
     */
    bestOutsideInterval: boolean('best_outside_interval').notNull().default(false),
    reportedLow: integer('reported_low'),
    reportedHigh: integer('reported_high'),
  },
  (t) => [
    index('casualties_dataset_id_idx').on(t.datasetId),
    // event_id and victim_country_code are indexed by the covering statistics indexes of
    // migrations/0002_stats_indexes.sql (leading column), which drizzle-kit cannot express.
    index('casualties_affiliated_actor_id_idx').on(t.affiliatedActorId),
    index('casualties_occurred_on_idx').on(t.occurredOn),
    index('casualties_kind_idx').on(t.kind),
    index('casualties_citation_id_idx').on(t.citationId),
    ...figureChecks('casualties', t),
    ...occurredChecks('casualties'),
    check(
      'casualties_deaths_non_negative',
      sql`${t.deathsSideA} >= 0 AND ${t.deathsSideB} >= 0 AND ${t.deathsCivilians} >= 0 AND ${t.deathsUnknown} >= 0`,
    ),
  ],
);
