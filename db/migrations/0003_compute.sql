CREATE TYPE "public"."compute_kind" AS ENUM('agent', 'slurm', 'kubernetes');--> statement-breakpoint
CREATE TABLE "compute_targets" (
	"id" text PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"name" text NOT NULL,
	"kind" "compute_kind" DEFAULT 'agent' NOT NULL,
	"labels" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"token_hash" text NOT NULL,
	"host" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"gpus" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"gpu_samples" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"last_heartbeat_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "compute_targets" ADD CONSTRAINT "compute_targets_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "compute_targets" ADD CONSTRAINT "compute_targets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "compute_targets_team_id_name_idx" ON "compute_targets" USING btree ("team_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "compute_targets_token_hash_idx" ON "compute_targets" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "compute_targets_team_id_last_heartbeat_at_idx" ON "compute_targets" USING btree ("team_id","last_heartbeat_at");