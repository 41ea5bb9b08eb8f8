import { index, integer, pgTable, text, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { datasetColumn } from './columns.js';
import { sql } from 'drizzle-orm';
import { actorKind } from './enums.js';
import { countries } from './countries.js';
import { citations } from './citations.js';

/** People, governments, armed forces, militias, outlets and crowds that act or speak in the news. */
export const actors = pgTable(
  'actors',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    key: text('key').unique(),
    ...datasetColumn(),
    name: text('name').notNull(),
    aliases: text('aliases')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    kind: actorKind('kind').notNull(),
    countryCode: text('country_code').references(() => countries.code),
    title: text('title'),
    description: text('description'),
    /** Hash of the import line that last wrote the actor, so a re-import can tell unchanged from updated. */
    contentHash: text('content_hash'),
    parentId: integer('parent_id').references((): AnyPgColumn => actors.id),
    revision: integer('revision').notNull().default(1),
    /** Set when an admin merged this actor into another: its aliases and facts moved there, and lookups follow. */
    mergedIntoId: integer('merged_into_id').references((): AnyPgColumn => actors.id),
    /** The passage that attests the actor as an editor recorded it (null for seeded and imported actors). */
    citationId: integer('citation_id').references((): AnyPgColumn => citations.id),
    // Name and aliases in one lower-cased string, so one trigram index serves alias search.
    searchText: text('search_text')
      .notNull()
      .generatedAlwaysAs(sql`newsgraph_search_text(name, aliases)`),
  },
  (t) => [
    index('actors_dataset_id_idx').on(t.datasetId),
    index('actors_country_code_idx').on(t.countryCode),
    index('actors_kind_idx').on(t.kind),
    index('actors_parent_id_idx').on(t.parentId),
    index('actors_citation_id_idx').on(t.citationId),
    index('actors_search_text_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
  ],
);
