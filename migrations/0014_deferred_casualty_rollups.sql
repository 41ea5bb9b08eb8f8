-- Custom migration: editors' writes update casualty_rollups at COMMIT, not at their INSERT.
-- Concurrent reports of one country, kind and qualifier share a rollup row; updated at the
-- INSERT, its row lock was held until the mutation's COMMIT arrived from the server, a round trip
-- and the rest of the request later, so the writers queued behind each other. A deferred
-- constraint trigger takes the lock at COMMIT and holds it only for the commit itself. Imports
-- and seeds (no newsgraph.mutation setting) keep the statement-level triggers: one aggregate per
-- statement, not one upsert per row.
CREATE FUNCTION casualty_rollups_apply_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.retracted_at IS NULL THEN
    INSERT INTO casualty_rollups AS r
      (victim_country_code, kind, figure_qualifier, low_sum, low_missing, best_sum, high_sum, high_missing, records)
    VALUES (OLD.victim_country_code, OLD.kind, OLD.figure_qualifier,
            -coalesce(figure_floor(OLD.figure_qualifier, OLD.figure_low), 0),
            -(figure_floor(OLD.figure_qualifier, OLD.figure_low) IS NULL)::int,
            -coalesce(figure_estimate(OLD.figure_low, OLD.figure_best, OLD.figure_high), 0),
            -coalesce(OLD.figure_high, 0), -(OLD.figure_high IS NULL)::int, -1)
    ON CONFLICT ON CONSTRAINT casualty_rollups_key DO UPDATE SET
      low_sum = r.low_sum + excluded.low_sum, low_missing = r.low_missing + excluded.low_missing,
      best_sum = r.best_sum + excluded.best_sum,
      high_sum = r.high_sum + excluded.high_sum, high_missing = r.high_missing + excluded.high_missing,
      records = r.records + excluded.records;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.retracted_at IS NULL THEN
    INSERT INTO casualty_rollups AS r
      (victim_country_code, kind, figure_qualifier, low_sum, low_missing, best_sum, high_sum, high_missing, records)
    VALUES (NEW.victim_country_code, NEW.kind, NEW.figure_qualifier,
            coalesce(figure_floor(NEW.figure_qualifier, NEW.figure_low), 0),
            (figure_floor(NEW.figure_qualifier, NEW.figure_low) IS NULL)::int,
            coalesce(figure_estimate(NEW.figure_low, NEW.figure_best, NEW.figure_high), 0),
            coalesce(NEW.figure_high, 0), (NEW.figure_high IS NULL)::int, 1)
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
DROP TRIGGER casualty_rollups_after_insert ON casualties;
--> statement-breakpoint
DROP TRIGGER casualty_rollups_after_update ON casualties;
--> statement-breakpoint
DROP TRIGGER casualty_rollups_after_delete ON casualties;
--> statement-breakpoint
CREATE TRIGGER casualty_rollups_after_insert AFTER INSERT ON casualties
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT
  WHEN (coalesce(current_setting('newsgraph.mutation', true), '') = '') EXECUTE FUNCTION casualty_rollups_apply();
--> statement-breakpoint
CREATE TRIGGER casualty_rollups_after_update AFTER UPDATE ON casualties
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  WHEN (coalesce(current_setting('newsgraph.mutation', true), '') = '') EXECUTE FUNCTION casualty_rollups_apply();
--> statement-breakpoint
CREATE TRIGGER casualty_rollups_after_delete AFTER DELETE ON casualties
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT
  WHEN (coalesce(current_setting('newsgraph.mutation', true), '') = '') EXECUTE FUNCTION casualty_rollups_apply();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER casualty_rollups_at_commit AFTER INSERT OR UPDATE OR DELETE ON casualties
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (coalesce(current_setting('newsgraph.mutation', true), '') <> '') EXECUTE FUNCTION casualty_rollups_apply_row();
