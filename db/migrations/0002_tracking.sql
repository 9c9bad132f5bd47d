CREATE TYPE "public"."log_stream" AS ENUM('stdout', 'stderr');--> statement-breakpoint
CREATE TYPE "public"."run_status" AS ENUM('running', 'succeeded', 'failed', 'cancelled', 'lost');--> statement-breakpoint
CREATE TABLE "metric_batches" (
	"run_id" text NOT NULL,
	"key" text NOT NULL,
	"accepted" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "metric_batches_run_id_key_pk" PRIMARY KEY("run_id","key")
);
--> statement-breakpoint
CREATE TABLE "metric_chunks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"series_id" bigint NOT NULL,
	"step_min" bigint NOT NULL,
	"step_max" bigint NOT NULL,
	"count" integer NOT NULL,
	"value_min" double precision,
	"value_max" double precision,
	"data" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "metric_series" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"run_id" text NOT NULL,
	"key" text NOT NULL,
	"count" bigint DEFAULT 0 NOT NULL,
	"last_step" bigint,
	"last_value" double precision,
	"last_timestamp" bigint,
	"min_value" double precision,
	"max_value" double precision,
	"small_chunks" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "run_artifacts" (
	"project_id" text NOT NULL,
	"run_id" text NOT NULL,
	"path" text NOT NULL,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"content_type" text DEFAULT 'application/octet-stream' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "run_artifacts_run_id_path_pk" PRIMARY KEY("run_id","path")
);
--> statement-breakpoint
CREATE TABLE "run_datasets" (
	"project_id" text NOT NULL,
	"run_id" text NOT NULL,
	"uri" text NOT NULL,
	"digest" text DEFAULT '' NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"context" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "run_datasets_run_id_uri_digest_pk" PRIMARY KEY("run_id","uri","digest")
);
--> statement-breakpoint
CREATE TABLE "run_logs" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"run_id" text NOT NULL,
	"stream" "log_stream" NOT NULL,
	"text" text NOT NULL,
	"timestamp" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "run_params" (
	"project_id" text NOT NULL,
	"run_id" text NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	CONSTRAINT "run_params_run_id_key_pk" PRIMARY KEY("run_id","key")
);
--> statement-breakpoint
CREATE TABLE "run_tags" (
	"project_id" text NOT NULL,
	"run_id" text NOT NULL,
	"key" text NOT NULL,
	"value" text NOT NULL,
	CONSTRAINT "run_tags_run_id_key_pk" PRIMARY KEY("run_id","key")
);
--> statement-breakpoint
CREATE TABLE "runs" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"name" text NOT NULL,
	"status" "run_status" DEFAULT 'running' NOT NULL,
	"created_by" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"source" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"environment_version_id" text,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "metric_batches" ADD CONSTRAINT "metric_batches_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metric_chunks" ADD CONSTRAINT "metric_chunks_series_id_metric_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."metric_series"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "metric_series" ADD CONSTRAINT "metric_series_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_artifacts" ADD CONSTRAINT "run_artifacts_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_datasets" ADD CONSTRAINT "run_datasets_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_logs" ADD CONSTRAINT "run_logs_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_params" ADD CONSTRAINT "run_params_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_tags" ADD CONSTRAINT "run_tags_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "metric_chunks_series_id_step_min_idx" ON "metric_chunks" USING btree ("series_id","step_min");--> statement-breakpoint
CREATE UNIQUE INDEX "metric_series_run_id_key_idx" ON "metric_series" USING btree ("run_id","key");--> statement-breakpoint
CREATE INDEX "metric_series_project_id_key_idx" ON "metric_series" USING btree ("project_id","key");--> statement-breakpoint
CREATE INDEX "run_logs_run_id_seq_idx" ON "run_logs" USING btree ("run_id","seq");--> statement-breakpoint
CREATE INDEX "run_params_project_id_key_idx" ON "run_params" USING btree ("project_id","key");--> statement-breakpoint
CREATE INDEX "run_tags_project_id_key_idx" ON "run_tags" USING btree ("project_id","key");--> statement-breakpoint
CREATE INDEX "runs_project_id_started_at_idx" ON "runs" USING btree ("project_id","started_at");--> statement-breakpoint
CREATE INDEX "runs_project_id_status_idx" ON "runs" USING btree ("project_id","status");