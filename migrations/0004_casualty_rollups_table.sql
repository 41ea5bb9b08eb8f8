CREATE TABLE "casualty_rollups" (
	"victim_country_code" text,
	"kind" "casualty_kind" NOT NULL,
	"figure_qualifier" "figure_qualifier" NOT NULL,
	"low_sum" bigint NOT NULL,
	"best_sum" bigint NOT NULL,
	"high_sum" bigint NOT NULL,
	"records" bigint NOT NULL,
	CONSTRAINT "casualty_rollups_key" UNIQUE NULLS NOT DISTINCT("victim_country_code","kind","figure_qualifier")
);
