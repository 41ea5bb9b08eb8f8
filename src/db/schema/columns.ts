import { sql } from 'drizzle-orm';
import { check, date, integer, text, timestamp, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { datePrecision, figureQualifier } from './enums.js';
import { datasets } from './datasets.js';

/**
 * A reported number: `low`/`best`/`high` bounds, the qualifier the wording implies, and the
 * wording itself. Which bounds are set depends on the qualifier (see `figureChecks`).
 */
export const figureColumns = () => ({
  figureLow: integer('figure_low'),
  figureBest: integer('figure_best'),
  figureHigh: integer('figure_high'),
  figureQualifier: figureQualifier('figure_qualifier').notNull(),
  figureWording: text('figure_wording').notNull(),
});

interface FigureTable {
  figureLow: AnyPgColumn;
  figureBest: AnyPgColumn;
  figureHigh: AnyPgColumn;
  figureQualifier: AnyPgColumn;
}

/** Constraints that keep a figure honest: ordered bounds, no negatives, bounds that match the qualifier. */
export const figureChecks = (table: string, t: FigureTable) => [
  check(`${table}_figure_non_negative`, sql`${t.figureLow} >= 0 AND ${t.figureBest} >= 0 AND ${t.figureHigh} >= 0`),
  check(
    `${table}_figure_ordered`,
    sql`${t.figureLow} <= ${t.figureBest} AND ${t.figureBest} <= ${t.figureHigh} AND ${t.figureLow} <= ${t.figureHigh}`,
  ),
  check(
    `${table}_figure_matches_qualifier`,
    sql`CASE ${t.figureQualifier}
      WHEN 'EXACT' THEN ${t.figureLow} IS NOT NULL AND ${t.figureLow} = ${t.figureBest} AND ${t.figureBest} = ${t.figureHigh}
      WHEN 'APPROXIMATE' THEN ${t.figureBest} IS NOT NULL
      WHEN 'AT_LEAST' THEN ${t.figureLow} IS NOT NULL AND ${t.figureHigh} IS NULL
      WHEN 'UP_TO' THEN ${t.figureHigh} IS NOT NULL AND ${t.figureLow} IS NULL
      WHEN 'UNKNOWN' THEN ${t.figureLow} IS NULL AND ${t.figureBest} IS NULL AND ${t.figureHigh} IS NULL
    END`,
  ),
];

/**
 * A date as precise as the source: `on` is the earliest possible day, `end` the latest. For
 * DAY/MONTH/YEAR a trigger (migrations/0009) derives `end` from `on`, so writers give only `on`;
 * a RANGE (UCDP GED's "within 2-6 days") gives both. Range filters ask "certainly inside" with
 * two indexed comparisons whatever the precision.
 */
export const occurredColumns = () => ({
  occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
  occurredPrecision: datePrecision('occurred_precision').notNull(),
  // NULL default: omitted by DAY/MONTH/YEAR writers, filled by the trigger before NOT NULL is checked.
  occurredEnd: date('occurred_end', { mode: 'string' })
    .notNull()
    .default(sql`NULL`),
});

/** A period starts on the first day of its month or year, and no date ends before it starts. */
export const occurredChecks = (table: string) => [
  check(
    `${table}_occurred_period_start`,
    sql.raw(
      `"occurred_precision" = 'DAY' OR ("occurred_precision" = 'MONTH' AND extract(day FROM "occurred_on") = 1) ` +
        `OR ("occurred_precision" = 'YEAR' AND extract(doy FROM "occurred_on") = 1) ` +
        `OR "occurred_precision" NOT IN ('DAY', 'MONTH', 'YEAR')`,
    ),
  ),
  check(`${table}_occurred_ordered`, sql.raw(`"occurred_end" >= "occurred_on"`)),
];

/**
 * Bookkeeping of a fact editors may change: `revision` counts its versions (an update names the
 * one it read, so a concurrent change is caught), and a retraction hides it without deleting it.
 */
export const editorialColumns = () => ({
  revision: integer('revision').notNull().default(1),
  recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  retractedAt: timestamp('retracted_at', { withTimezone: true, mode: 'string' }),
  retractedBy: text('retracted_by'),
  retractionReason: text('retraction_reason'),
});

/** The dataset a record was imported from (null only for rows written outside an import, as tests do). */
export const datasetColumn = () => ({
  datasetId: integer('dataset_id').references(() => datasets.id),
});
