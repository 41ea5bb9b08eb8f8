import { and, eq, inArray, type SQL } from 'drizzle-orm';
import { casualties, casualtyRollups } from '../../../db/schema/index.js';
import { casualtyConditions } from '../casualty/casualty.filter.js';
import type { CasualtyFilter } from '../casualty/casualty.input.js';
import { rollupSumColumns } from './figure-sum.js';
import { CasualtyDimension } from './stats.input.js';
import { factsOf, type StatsSource } from './stats.sql.js';
import { casualtiesAsOf } from './as-of.js';

const casualtyFacts = factsOf(casualties);
const casualtyRollup: StatsSource = { table: casualtyRollups, sums: rollupSumColumns };

/** What casualty_rollups is keyed by: filters and groupings on anything else need the rows. */
const rollupDimensions = new Set([CasualtyDimension.COUNTRY, CasualtyDimension.KIND, CasualtyDimension.QUALIFIER]);
const rollupFilterFields = new Set<keyof CasualtyFilter>(['country', 'kinds', 'qualifiers']);

function fitsRollup(filter: CasualtyFilter | null | undefined, dimensions: CasualtyDimension[]): boolean {
  const filtered = Object.entries(filter ?? {}).filter(([, value]) => value !== null && value !== undefined);
  return (
    dimensions.every((d) => rollupDimensions.has(d)) && filtered.every(([field]) => rollupFilterFields.has(field as keyof CasualtyFilter))
  );
}

/**
 * Where casualty statistics are computed: from casualty_rollups (a few hundred pre-summed rows)
 * when the filter and grouping only involve country, kind and qualifier, else from the rows.
 * Both give the same totals; the rollup's triggers keep it exact. The rollup holds the present
 * only: totals as of a past time read the rows and their versions (as-of.ts).
 */
export function casualtySource(
  filter: CasualtyFilter | null | undefined,
  dimensions: CasualtyDimension[],
  asOf?: Date,
): { where: SQL | undefined; source: StatsSource } {
  if (asOf) return { where: and(...casualtyConditions(filter)), source: factsOf(casualtiesAsOf(asOf)) };
  if (!fitsRollup(filter, dimensions)) return { where: and(...casualtyConditions(filter)), source: casualtyFacts };
  return {
    source: casualtyRollup,
    where: and(
      filter?.country ? eq(casualtyRollups.victimCountryCode, filter.country) : undefined,
      filter?.kinds?.length ? inArray(casualtyRollups.kind, filter.kinds) : undefined,
      filter?.qualifiers?.length ? inArray(casualtyRollups.figureQualifier, filter.qualifiers) : undefined,
    ),
  };
}
