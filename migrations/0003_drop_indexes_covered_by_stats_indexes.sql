DROP INDEX "casualties_event_id_idx";--> statement-breakpoint
DROP INDEX "casualties_victim_country_code_idx";