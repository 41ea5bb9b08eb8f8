-- Custom migration: the write side's bookkeeping, in the database so that a seed, an import and
-- a mutation all leave the same trail (issue 17).
--  * A row's `revision` goes up by one whenever any of its stored columns changes (BEFORE UPDATE),
--    so an update guarded by `WHERE revision = <expected>` catches a concurrent change.
--  * casualty_revisions / deployment_revisions get a row for every version (statement triggers with
--    transition tables: one INSERT per statement, so bulk loads stay fast).
--  * audit_entries get the row before and after, for writes made by a mutation: the mutation sets
--    newsgraph.editor / newsgraph.mutation / newsgraph.request_id (transaction-local, safe behind
--    PgBouncer); seeds and imports leave them unset and are recorded by their dataset instead.
--  * Retracted casualties leave the rollups, as they leave every total.
CREATE FUNCTION editorial_bump_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Generated columns are not computed yet in a BEFORE trigger, so they are left out of the comparison.
  IF (to_jsonb(NEW) - 'revision' - 'occurred_end' - 'search_text') IS DISTINCT FROM
     (to_jsonb(OLD) - 'revision' - 'occurred_end' - 'search_text') THEN
    NEW.revision := OLD.revision + 1;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER events_bump_revision BEFORE UPDATE ON events FOR EACH ROW EXECUTE FUNCTION editorial_bump_revision();
--> statement-breakpoint
CREATE TRIGGER actors_bump_revision BEFORE UPDATE ON actors FOR EACH ROW EXECUTE FUNCTION editorial_bump_revision();
--> statement-breakpoint
CREATE TRIGGER casualties_bump_revision BEFORE UPDATE ON casualties FOR EACH ROW EXECUTE FUNCTION editorial_bump_revision();
--> statement-breakpoint
CREATE TRIGGER deployments_bump_revision BEFORE UPDATE ON deployments FOR EACH ROW EXECUTE FUNCTION editorial_bump_revision();
--> statement-breakpoint
CREATE TRIGGER quotes_bump_revision BEFORE UPDATE ON quotes FOR EACH ROW EXECUTE FUNCTION editorial_bump_revision();
--> statement-breakpoint
CREATE TRIGGER reactions_bump_revision BEFORE UPDATE ON reactions FOR EACH ROW EXECUTE FUNCTION editorial_bump_revision();
--> statement-breakpoint
CREATE FUNCTION casualty_revisions_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO casualty_revisions (casualty_id, revision, figure_low, figure_best, figure_high, figure_qualifier, figure_wording, citation_id, retracted, editor, reason, recorded_at)
    SELECT n.id, n.revision, n.figure_low, n.figure_best, n.figure_high, n.figure_qualifier, n.figure_wording, n.citation_id, n.retracted_at IS NOT NULL,
           nullif(current_setting('newsgraph.editor', true), ''), nullif(current_setting('newsgraph.reason', true), ''), n.recorded_at
    FROM new_rows n;
  ELSE
    INSERT INTO casualty_revisions (casualty_id, revision, figure_low, figure_best, figure_high, figure_qualifier, figure_wording, citation_id, retracted, editor, reason, recorded_at)
    SELECT n.id, n.revision, n.figure_low, n.figure_best, n.figure_high, n.figure_qualifier, n.figure_wording, n.citation_id, n.retracted_at IS NOT NULL,
           nullif(current_setting('newsgraph.editor', true), ''), nullif(current_setting('newsgraph.reason', true), ''), now()
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE n.revision <> o.revision;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER casualty_revisions_after_insert AFTER INSERT ON casualties
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION casualty_revisions_record();
--> statement-breakpoint
CREATE TRIGGER casualty_revisions_after_update AFTER UPDATE ON casualties
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION casualty_revisions_record();
--> statement-breakpoint
-- Every record that exists already is its own first version.
INSERT INTO casualty_revisions (casualty_id, revision, figure_low, figure_best, figure_high, figure_qualifier, figure_wording, citation_id, retracted, editor, reason, recorded_at)
SELECT n.id, n.revision, n.figure_low, n.figure_best, n.figure_high, n.figure_qualifier, n.figure_wording, n.citation_id, n.retracted_at IS NOT NULL,
           NULL, NULL, n.recorded_at
FROM casualties n;
--> statement-breakpoint
CREATE FUNCTION deployment_revisions_record() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO deployment_revisions (deployment_id, revision, figure_low, figure_best, figure_high, figure_qualifier, figure_wording, status, citation_id, retracted, editor, reason, recorded_at)
    SELECT n.id, n.revision, n.figure_low, n.figure_best, n.figure_high, n.figure_qualifier, n.figure_wording, n.status, n.citation_id, n.retracted_at IS NOT NULL,
           nullif(current_setting('newsgraph.editor', true), ''), nullif(current_setting('newsgraph.reason', true), ''), n.recorded_at
    FROM new_rows n;
  ELSE
    INSERT INTO deployment_revisions (deployment_id, revision, figure_low, figure_best, figure_high, figure_qualifier, figure_wording, status, citation_id, retracted, editor, reason, recorded_at)
    SELECT n.id, n.revision, n.figure_low, n.figure_best, n.figure_high, n.figure_qualifier, n.figure_wording, n.status, n.citation_id, n.retracted_at IS NOT NULL,
           nullif(current_setting('newsgraph.editor', true), ''), nullif(current_setting('newsgraph.reason', true), ''), now()
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE n.revision <> o.revision;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER deployment_revisions_after_insert AFTER INSERT ON deployments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION deployment_revisions_record();
--> statement-breakpoint
CREATE TRIGGER deployment_revisions_after_update AFTER UPDATE ON deployments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION deployment_revisions_record();
--> statement-breakpoint
-- Every record that exists already is its own first version.
INSERT INTO deployment_revisions (deployment_id, revision, figure_low, figure_best, figure_high, figure_qualifier, figure_wording, status, citation_id, retracted, editor, reason, recorded_at)
SELECT n.id, n.revision, n.figure_low, n.figure_best, n.figure_high, n.figure_qualifier, n.figure_wording, n.status, n.citation_id, n.retracted_at IS NOT NULL,
           NULL, NULL, n.recorded_at
FROM deployments n;
--> statement-breakpoint
CREATE FUNCTION audit_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  mutation text := nullif(current_setting('newsgraph.mutation', true), '');
  editor text := coalesce(nullif(current_setting('newsgraph.editor', true), ''), 'unknown');
  request text := nullif(current_setting('newsgraph.request_id', true), '');
  -- The column naming the audited entity: `id`, or the event a link row belongs to.
  key text := TG_ARGV[0];
BEGIN
  IF mutation IS NULL THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NOT (TG_OP = 'UPDATE' AND key = 'id') THEN
    EXECUTE format('INSERT INTO audit_entries (editor, mutation, request_id, entity, entity_id, operation, before, after)
                    SELECT $1, $2, $3, $4, n.%I, ''INSERT'', NULL, to_jsonb(n) FROM new_rows n', key)
      USING editor, mutation, request, TG_TABLE_NAME;
  END IF;
  IF TG_OP IN ('DELETE', 'UPDATE') AND NOT (TG_OP = 'UPDATE' AND key = 'id') THEN
    EXECUTE format('INSERT INTO audit_entries (editor, mutation, request_id, entity, entity_id, operation, before, after)
                    SELECT $1, $2, $3, $4, o.%I, ''DELETE'', to_jsonb(o), NULL FROM old_rows o', key)
      USING editor, mutation, request, TG_TABLE_NAME;
  END IF;
  IF TG_OP = 'UPDATE' AND key = 'id' THEN
    INSERT INTO audit_entries (editor, mutation, request_id, entity, entity_id, operation, before, after)
    SELECT editor, mutation, request, TG_TABLE_NAME, n.id, 'UPDATE', to_jsonb(o), to_jsonb(n)
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE to_jsonb(o) IS DISTINCT FROM to_jsonb(n);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER sources_audit_insert AFTER INSERT ON sources
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_record('id');
--> statement-breakpoint
CREATE TRIGGER sources_audit_update AFTER UPDATE ON sources
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_record('id');
--> statement-breakpoint
CREATE TRIGGER sources_audit_delete AFTER DELETE ON sources
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_record('id');
--> statement-breakpoint
CREATE TRIGGER citations_audit_insert AFTER INSERT ON citations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_record('id');
--> statement-breakpoint
CREATE TRIGGER citations_audit_update AFTER UPDATE ON citations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_record('id');
--> statement-breakpoint
CREATE TRIGGER citations_audit_delete AFTER DELETE ON citations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_record('id');
--> statement-breakpoint
CREATE TRIGGER actors_audit_insert AFTER INSERT ON actors
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_record('id');
--> statement-breakpoint
CREATE TRIGGER actors_audit_update AFTER UPDATE ON actors
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_record('id');
--> statement-breakpoint
CREATE TRIGGER actors_audit_delete AFTER DELETE ON actors
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_record('id');
--> statement-breakpoint
CREATE TRIGGER events_audit_insert AFTER INSERT ON events
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_record('id');
--> statement-breakpoint
CREATE TRIGGER events_audit_update AFTER UPDATE ON events
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_record('id');
--> statement-breakpoint
CREATE TRIGGER events_audit_delete AFTER DELETE ON events
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_record('id');
--> statement-breakpoint
CREATE TRIGGER event_actors_audit_insert AFTER INSERT ON event_actors
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_record('event_id');
--> statement-breakpoint
CREATE TRIGGER event_actors_audit_update AFTER UPDATE ON event_actors
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_record('event_id');
--> statement-breakpoint
CREATE TRIGGER event_actors_audit_delete AFTER DELETE ON event_actors
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_record('event_id');
--> statement-breakpoint
CREATE TRIGGER event_links_audit_insert AFTER INSERT ON event_links
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_record('from_event_id');
--> statement-breakpoint
CREATE TRIGGER event_links_audit_update AFTER UPDATE ON event_links
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_record('from_event_id');
--> statement-breakpoint
CREATE TRIGGER event_links_audit_delete AFTER DELETE ON event_links
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_record('from_event_id');
--> statement-breakpoint
CREATE TRIGGER casualties_audit_insert AFTER INSERT ON casualties
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_record('id');
--> statement-breakpoint
CREATE TRIGGER casualties_audit_update AFTER UPDATE ON casualties
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_record('id');
--> statement-breakpoint
CREATE TRIGGER casualties_audit_delete AFTER DELETE ON casualties
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_record('id');
--> statement-breakpoint
CREATE TRIGGER deployments_audit_insert AFTER INSERT ON deployments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_record('id');
--> statement-breakpoint
CREATE TRIGGER deployments_audit_update AFTER UPDATE ON deployments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_record('id');
--> statement-breakpoint
CREATE TRIGGER deployments_audit_delete AFTER DELETE ON deployments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_record('id');
--> statement-breakpoint
CREATE TRIGGER quotes_audit_insert AFTER INSERT ON quotes
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_record('id');
--> statement-breakpoint
CREATE TRIGGER quotes_audit_update AFTER UPDATE ON quotes
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_record('id');
--> statement-breakpoint
CREATE TRIGGER quotes_audit_delete AFTER DELETE ON quotes
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_record('id');
--> statement-breakpoint
CREATE TRIGGER reactions_audit_insert AFTER INSERT ON reactions
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_record('id');
--> statement-breakpoint
CREATE TRIGGER reactions_audit_update AFTER UPDATE ON reactions
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_record('id');
--> statement-breakpoint
CREATE TRIGGER reactions_audit_delete AFTER DELETE ON reactions
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION audit_record('id');
--> statement-breakpoint
-- Retracted casualties count in no total.
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
    FROM old_rows WHERE retracted_at IS NULL GROUP BY 1, 2, 3
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
    FROM new_rows WHERE retracted_at IS NULL GROUP BY 1, 2, 3
    ON CONFLICT ON CONSTRAINT casualty_rollups_key DO UPDATE SET
      low_sum = r.low_sum + excluded.low_sum, low_missing = r.low_missing + excluded.low_missing,
      best_sum = r.best_sum + excluded.best_sum,
      high_sum = r.high_sum + excluded.high_sum, high_missing = r.high_missing + excluded.high_missing,
      records = r.records + excluded.records;
  END IF;
  DELETE FROM casualty_rollups WHERE records = 0;
  RETURN NULL;
END $$;
