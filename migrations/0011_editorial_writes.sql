CREATE TABLE "casualty_revisions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "casualty_revisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"casualty_id" integer NOT NULL,
	"revision" integer NOT NULL,
	"figure_low" integer,
	"figure_best" integer,
	"figure_high" integer,
	"figure_qualifier" "figure_qualifier" NOT NULL,
	"figure_wording" text NOT NULL,
	"citation_id" integer NOT NULL,
	"retracted" boolean NOT NULL,
	"editor" text,
	"reason" text,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "casualty_revisions_version" UNIQUE("casualty_id","revision")
);
--> statement-breakpoint
CREATE TABLE "deployment_revisions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deployment_revisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"deployment_id" integer NOT NULL,
	"revision" integer NOT NULL,
	"figure_low" integer,
	"figure_best" integer,
	"figure_high" integer,
	"figure_qualifier" "figure_qualifier" NOT NULL,
	"figure_wording" text NOT NULL,
	"status" "deployment_status" NOT NULL,
	"citation_id" integer NOT NULL,
	"retracted" boolean NOT NULL,
	"editor" text,
	"reason" text,
	"recorded_at" timestamp with time zone NOT NULL,
	CONSTRAINT "deployment_revisions_version" UNIQUE("deployment_id","revision")
);
--> statement-breakpoint
CREATE TABLE "audit_entries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"editor" text NOT NULL,
	"mutation" text NOT NULL,
	"request_id" text,
	"entity" text NOT NULL,
	"entity_id" integer NOT NULL,
	"operation" text NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"editor" text NOT NULL,
	"key" text NOT NULL,
	"mutation" text NOT NULL,
	"input_hash" text NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_editor_key_pk" PRIMARY KEY("editor","key")
);
--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "full_text" text;--> statement-breakpoint
ALTER TABLE "actors" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "actors" ADD COLUMN "merged_into_id" integer;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "recorded_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "retracted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "retracted_by" text;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "retraction_reason" text;--> statement-breakpoint
ALTER TABLE "casualties" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "casualties" ADD COLUMN "recorded_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "casualties" ADD COLUMN "retracted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "casualties" ADD COLUMN "retracted_by" text;--> statement-breakpoint
ALTER TABLE "casualties" ADD COLUMN "retraction_reason" text;--> statement-breakpoint
ALTER TABLE "deployments" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "deployments" ADD COLUMN "recorded_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "deployments" ADD COLUMN "retracted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deployments" ADD COLUMN "retracted_by" text;--> statement-breakpoint
ALTER TABLE "deployments" ADD COLUMN "retraction_reason" text;--> statement-breakpoint
ALTER TABLE "reactions" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "reactions" ADD COLUMN "recorded_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "reactions" ADD COLUMN "retracted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "reactions" ADD COLUMN "retracted_by" text;--> statement-breakpoint
ALTER TABLE "reactions" ADD COLUMN "retraction_reason" text;--> statement-breakpoint
ALTER TABLE "quotes" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "quotes" ADD COLUMN "recorded_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "quotes" ADD COLUMN "retracted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "quotes" ADD COLUMN "retracted_by" text;--> statement-breakpoint
ALTER TABLE "quotes" ADD COLUMN "retraction_reason" text;--> statement-breakpoint
ALTER TABLE "casualty_revisions" ADD CONSTRAINT "casualty_revisions_casualty_id_casualties_id_fk" FOREIGN KEY ("casualty_id") REFERENCES "public"."casualties"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "casualty_revisions" ADD CONSTRAINT "casualty_revisions_citation_id_citations_id_fk" FOREIGN KEY ("citation_id") REFERENCES "public"."citations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_revisions" ADD CONSTRAINT "deployment_revisions_deployment_id_deployments_id_fk" FOREIGN KEY ("deployment_id") REFERENCES "public"."deployments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployment_revisions" ADD CONSTRAINT "deployment_revisions_citation_id_citations_id_fk" FOREIGN KEY ("citation_id") REFERENCES "public"."citations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "casualty_revisions_recorded_at_idx" ON "casualty_revisions" USING btree ("recorded_at");--> statement-breakpoint
CREATE INDEX "casualty_revisions_citation_id_idx" ON "casualty_revisions" USING btree ("citation_id");--> statement-breakpoint
CREATE INDEX "deployment_revisions_recorded_at_idx" ON "deployment_revisions" USING btree ("recorded_at");--> statement-breakpoint
CREATE INDEX "deployment_revisions_citation_id_idx" ON "deployment_revisions" USING btree ("citation_id");--> statement-breakpoint
CREATE INDEX "audit_entries_entity_idx" ON "audit_entries" USING btree ("entity","entity_id","id");--> statement-breakpoint
CREATE INDEX "audit_entries_editor_idx" ON "audit_entries" USING btree ("editor","id");--> statement-breakpoint
ALTER TABLE "actors" ADD CONSTRAINT "actors_merged_into_id_actors_id_fk" FOREIGN KEY ("merged_into_id") REFERENCES "public"."actors"("id") ON DELETE no action ON UPDATE no action;