import { pgTable, text, check } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

/** ISO 3166-1 countries referenced by the data; the alpha-2 code is the key. */
export const countries = pgTable(
  'countries',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull().unique(),
  },
  (t) => [check('countries_code_alpha2', sql`${t.code} ~ '^[A-Z]{2}$'`)],
);
