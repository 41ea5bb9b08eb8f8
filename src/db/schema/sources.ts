import { date, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { datasetColumn } from './columns.js';
import { sql } from 'drizzle-orm';

/** A published article (or report) the dataset was built from. */
export const sources = pgTable(
  'sources',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    key: text('key').unique(),
    ...datasetColumn(),
    outlet: text('outlet').notNull(),
    title: text('title').notNull(),
    url: text('url'),
    authors: text('authors')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    publishedOn: date('published_on', { mode: 'string' }),
    updatedOn: date('updated_on', { mode: 'string' }),
    /** The article's text when an editor stored it; a citation's passage must then occur in it verbatim. */
    fullText: text('full_text'),
    /** Hash of the import line that last wrote the source, so a re-import can tell unchanged from updated. */
    contentHash: text('content_hash'),
  },
  (t) => [index('sources_dataset_id_idx').on(t.datasetId)],
);
