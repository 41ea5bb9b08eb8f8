DROP INDEX "deployments_supersedes_id_key";--> statement-breakpoint
ALTER TABLE "actors" ADD COLUMN "citation_id" integer;--> statement-breakpoint
ALTER TABLE "deployment_revisions" ADD COLUMN "supersedes_id" integer;--> statement-breakpoint
ALTER TABLE "actors" ADD CONSTRAINT "actors_citation_id_citations_id_fk" FOREIGN KEY ("citation_id") REFERENCES "public"."citations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "actors_citation_id_idx" ON "actors" USING btree ("citation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "deployments_supersedes_id_key" ON "deployments" USING btree ("supersedes_id") WHERE "deployments"."retracted_at" IS NULL;