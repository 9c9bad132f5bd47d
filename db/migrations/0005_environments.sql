CREATE TYPE "public"."reproduction_verdict" AS ENUM('pending', 'reproduced', 'diverged', 'not_comparable');--> statement-breakpoint
CREATE TABLE "environment_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"environment_id" text NOT NULL,
	"project_id" text NOT NULL,
	"version" integer NOT NULL,
	"digest" text NOT NULL,
	"spec" jsonb NOT NULL,
	"pinned" boolean NOT NULL,
	"unpinned" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "environments" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"name" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reproductions" (
	"run_id" text PRIMARY KEY NOT NULL,
	"of_run_id" text NOT NULL,
	"keys" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tolerance" double precision NOT NULL,
	"verdict" "reproduction_verdict" DEFAULT 'pending' NOT NULL,
	"detail" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"evaluated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "run_environments" (
	"run_id" text PRIMARY KEY NOT NULL,
	"captured" jsonb NOT NULL,
	"captured_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "environment_version_id" text;--> statement-breakpoint
ALTER TABLE "environment_versions" ADD CONSTRAINT "environment_versions_environment_id_environments_id_fk" FOREIGN KEY ("environment_id") REFERENCES "public"."environments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "environment_versions" ADD CONSTRAINT "environment_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "environments" ADD CONSTRAINT "environments_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "environments" ADD CONSTRAINT "environments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reproductions" ADD CONSTRAINT "reproductions_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reproductions" ADD CONSTRAINT "reproductions_of_run_id_runs_id_fk" FOREIGN KEY ("of_run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_environments" ADD CONSTRAINT "run_environments_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "environment_versions_environment_id_version_idx" ON "environment_versions" USING btree ("environment_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "environment_versions_environment_id_digest_idx" ON "environment_versions" USING btree ("environment_id","digest");--> statement-breakpoint
CREATE INDEX "environment_versions_project_id_digest_idx" ON "environment_versions" USING btree ("project_id","digest");--> statement-breakpoint
CREATE UNIQUE INDEX "environments_project_id_name_idx" ON "environments" USING btree ("project_id","name");--> statement-breakpoint
CREATE INDEX "reproductions_of_run_id_idx" ON "reproductions" USING btree ("of_run_id");--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_environment_version_id_environment_versions_id_fk" FOREIGN KEY ("environment_version_id") REFERENCES "public"."environment_versions"("id") ON DELETE set null ON UPDATE no action;