import { check, doublePrecision, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { datasetColumn } from './columns.js';
import { sql } from 'drizzle-orm';
import { countries } from './countries.js';
import { locationPrecision } from './enums.js';

/** A place events happen at or troops go to: a facility, a city, a country or a region. */
export const locations = pgTable(
  'locations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    key: text('key').unique(),
    ...datasetColumn(),
    name: text('name').notNull(),
    // The place's country when it lies in exactly one (read by the deprecated Location.country); every country is in location_countries.
    countryCode: text('country_code').references(() => countries.code),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    /** How precisely the coordinates locate the place (GED `where_prec`); null when the source does not say. */
    precision: locationPrecision('location_precision'),
    /** First-order administrative division (province, state), as the source names it. */
    adm1: text('adm_1'),
    /** Second-order administrative division (district), as the source names it. */
    adm2: text('adm_2'),
    /** Hash of the import line that last wrote the place, so a re-import can tell unchanged from updated. */
    contentHash: text('content_hash'),
  },
  (t) => [
    index('locations_dataset_id_idx').on(t.datasetId),
    index('locations_country_code_idx').on(t.countryCode),
    check(
      'locations_coordinates_valid',
      sql`(${t.latitude} IS NULL) = (${t.longitude} IS NULL) AND ${t.latitude} BETWEEN -90 AND 90 AND ${t.longitude} BETWEEN -180 AND 180`,
    ),
  ],
);
