import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { datasetColumn } from './columns.js';
import { sources } from './sources.js';
import { actors } from './actors.js';

/**
 * Provenance of one fact: the article, the passage it rests on, and whom the article credits
 * ("according to the Associated Press"). Every casualty, deployment, quote and reaction has one.
 */
export const citations = pgTable(
  'citations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    key: text('key').unique(),
    ...datasetColumn(),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id),
    passage: text('passage').notNull(),
    attributedToActorId: integer('attributed_to_actor_id').references(() => actors.id),
    attribution: text('attribution'),
  },
  (t) => [
    index('citations_source_id_idx').on(t.sourceId),
    index('citations_attributed_to_actor_id_idx').on(t.attributedToActorId),
    index('citations_dataset_id_idx').on(t.datasetId),
  ],
);
