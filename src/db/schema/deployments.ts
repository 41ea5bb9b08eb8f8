import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { deploymentStatus } from './enums.js';
import { events } from './events.js';
import { actors } from './actors.js';
import { countries } from './countries.js';
import { locations } from './locations.js';
import { citations } from './citations.js';
import { figureChecks, figureColumns, occurredChecks, occurredColumns, editorialColumns, datasetColumn } from './columns.js';

/**
 * One report of a troop movement. A later report of the same movement (announced → deployed)
 * points at the earlier one through `supersedes_id`, so sums count each movement once.
 */
export const deployments = pgTable(
  'deployments',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    key: text('key').unique(),
    ...datasetColumn(),
    ...figureColumns(),
    status: deploymentStatus('status').notNull(),
    troopDescription: text('troop_description').notNull(),
    forceCountryCode: text('force_country_code')
      .notNull()
      .references(() => countries.code),
    orderedByActorId: integer('ordered_by_actor_id').references(() => actors.id),
    destinationLocationId: integer('destination_location_id').references(() => locations.id),
    destinationCountryCode: text('destination_country_code').references(() => countries.code),
    ...occurredColumns(),
    eventId: integer('event_id').references(() => events.id, { onDelete: 'set null' }),
    supersedesId: integer('supersedes_id').references((): AnyPgColumn => deployments.id),
    /** Hash of the import line of a report tied to no event (others are hashed with their event's line). */
    contentHash: text('content_hash'),
    ...editorialColumns(),
    citationId: integer('citation_id')
      .notNull()
      .references(() => citations.id),
  },
  (t) => [
    index('deployments_dataset_id_idx').on(t.datasetId),
    index('deployments_force_country_code_idx').on(t.forceCountryCode),
    index('deployments_destination_country_code_idx').on(t.destinationCountryCode),
    index('deployments_destination_location_id_idx').on(t.destinationLocationId),
    index('deployments_ordered_by_actor_id_idx').on(t.orderedByActorId),
    index('deployments_event_id_idx').on(t.eventId),
    index('deployments_status_idx').on(t.status),
    index('deployments_occurred_on_idx').on(t.occurredOn),
    index('deployments_citation_id_idx').on(t.citationId),
    // A report is updated by at most one later report that stands: a retracted one no longer counts.
    uniqueIndex('deployments_supersedes_id_key')
      .on(t.supersedesId)
      .where(sql`${t.retractedAt} IS NULL`),
    ...figureChecks('deployments', t),
    ...occurredChecks('deployments'),
  ],
);
