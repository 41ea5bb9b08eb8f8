import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Where records come from: one row per imported dataset (UCDP GED, the article seed, ...). Every
 * record an import writes points here through its `dataset_id`; `key` is how imports find it again.
 */
export const datasets = pgTable('datasets', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  /** Stable key the importer upserts by ('ucdp-ged', 'newsgraph:us-iran-2019-2020'). */
  key: text('key').notNull().unique(),
  name: text('name').notNull(),
  /** The release last imported ("23.1"); a newer release updates the same dataset's records. */
  version: text('version'),
  licence: text('licence'),
  citation: text('citation'),
  url: text('url'),
  importedAt: timestamp('imported_at', { withTimezone: true, mode: 'string' }),
  /** Counts of the last import run (see the import summary line). */
  lastImported: integer('last_imported').notNull().default(0),
  lastUpdated: integer('last_updated').notNull().default(0),
  lastUnchanged: integer('last_unchanged').notNull().default(0),
  lastRejected: integer('last_rejected').notNull().default(0),
  /** Rows of the last import whose best estimate lay outside low..high (stored widened, marked). */
  lastWidened: integer('last_widened').notNull().default(0),
});
