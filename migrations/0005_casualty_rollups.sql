-- Custom migration: what each casualty record adds to a FigureTotal, as inlinable SQL functions
-- shared by the statistics queries and the rollup triggers, and the triggers that keep
-- casualty_rollups exact (statement-level, with transition tables: one aggregate per statement,
-- so bulk loads stay fast).
CREATE OR REPLACE FUNCTION figure_low_part(qualifier figure_qualifier, low integer, best integer) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN qualifier IN ('UP_TO', 'UNKNOWN') THEN 0 ELSE coalesce(low, best) END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION figure_best_part(low integer, best integer, high integer) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(best, low, high, 0) $$;
--> statement-breakpoint
-- Null for open-ended records (AT_LEAST, UNKNOWN): they have no ceiling.
CREATE OR REPLACE FUNCTION figure_high_part(best integer, high integer) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT coalesce(high, best) $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION casualty_rollups_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO casualty_rollups AS r (victim_country_code, kind, figure_qualifier, low_sum, best_sum, high_sum, records)
    SELECT victim_country_code, kind, figure_qualifier,
           -sum(figure_low_part(figure_qualifier, figure_low, figure_best)),
           -sum(figure_best_part(figure_low, figure_best, figure_high)),
           -coalesce(sum(figure_high_part(figure_best, figure_high)), 0),
           -count(*)
    FROM old_rows GROUP BY 1, 2, 3
    ON CONFLICT ON CONSTRAINT casualty_rollups_key DO UPDATE SET
      low_sum = r.low_sum + excluded.low_sum, best_sum = r.best_sum + excluded.best_sum,
      high_sum = r.high_sum + excluded.high_sum, records = r.records + excluded.records;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO casualty_rollups AS r (victim_country_code, kind, figure_qualifier, low_sum, best_sum, high_sum, records)
    SELECT victim_country_code, kind, figure_qualifier,
           sum(figure_low_part(figure_qualifier, figure_low, figure_best)),
           sum(figure_best_part(figure_low, figure_best, figure_high)),
           coalesce(sum(figure_high_part(figure_best, figure_high)), 0),
           count(*)
    FROM new_rows GROUP BY 1, 2, 3
    ON CONFLICT ON CONSTRAINT casualty_rollups_key DO UPDATE SET
      low_sum = r.low_sum + excluded.low_sum, best_sum = r.best_sum + excluded.best_sum,
      high_sum = r.high_sum + excluded.high_sum, records = r.records + excluded.records;
  END IF;
  DELETE FROM casualty_rollups WHERE records = 0;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION casualty_rollups_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM casualty_rollups;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER casualty_rollups_after_insert AFTER INSERT ON casualties
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION casualty_rollups_apply();
--> statement-breakpoint
CREATE TRIGGER casualty_rollups_after_update AFTER UPDATE ON casualties
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION casualty_rollups_apply();
--> statement-breakpoint
CREATE TRIGGER casualty_rollups_after_delete AFTER DELETE ON casualties
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION casualty_rollups_apply();
--> statement-breakpoint
CREATE TRIGGER casualty_rollups_after_truncate AFTER TRUNCATE ON casualties
  FOR EACH STATEMENT EXECUTE FUNCTION casualty_rollups_clear();
--> statement-breakpoint
-- Existing casualties, summed once.
INSERT INTO casualty_rollups (victim_country_code, kind, figure_qualifier, low_sum, best_sum, high_sum, records)
SELECT victim_country_code, kind, figure_qualifier,
       sum(figure_low_part(figure_qualifier, figure_low, figure_best)),
       sum(figure_best_part(figure_low, figure_best, figure_high)),
       coalesce(sum(figure_high_part(figure_best, figure_high)), 0),
       count(*)
FROM casualties GROUP BY 1, 2, 3;
