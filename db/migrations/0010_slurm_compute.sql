ALTER TABLE "compute_targets" ADD COLUMN "slurm" jsonb;--> statement-breakpoint
ALTER TABLE "compute_targets" ADD COLUMN "slurm_token_sealed" text;--> statement-breakpoint
ALTER TABLE "compute_targets" ADD COLUMN "slurm_status" jsonb;--> statement-breakpoint
ALTER TABLE "job_attempts" ADD COLUMN "slurm_job_id" integer;--> statement-breakpoint
ALTER TABLE "jobs" ADD COLUMN "slurm" jsonb;