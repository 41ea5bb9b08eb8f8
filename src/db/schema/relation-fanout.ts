import { bigint, check, pgTable, text } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/**
 * How many items each nested list of the API holds per parent (`Event.reactions`: reactions per
 * event), measured by refreshFanout (src/graphql/fanout.ts) after bulk loads. The query cost
 * estimate multiplies by the average and bounds its worst case by the maximum.
 */
export const relationFanout = pgTable(
  'relation_fanout',
  {
    /** The list's schema coordinate, `Type.field`. */
    relation: text('relation').primaryKey(),
    /** Parents measured, those with no item included. */
    parents: bigint('parents', { mode: 'number' }).notNull(),
    /** Items over all parents. */
    children: bigint('children', { mode: 'number' }).notNull(),
    /** The most items any one parent has. */
    maxChildren: bigint('max_children', { mode: 'number' }).notNull(),
  },
  (t) => [
    check('relation_fanout_parents_check', sql`${t.parents} >= 0`),
    check('relation_fanout_children_check', sql`${t.children} >= 0`),
    check('relation_fanout_max_children_check', sql`${t.maxChildren} >= 0`),
  ],
);
