import { boolean, index, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { casualties } from './casualties.js';
import { citations } from './citations.js';
import { figureColumns } from './columns.js';

/**
 * Every version a casualty figure has had, written by a trigger on `casualties` (migration 0012),
 * so a seed, an import and a mutation all leave the same trail. `asOf` statistics read the
 * newest version recorded by then.
 */
export const casualtyRevisions = pgTable(
  'casualty_revisions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    casualtyId: integer('casualty_id')
      .notNull()
      .references(() => casualties.id, { onDelete: 'cascade' }),
    revision: integer('revision').notNull(),
    ...figureColumns(),
    citationId: integer('citation_id')
      .notNull()
      .references(() => citations.id),
    retracted: boolean('retracted').notNull(),
    /** Who made this version: the token's subject, or the importer. */
    editor: text('editor'),
    /** Why, in the editor's words ("ministry raised its count"). */
    reason: text('reason'),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [
    unique('casualty_revisions_version').on(t.casualtyId, t.revision),
    index('casualty_revisions_recorded_at_idx').on(t.recordedAt),
    index('casualty_revisions_citation_id_idx').on(t.citationId),
  ],
);
