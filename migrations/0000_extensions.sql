-- Custom migration: drizzle-kit does not emit extensions or helper functions.
-- pg_trgm backs fuzzy search over actor names/aliases and quote text (PGlite loads it from
-- @electric-sql/pglite/contrib/pg_trgm; Postgres ships it in contrib).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
-- array_to_string is only STABLE, so it cannot feed a generated column. For text[] it is in
-- fact immutable; this wrapper says so, letting actors.search_text be generated and indexed.
CREATE OR REPLACE FUNCTION newsgraph_search_text(name text, aliases text[]) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN lower(name || ' ' || array_to_string(aliases, ' '));
