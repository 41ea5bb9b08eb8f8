-- Custom migration: deployment versions keep the report they updated (issue 17). A retraction
-- relinks a movement's chain (A -> B -> C with B retracted becomes A -> C), so troop totals as of
-- a past time need each report's link as it stood then, not as it is now.
-- The statement trigger of migration 0012 writes each version after its deployments statement,
-- so the deployment row it reads here is the version's own.
CREATE FUNCTION deployment_revisions_link() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.supersedes_id := (SELECT supersedes_id FROM deployments WHERE id = NEW.deployment_id);
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER deployment_revisions_link BEFORE INSERT ON deployment_revisions
  FOR EACH ROW EXECUTE FUNCTION deployment_revisions_link();
--> statement-breakpoint
-- Versions recorded before: the link as it is now is the best knowledge of what it was.
UPDATE deployment_revisions v SET supersedes_id = d.supersedes_id FROM deployments d WHERE d.id = v.deployment_id;
--> statement-breakpoint
-- Retracted records count in no total, so every statistics statement now tests retracted_at. The
-- covering statistics indexes (0002, 0010) carry it too, so those statistics stay index-only
-- scans; they stay whole (not partial), since they are also the only indexes on event_id and
-- victim_country_code, which lists, admins' reads and ON DELETE CASCADE need for every row.
DROP INDEX IF EXISTS casualties_country_kind_figures_idx;
--> statement-breakpoint
CREATE INDEX casualties_country_kind_figures_idx
  ON casualties (victim_country_code, kind)
  INCLUDE (figure_low, figure_best, figure_high, figure_qualifier, occurred_on, occurred_precision, occurred_end, retracted_at);
--> statement-breakpoint
DROP INDEX IF EXISTS casualties_event_kind_figures_idx;
--> statement-breakpoint
CREATE INDEX casualties_event_kind_figures_idx
  ON casualties (event_id, kind)
  INCLUDE (figure_low, figure_best, figure_high, figure_qualifier, occurred_on, occurred_precision, occurred_end, retracted_at);
--> statement-breakpoint
DROP INDEX IF EXISTS deployments_destination_status_figures_idx;
--> statement-breakpoint
CREATE INDEX deployments_destination_status_figures_idx
  ON deployments (destination_country_code, status)
  INCLUDE (figure_low, figure_best, figure_high, figure_qualifier, occurred_on, occurred_precision, occurred_end, retracted_at);
