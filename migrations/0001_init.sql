CREATE TYPE "public"."actor_kind" AS ENUM('PERSON', 'GOVERNMENT', 'MILITARY', 'MILITIA', 'ORGANIZATION', 'MEDIA', 'GROUP');--> statement-breakpoint
CREATE TYPE "public"."casualty_kind" AS ENUM('KILLED', 'INJURED');--> statement-breakpoint
CREATE TYPE "public"."date_precision" AS ENUM('DAY', 'MONTH', 'YEAR');--> statement-breakpoint
CREATE TYPE "public"."deployment_status" AS ENUM('ANNOUNCED', 'PLANNED', 'DEPLOYED', 'STATIONED');--> statement-breakpoint
CREATE TYPE "public"."event_actor_role" AS ENUM('PERPETRATOR', 'TARGET', 'PARTICIPANT', 'AUTHORIZER', 'BLAMED', 'VICTIM', 'WITNESS');--> statement-breakpoint
CREATE TYPE "public"."event_kind" AS ENUM('ROCKET_ATTACK', 'AIRSTRIKE', 'TARGETED_KILLING', 'PROTEST', 'EMBASSY_BREACH', 'MOURNING', 'POLICY', 'SANCTIONS', 'ATTACK', 'SHOOTDOWN', 'RESIGNATION', 'DEPLOYMENT', 'DIPLOMACY');--> statement-breakpoint
CREATE TYPE "public"."event_link_kind" AS ENUM('RETALIATION_FOR', 'RESPONSE_TO', 'FOLLOWS');--> statement-breakpoint
CREATE TYPE "public"."figure_qualifier" AS ENUM('EXACT', 'APPROXIMATE', 'AT_LEAST', 'UP_TO', 'UNKNOWN');--> statement-breakpoint
CREATE TYPE "public"."quote_medium" AS ENUM('STATEMENT', 'WRITTEN_STATEMENT', 'TWITTER', 'INTERVIEW', 'TELEVISION', 'REMARKS_TO_REPORTERS', 'CABINET_MEETING', 'PROTEST_CHANT', 'REPORTING', 'UNKNOWN');--> statement-breakpoint
CREATE TYPE "public"."reaction_stance" AS ENUM('CONDEMNATION', 'SUPPORT', 'THREAT', 'CALL_FOR_RESTRAINT', 'MOURNING', 'JUSTIFICATION', 'DENIAL', 'BLAME', 'DEMAND', 'WARNING', 'PROTEST', 'DIPLOMATIC_PROTEST', 'LEADERSHIP_CHANGE', 'CELEBRATION');--> statement-breakpoint
CREATE TABLE "countries" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	CONSTRAINT "countries_name_unique" UNIQUE("name"),
	CONSTRAINT "countries_code_alpha2" CHECK ("countries"."code" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sources_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"key" text,
	"outlet" text NOT NULL,
	"title" text NOT NULL,
	"url" text,
	"authors" text[] DEFAULT '{}'::text[] NOT NULL,
	"published_on" date,
	"updated_on" date,
	CONSTRAINT "sources_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "actors" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "actors_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"key" text,
	"name" text NOT NULL,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL,
	"kind" "actor_kind" NOT NULL,
	"country_code" text,
	"title" text,
	"description" text,
	"parent_id" integer,
	"search_text" text GENERATED ALWAYS AS (newsgraph_search_text(name, aliases)) STORED NOT NULL,
	CONSTRAINT "actors_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "citations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "citations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"key" text,
	"source_id" integer NOT NULL,
	"passage" text NOT NULL,
	"attributed_to_actor_id" integer,
	"attribution" text,
	CONSTRAINT "citations_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "locations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "locations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"key" text,
	"name" text NOT NULL,
	"country_code" text,
	"latitude" double precision,
	"longitude" double precision,
	CONSTRAINT "locations_key_unique" UNIQUE("key"),
	CONSTRAINT "locations_coordinates_valid" CHECK (("locations"."latitude" IS NULL) = ("locations"."longitude" IS NULL) AND "locations"."latitude" BETWEEN -90 AND 90 AND "locations"."longitude" BETWEEN -180 AND 180)
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"key" text,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"kind" "event_kind" NOT NULL,
	"occurred_on" date NOT NULL,
	"occurred_precision" date_precision NOT NULL,
	"occurred_end" date GENERATED ALWAYS AS (CASE "occurred_precision" WHEN 'DAY' THEN "occurred_on" WHEN 'MONTH' THEN ("occurred_on" + interval '1 month' - interval '1 day')::date ELSE ("occurred_on" + interval '1 year' - interval '1 day')::date END) STORED NOT NULL,
	"location_id" integer,
	"is_timeline_entry" boolean DEFAULT false NOT NULL,
	"citation_id" integer NOT NULL,
	CONSTRAINT "events_key_unique" UNIQUE("key"),
	CONSTRAINT "events_occurred_period_start" CHECK ("occurred_precision" = 'DAY' OR ("occurred_precision" = 'MONTH' AND extract(day FROM "occurred_on") = 1) OR ("occurred_precision" = 'YEAR' AND extract(doy FROM "occurred_on") = 1))
);
--> statement-breakpoint
CREATE TABLE "event_actors" (
	"event_id" integer NOT NULL,
	"actor_id" integer NOT NULL,
	"role" "event_actor_role" NOT NULL,
	"citation_id" integer NOT NULL,
	CONSTRAINT "event_actors_event_id_actor_id_role_pk" PRIMARY KEY("event_id","actor_id","role")
);
--> statement-breakpoint
CREATE TABLE "event_links" (
	"from_event_id" integer NOT NULL,
	"to_event_id" integer NOT NULL,
	"kind" "event_link_kind" NOT NULL,
	"citation_id" integer NOT NULL,
	CONSTRAINT "event_links_from_event_id_to_event_id_kind_pk" PRIMARY KEY("from_event_id","to_event_id","kind"),
	CONSTRAINT "event_links_not_self" CHECK ("event_links"."from_event_id" <> "event_links"."to_event_id")
);
--> statement-breakpoint
CREATE TABLE "casualties" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "casualties_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"key" text,
	"event_id" integer NOT NULL,
	"kind" "casualty_kind" NOT NULL,
	"figure_low" integer,
	"figure_best" integer,
	"figure_high" integer,
	"figure_qualifier" "figure_qualifier" NOT NULL,
	"figure_wording" text NOT NULL,
	"victim_description" text NOT NULL,
	"victim_country_code" text,
	"affiliated_actor_id" integer,
	"occurred_on" date NOT NULL,
	"occurred_precision" date_precision NOT NULL,
	"occurred_end" date GENERATED ALWAYS AS (CASE "occurred_precision" WHEN 'DAY' THEN "occurred_on" WHEN 'MONTH' THEN ("occurred_on" + interval '1 month' - interval '1 day')::date ELSE ("occurred_on" + interval '1 year' - interval '1 day')::date END) STORED NOT NULL,
	"citation_id" integer NOT NULL,
	CONSTRAINT "casualties_key_unique" UNIQUE("key"),
	CONSTRAINT "casualties_figure_non_negative" CHECK ("casualties"."figure_low" >= 0 AND "casualties"."figure_best" >= 0 AND "casualties"."figure_high" >= 0),
	CONSTRAINT "casualties_figure_ordered" CHECK ("casualties"."figure_low" <= "casualties"."figure_best" AND "casualties"."figure_best" <= "casualties"."figure_high" AND "casualties"."figure_low" <= "casualties"."figure_high"),
	CONSTRAINT "casualties_figure_matches_qualifier" CHECK (CASE "casualties"."figure_qualifier"
      WHEN 'EXACT' THEN "casualties"."figure_low" IS NOT NULL AND "casualties"."figure_low" = "casualties"."figure_best" AND "casualties"."figure_best" = "casualties"."figure_high"
      WHEN 'APPROXIMATE' THEN "casualties"."figure_best" IS NOT NULL
      WHEN 'AT_LEAST' THEN "casualties"."figure_low" IS NOT NULL AND "casualties"."figure_high" IS NULL
      WHEN 'UP_TO' THEN "casualties"."figure_high" IS NOT NULL AND "casualties"."figure_low" IS NULL
      WHEN 'UNKNOWN' THEN "casualties"."figure_low" IS NULL AND "casualties"."figure_best" IS NULL AND "casualties"."figure_high" IS NULL
    END),
	CONSTRAINT "casualties_occurred_period_start" CHECK ("occurred_precision" = 'DAY' OR ("occurred_precision" = 'MONTH' AND extract(day FROM "occurred_on") = 1) OR ("occurred_precision" = 'YEAR' AND extract(doy FROM "occurred_on") = 1))
);
--> statement-breakpoint
CREATE TABLE "deployments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deployments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"key" text,
	"figure_low" integer,
	"figure_best" integer,
	"figure_high" integer,
	"figure_qualifier" "figure_qualifier" NOT NULL,
	"figure_wording" text NOT NULL,
	"status" "deployment_status" NOT NULL,
	"troop_description" text NOT NULL,
	"force_country_code" text NOT NULL,
	"ordered_by_actor_id" integer,
	"destination_location_id" integer,
	"destination_country_code" text,
	"occurred_on" date NOT NULL,
	"occurred_precision" date_precision NOT NULL,
	"occurred_end" date GENERATED ALWAYS AS (CASE "occurred_precision" WHEN 'DAY' THEN "occurred_on" WHEN 'MONTH' THEN ("occurred_on" + interval '1 month' - interval '1 day')::date ELSE ("occurred_on" + interval '1 year' - interval '1 day')::date END) STORED NOT NULL,
	"event_id" integer,
	"supersedes_id" integer,
	"citation_id" integer NOT NULL,
	CONSTRAINT "deployments_key_unique" UNIQUE("key"),
	CONSTRAINT "deployments_figure_non_negative" CHECK ("deployments"."figure_low" >= 0 AND "deployments"."figure_best" >= 0 AND "deployments"."figure_high" >= 0),
	CONSTRAINT "deployments_figure_ordered" CHECK ("deployments"."figure_low" <= "deployments"."figure_best" AND "deployments"."figure_best" <= "deployments"."figure_high" AND "deployments"."figure_low" <= "deployments"."figure_high"),
	CONSTRAINT "deployments_figure_matches_qualifier" CHECK (CASE "deployments"."figure_qualifier"
      WHEN 'EXACT' THEN "deployments"."figure_low" IS NOT NULL AND "deployments"."figure_low" = "deployments"."figure_best" AND "deployments"."figure_best" = "deployments"."figure_high"
      WHEN 'APPROXIMATE' THEN "deployments"."figure_best" IS NOT NULL
      WHEN 'AT_LEAST' THEN "deployments"."figure_low" IS NOT NULL AND "deployments"."figure_high" IS NULL
      WHEN 'UP_TO' THEN "deployments"."figure_high" IS NOT NULL AND "deployments"."figure_low" IS NULL
      WHEN 'UNKNOWN' THEN "deployments"."figure_low" IS NULL AND "deployments"."figure_best" IS NULL AND "deployments"."figure_high" IS NULL
    END),
	CONSTRAINT "deployments_occurred_period_start" CHECK ("occurred_precision" = 'DAY' OR ("occurred_precision" = 'MONTH' AND extract(day FROM "occurred_on") = 1) OR ("occurred_precision" = 'YEAR' AND extract(doy FROM "occurred_on") = 1))
);
--> statement-breakpoint
CREATE TABLE "reactions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reactions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"key" text,
	"actor_id" integer NOT NULL,
	"event_id" integer NOT NULL,
	"stance" "reaction_stance" NOT NULL,
	"summary" text NOT NULL,
	"occurred_on" date NOT NULL,
	"occurred_precision" date_precision NOT NULL,
	"occurred_end" date GENERATED ALWAYS AS (CASE "occurred_precision" WHEN 'DAY' THEN "occurred_on" WHEN 'MONTH' THEN ("occurred_on" + interval '1 month' - interval '1 day')::date ELSE ("occurred_on" + interval '1 year' - interval '1 day')::date END) STORED NOT NULL,
	"citation_id" integer NOT NULL,
	CONSTRAINT "reactions_key_unique" UNIQUE("key"),
	CONSTRAINT "reactions_occurred_period_start" CHECK ("occurred_precision" = 'DAY' OR ("occurred_precision" = 'MONTH' AND extract(day FROM "occurred_on") = 1) OR ("occurred_precision" = 'YEAR' AND extract(doy FROM "occurred_on") = 1))
);
--> statement-breakpoint
CREATE TABLE "quotes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "quotes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"key" text,
	"text" text NOT NULL,
	"speaker_actor_id" integer NOT NULL,
	"event_id" integer,
	"reaction_id" integer,
	"occurred_on" date NOT NULL,
	"occurred_precision" date_precision NOT NULL,
	"occurred_end" date GENERATED ALWAYS AS (CASE "occurred_precision" WHEN 'DAY' THEN "occurred_on" WHEN 'MONTH' THEN ("occurred_on" + interval '1 month' - interval '1 day')::date ELSE ("occurred_on" + interval '1 year' - interval '1 day')::date END) STORED NOT NULL,
	"medium" "quote_medium" NOT NULL,
	"citation_id" integer NOT NULL,
	CONSTRAINT "quotes_key_unique" UNIQUE("key"),
	CONSTRAINT "quotes_occurred_period_start" CHECK ("occurred_precision" = 'DAY' OR ("occurred_precision" = 'MONTH' AND extract(day FROM "occurred_on") = 1) OR ("occurred_precision" = 'YEAR' AND extract(doy FROM "occurred_on") = 1))
);
--> statement-breakpoint
ALTER TABLE "actors" ADD CONSTRAINT "actors_country_code_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actors" ADD CONSTRAINT "actors_parent_id_actors_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."actors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citations" ADD CONSTRAINT "citations_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "citations" ADD CONSTRAINT "citations_attributed_to_actor_id_actors_id_fk" FOREIGN KEY ("attributed_to_actor_id") REFERENCES "public"."actors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_country_code_countries_code_fk" FOREIGN KEY ("country_code") REFERENCES "public"."countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_citation_id_citations_id_fk" FOREIGN KEY ("citation_id") REFERENCES "public"."citations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_actors" ADD CONSTRAINT "event_actors_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_actors" ADD CONSTRAINT "event_actors_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_actors" ADD CONSTRAINT "event_actors_citation_id_citations_id_fk" FOREIGN KEY ("citation_id") REFERENCES "public"."citations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_links" ADD CONSTRAINT "event_links_from_event_id_events_id_fk" FOREIGN KEY ("from_event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_links" ADD CONSTRAINT "event_links_to_event_id_events_id_fk" FOREIGN KEY ("to_event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_links" ADD CONSTRAINT "event_links_citation_id_citations_id_fk" FOREIGN KEY ("citation_id") REFERENCES "public"."citations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casualties" ADD CONSTRAINT "casualties_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casualties" ADD CONSTRAINT "casualties_victim_country_code_countries_code_fk" FOREIGN KEY ("victim_country_code") REFERENCES "public"."countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casualties" ADD CONSTRAINT "casualties_affiliated_actor_id_actors_id_fk" FOREIGN KEY ("affiliated_actor_id") REFERENCES "public"."actors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casualties" ADD CONSTRAINT "casualties_citation_id_citations_id_fk" FOREIGN KEY ("citation_id") REFERENCES "public"."citations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_force_country_code_countries_code_fk" FOREIGN KEY ("force_country_code") REFERENCES "public"."countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_ordered_by_actor_id_actors_id_fk" FOREIGN KEY ("ordered_by_actor_id") REFERENCES "public"."actors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_destination_location_id_locations_id_fk" FOREIGN KEY ("destination_location_id") REFERENCES "public"."locations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_destination_country_code_countries_code_fk" FOREIGN KEY ("destination_country_code") REFERENCES "public"."countries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_supersedes_id_deployments_id_fk" FOREIGN KEY ("supersedes_id") REFERENCES "public"."deployments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_citation_id_citations_id_fk" FOREIGN KEY ("citation_id") REFERENCES "public"."citations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reactions" ADD CONSTRAINT "reactions_actor_id_actors_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."actors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reactions" ADD CONSTRAINT "reactions_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reactions" ADD CONSTRAINT "reactions_citation_id_citations_id_fk" FOREIGN KEY ("citation_id") REFERENCES "public"."citations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_speaker_actor_id_actors_id_fk" FOREIGN KEY ("speaker_actor_id") REFERENCES "public"."actors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_reaction_id_reactions_id_fk" FOREIGN KEY ("reaction_id") REFERENCES "public"."reactions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quotes" ADD CONSTRAINT "quotes_citation_id_citations_id_fk" FOREIGN KEY ("citation_id") REFERENCES "public"."citations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "actors_country_code_idx" ON "actors" USING btree ("country_code");--> statement-breakpoint
CREATE INDEX "actors_kind_idx" ON "actors" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "actors_parent_id_idx" ON "actors" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "actors_search_text_trgm_idx" ON "actors" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "citations_source_id_idx" ON "citations" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "citations_attributed_to_actor_id_idx" ON "citations" USING btree ("attributed_to_actor_id");--> statement-breakpoint
CREATE INDEX "locations_country_code_idx" ON "locations" USING btree ("country_code");--> statement-breakpoint
CREATE INDEX "events_occurred_on_id_idx" ON "events" USING btree ("occurred_on","id");--> statement-breakpoint
CREATE INDEX "events_occurred_end_idx" ON "events" USING btree ("occurred_end");--> statement-breakpoint
CREATE INDEX "events_kind_idx" ON "events" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "events_location_id_idx" ON "events" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "events_citation_id_idx" ON "events" USING btree ("citation_id");--> statement-breakpoint
CREATE INDEX "events_fts_idx" ON "events" USING gin (to_tsvector('english', "title" || ' ' || "summary"));--> statement-breakpoint
CREATE INDEX "event_actors_actor_id_idx" ON "event_actors" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "event_actors_citation_id_idx" ON "event_actors" USING btree ("citation_id");--> statement-breakpoint
CREATE INDEX "event_links_to_event_id_idx" ON "event_links" USING btree ("to_event_id");--> statement-breakpoint
CREATE INDEX "event_links_citation_id_idx" ON "event_links" USING btree ("citation_id");--> statement-breakpoint
CREATE INDEX "casualties_event_id_idx" ON "casualties" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "casualties_victim_country_code_idx" ON "casualties" USING btree ("victim_country_code");--> statement-breakpoint
CREATE INDEX "casualties_affiliated_actor_id_idx" ON "casualties" USING btree ("affiliated_actor_id");--> statement-breakpoint
CREATE INDEX "casualties_occurred_on_idx" ON "casualties" USING btree ("occurred_on");--> statement-breakpoint
CREATE INDEX "casualties_kind_idx" ON "casualties" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "casualties_citation_id_idx" ON "casualties" USING btree ("citation_id");--> statement-breakpoint
CREATE INDEX "deployments_force_country_code_idx" ON "deployments" USING btree ("force_country_code");--> statement-breakpoint
CREATE INDEX "deployments_destination_country_code_idx" ON "deployments" USING btree ("destination_country_code");--> statement-breakpoint
CREATE INDEX "deployments_destination_location_id_idx" ON "deployments" USING btree ("destination_location_id");--> statement-breakpoint
CREATE INDEX "deployments_ordered_by_actor_id_idx" ON "deployments" USING btree ("ordered_by_actor_id");--> statement-breakpoint
CREATE INDEX "deployments_event_id_idx" ON "deployments" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "deployments_status_idx" ON "deployments" USING btree ("status");--> statement-breakpoint
CREATE INDEX "deployments_occurred_on_idx" ON "deployments" USING btree ("occurred_on");--> statement-breakpoint
CREATE INDEX "deployments_citation_id_idx" ON "deployments" USING btree ("citation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "deployments_supersedes_id_key" ON "deployments" USING btree ("supersedes_id");--> statement-breakpoint
CREATE INDEX "reactions_actor_id_idx" ON "reactions" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "reactions_event_id_idx" ON "reactions" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "reactions_stance_idx" ON "reactions" USING btree ("stance");--> statement-breakpoint
CREATE INDEX "reactions_citation_id_idx" ON "reactions" USING btree ("citation_id");--> statement-breakpoint
CREATE INDEX "quotes_speaker_actor_id_idx" ON "quotes" USING btree ("speaker_actor_id");--> statement-breakpoint
CREATE INDEX "quotes_event_id_idx" ON "quotes" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "quotes_reaction_id_idx" ON "quotes" USING btree ("reaction_id");--> statement-breakpoint
CREATE INDEX "quotes_occurred_on_idx" ON "quotes" USING btree ("occurred_on");--> statement-breakpoint
CREATE INDEX "quotes_citation_id_idx" ON "quotes" USING btree ("citation_id");--> statement-breakpoint
CREATE INDEX "quotes_fts_idx" ON "quotes" USING gin (to_tsvector('english', "text"));--> statement-breakpoint
CREATE INDEX "quotes_text_trgm_idx" ON "quotes" USING gin ("text" gin_trgm_ops);