import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../src/db/client.js';

/**
 * Every casualty_rollups row against a fresh GROUP BY of the casualty rows it summarises, by the
 * per-record functions of the sum rule: rows missing or extra on either side (none when exact).
 */
export function rollupDrift(db: Database): Promise<unknown[]> {
  return queryRows(
    db,
    sql`
      WITH fresh AS (
        SELECT victim_country_code, kind, figure_qualifier,
               coalesce(sum(figure_floor(figure_qualifier, figure_low)), 0)::int8 AS low_sum,
               count(*) FILTER (WHERE figure_floor(figure_qualifier, figure_low) IS NULL)::int8 AS low_missing,
               coalesce(sum(figure_estimate(figure_low, figure_best, figure_high)), 0)::int8 AS best_sum,
               coalesce(sum(figure_high), 0)::int8 AS high_sum,
               count(*) FILTER (WHERE figure_high IS NULL)::int8 AS high_missing,
               count(*)::int8 AS records
        FROM casualties WHERE retracted_at IS NULL GROUP BY 1, 2, 3
      ),
      stored AS (
        SELECT victim_country_code, kind, figure_qualifier, low_sum, low_missing, best_sum, high_sum, high_missing, records FROM casualty_rollups
      )
      (SELECT * FROM fresh EXCEPT SELECT * FROM stored) UNION ALL (SELECT * FROM stored EXCEPT SELECT * FROM fresh)`,
  );
}
