-- Custom migration: date buckets (DAY/WEEK/MONTH/YEAR groupings and series) now compare
-- occurred_on with occurred_end (0009, dates as intervals), so the covering statistics indexes of
-- 0002 carry occurred_end too and those statistics stay index-only scans.
DROP INDEX IF EXISTS casualties_country_kind_figures_idx;
--> statement-breakpoint
CREATE INDEX casualties_country_kind_figures_idx
  ON casualties (victim_country_code, kind)
  INCLUDE (figure_low, figure_best, figure_high, figure_qualifier, occurred_on, occurred_precision, occurred_end);
--> statement-breakpoint
DROP INDEX IF EXISTS casualties_event_kind_figures_idx;
--> statement-breakpoint
CREATE INDEX casualties_event_kind_figures_idx
  ON casualties (event_id, kind)
  INCLUDE (figure_low, figure_best, figure_high, figure_qualifier, occurred_on, occurred_precision, occurred_end);
--> statement-breakpoint
DROP INDEX IF EXISTS deployments_destination_status_figures_idx;
--> statement-breakpoint
CREATE INDEX deployments_destination_status_figures_idx
  ON deployments (destination_country_code, status)
  INCLUDE (figure_low, figure_best, figure_high, figure_qualifier, occurred_on, occurred_precision, occurred_end);
