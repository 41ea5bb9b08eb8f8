-- Custom migration: totals never narrower than their records (issue 14, item 8). What one record
-- adds to a sum (see src/graphql/modules/stats/figure-total.ts for the whole rule):
--   floor:    its low; 0 for UP_TO and UNKNOWN (any small count is allowed); NULL (unknown) for an
--             APPROXIMATE figure without a stated low. 0005 used its best, claiming "roughly 5,200" >= 5,200.
--   estimate: its best, else its floor or ceiling; NULL for UNKNOWN. 0005 added 0.
--   ceiling:  its high column as is; NULL when open (AT_LEAST, UNKNOWN) or not stated. 0005 used best.
-- casualty_rollups gains the counts of records without a floor and without a ceiling, so it can say
-- when a sum's low or high is unknown; it is rebuilt from the rows.
CREATE FUNCTION figure_floor(qualifier figure_qualifier, low integer) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN qualifier IN ('UP_TO', 'UNKNOWN') THEN 0 ELSE low END $$;
--> statement-breakpoint
CREATE FUNCTION figure_estimate(low integer, best integer, high integer) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(best, low, high) $$;
--> statement-breakpoint
ALTER TABLE casualty_rollups
  ADD COLUMN low_missing bigint NOT NULL DEFAULT 0,
  ADD COLUMN high_missing bigint NOT NULL DEFAULT 0;
--> statement-breakpoint
ALTER TABLE casualty_rollups ALTER COLUMN low_missing DROP DEFAULT, ALTER COLUMN high_missing DROP DEFAULT;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION casualty_rollups_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO casualty_rollups AS r
      (victim_country_code, kind, figure_qualifier, low_sum, low_missing, best_sum, high_sum, high_missing, records)
    SELECT victim_country_code, kind, figure_qualifier,
           -coalesce(sum(figure_floor(figure_qualifier, figure_low)), 0),
           -count(*) FILTER (WHERE figure_floor(figure_qualifier, figure_low) IS NULL),
           -coalesce(sum(figure_estimate(figure_low, figure_best, figure_high)), 0),
           -coalesce(sum(figure_high), 0), -count(*) FILTER (WHERE figure_high IS NULL),
           -count(*)
    FROM old_rows GROUP BY 1, 2, 3
    ON CONFLICT ON CONSTRAINT casualty_rollups_key DO UPDATE SET
      low_sum = r.low_sum + excluded.low_sum, low_missing = r.low_missing + excluded.low_missing,
      best_sum = r.best_sum + excluded.best_sum,
      high_sum = r.high_sum + excluded.high_sum, high_missing = r.high_missing + excluded.high_missing,
      records = r.records + excluded.records;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO casualty_rollups AS r
      (victim_country_code, kind, figure_qualifier, low_sum, low_missing, best_sum, high_sum, high_missing, records)
    SELECT victim_country_code, kind, figure_qualifier,
           coalesce(sum(figure_floor(figure_qualifier, figure_low)), 0),
           count(*) FILTER (WHERE figure_floor(figure_qualifier, figure_low) IS NULL),
           coalesce(sum(figure_estimate(figure_low, figure_best, figure_high)), 0),
           coalesce(sum(figure_high), 0), count(*) FILTER (WHERE figure_high IS NULL),
           count(*)
    FROM new_rows GROUP BY 1, 2, 3
    ON CONFLICT ON CONSTRAINT casualty_rollups_key DO UPDATE SET
      low_sum = r.low_sum + excluded.low_sum, low_missing = r.low_missing + excluded.low_missing,
      best_sum = r.best_sum + excluded.best_sum,
      high_sum = r.high_sum + excluded.high_sum, high_missing = r.high_missing + excluded.high_missing,
      records = r.records + excluded.records;
  END IF;
  DELETE FROM casualty_rollups WHERE records = 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- The rollup, rebuilt by the new rule.
DELETE FROM casualty_rollups;
--> statement-breakpoint
INSERT INTO casualty_rollups
  (victim_country_code, kind, figure_qualifier, low_sum, low_missing, best_sum, high_sum, high_missing, records)
SELECT victim_country_code, kind, figure_qualifier,
       coalesce(sum(figure_floor(figure_qualifier, figure_low)), 0),
           count(*) FILTER (WHERE figure_floor(figure_qualifier, figure_low) IS NULL),
       coalesce(sum(figure_estimate(figure_low, figure_best, figure_high)), 0),
       coalesce(sum(figure_high), 0), count(*) FILTER (WHERE figure_high IS NULL),
       count(*)
FROM casualties GROUP BY 1, 2, 3;
--> statement-breakpoint
DROP FUNCTION figure_low_part(figure_qualifier, integer, integer);
--> statement-breakpoint
DROP FUNCTION figure_best_part(integer, integer, integer);
--> statement-breakpoint
DROP FUNCTION figure_high_part(integer, integer);
