-- Custom migration: covering indexes for casualty/troop statistics (drizzle-kit cannot express
-- INCLUDE). Stats filtered to one country or one event, grouped by kind, become index-only
-- scans that never touch the heap; the unfiltered COUNTRY x KIND grouping reads the smaller
-- country index in key order (GroupAggregate, no sort).
CREATE INDEX IF NOT EXISTS casualties_country_kind_figures_idx
  ON casualties (victim_country_code, kind)
  INCLUDE (figure_low, figure_best, figure_high, figure_qualifier, occurred_on, occurred_precision);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS casualties_event_kind_figures_idx
  ON casualties (event_id, kind)
  INCLUDE (figure_low, figure_best, figure_high, figure_qualifier, occurred_on, occurred_precision);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS deployments_destination_status_figures_idx
  ON deployments (destination_country_code, status)
  INCLUDE (figure_low, figure_best, figure_high, figure_qualifier, occurred_on, occurred_precision);
