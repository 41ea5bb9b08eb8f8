import { index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { locations } from './locations.js';
import { countries } from './countries.js';

/**
 * Every country a place lies in: one for a city, several for a place the source puts in more
 * than one (strikes on sites in Iraq and Syria), none for a region such as "the Middle East".
 * Filters by country read this table; `locations.country_code` keeps only a single country.
 */
export const locationCountries = pgTable(
  'location_countries',
  {
    locationId: integer('location_id')
      .notNull()
      .references(() => locations.id, { onDelete: 'cascade' }),
    countryCode: text('country_code')
      .notNull()
      .references(() => countries.code),
  },
  (t) => [
    primaryKey({ columns: [t.locationId, t.countryCode] }),
    // events(filter: { country }) looks up the places of one country: an index-only scan.
    index('location_countries_country_code_location_id_idx').on(t.countryCode, t.locationId),
  ],
);
