-- Import lines of our own NDJSON format are hashed into the row they write (events already had
-- content_hash), so a re-import tells unchanged lines from updated ones. The hash is bookkeeping,
-- not content: a changed hash alone (an event line whose nested casualty changed) must not raise
-- the event's revision, so the revision trigger leaves it out of its comparison.
ALTER TABLE "sources" ADD COLUMN "content_hash" text;--> statement-breakpoint
ALTER TABLE "actors" ADD COLUMN "content_hash" text;--> statement-breakpoint
ALTER TABLE "locations" ADD COLUMN "content_hash" text;--> statement-breakpoint
ALTER TABLE "deployments" ADD COLUMN "content_hash" text;--> statement-breakpoint
ALTER TABLE "quotes" ADD COLUMN "content_hash" text;--> statement-breakpoint
CREATE OR REPLACE FUNCTION editorial_bump_revision() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Generated columns are not computed yet in a BEFORE trigger, so they are left out of the comparison.
  IF (to_jsonb(NEW) - 'revision' - 'occurred_end' - 'search_text' - 'content_hash') IS DISTINCT FROM
     (to_jsonb(OLD) - 'revision' - 'occurred_end' - 'search_text' - 'content_hash') THEN
    NEW.revision := OLD.revision + 1;
  END IF;
  RETURN NEW;
END $$;
