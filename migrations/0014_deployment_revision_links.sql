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
