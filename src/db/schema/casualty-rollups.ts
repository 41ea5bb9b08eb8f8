import { bigint, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { casualtyKind, figureQualifier } from './enums.js';

/**
 * Casualty figures pre-summed per (victims' country, kind, qualifier), kept exact by statement
 * triggers on `casualties` (migrations/0005_casualty_rollups.sql, 0007_honest_figure_sums.sql). Statistics whose filter and
 * grouping use only these columns read a few hundred rows here instead of every casualty.
 * Each row is a FigureSum of its records (see figure-total.ts), so rows add up like records.
 */
export const casualtyRollups = pgTable(
  'casualty_rollups',
  {
    victimCountryCode: text('victim_country_code'),
    kind: casualtyKind('kind').notNull(),
    figureQualifier: figureQualifier('figure_qualifier').notNull(),
    lowSum: bigint('low_sum', { mode: 'number' }).notNull(),
    /** Records without a known floor (approximate, no stated low): the sum's low is then unknown. */
    lowMissing: bigint('low_missing', { mode: 'number' }).notNull(),
    bestSum: bigint('best_sum', { mode: 'number' }).notNull(),
    highSum: bigint('high_sum', { mode: 'number' }).notNull(),
    /** Records without a ceiling (open-ended, or approximate with no stated high): the sum's high is then unknown. */
    highMissing: bigint('high_missing', { mode: 'number' }).notNull(),
    records: bigint('records', { mode: 'number' }).notNull(),
  },
  (t) => [unique('casualty_rollups_key').on(t.victimCountryCode, t.kind, t.figureQualifier).nullsNotDistinct()],
);
