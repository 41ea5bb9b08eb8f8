import { bigint, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { casualtyKind, figureQualifier } from './enums.js';

/**
 * Casualty figures pre-summed per (victims' country, kind, qualifier), kept exact by statement
 * triggers on `casualties` (migrations/0005_casualty_rollups.sql). Statistics whose filter and
 * grouping use only these columns read a few hundred rows here instead of every casualty.
 * The per-record contributions are those of FigureTotal (see figure-total.ts).
 */
export const casualtyRollups = pgTable(
  'casualty_rollups',
  {
    victimCountryCode: text('victim_country_code'),
    kind: casualtyKind('kind').notNull(),
    figureQualifier: figureQualifier('figure_qualifier').notNull(),
    lowSum: bigint('low_sum', { mode: 'number' }).notNull(),
    bestSum: bigint('best_sum', { mode: 'number' }).notNull(),
    highSum: bigint('high_sum', { mode: 'number' }).notNull(),
    records: bigint('records', { mode: 'number' }).notNull(),
  },
  (t) => [unique('casualty_rollups_key').on(t.victimCountryCode, t.kind, t.figureQualifier).nullsNotDistinct()],
);
