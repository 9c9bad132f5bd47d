import { bigint, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { createdAt, updatedAt } from "./columns";
import { computeTargets } from "./compute";
import { environmentVersions } from "./environments";
import { jobStates } from "./enums";
import { projects } from "./projects";
import { runs } from "./runs";
import { teams } from "./teams";

export const jobState = pgEnum("job_state", jobStates);

export type JobCode =
  | { kind: "none" }
  | { kind: "git"; git: string; ref: string; commit?: string }
  | { kind: "snapshot"; snapshotId: string; sha256: string; gitUrl?: string; commit?: string; dirtySha256?: string };

export interface JobResources {
  gpus: number;
  gpuModel?: string;
  cpus?: number;
  memoryMb?: number;
  /** Wall-clock limit; a Slurm target passes it as the batch job's time limit. */
  timeLimitMinutes?: number;
}

/** The batch job that runs the current attempt on a Slurm target, as last read from slurmrestd. */
export interface SlurmJobInfo {
  /** `trainyard-<job id>-<attempt>`: finds the batch job again when a submit's answer was lost. */
  name: string;
  jobId?: number;
  partition?: string;
  node?: string;
  /** SLURM_JOB_GPUS as the batch job saw it, e.g. "0,1". */
  gpus?: string;
  state?: string;
  /** Slurm's reason while pending ("Resources", "Priority") or for the end ("TimeLimit"). */
  reason?: string;
  submitError?: string;
  cancelSent?: boolean;
}

// A job is queued in the database; an agent claims it atomically and the GPUs it gets are
// recorded here, so "what is allocated" is the set of assigned and running jobs.
export const jobs = pgTable(
  "jobs",
  {
    id: text("id").primaryKey(),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id, { onDelete: "cascade" }),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    runId: text("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    command: text("command").notNull(),
    code: jsonb("code").$type<JobCode>().notNull().default({ kind: "none" }),
    /** As the submitter named it (name@version or a digest), and the version it resolved to. */
    environment: text("environment"),
    environmentVersionId: text("environment_version_id").references(() => environmentVersions.id, { onDelete: "set null" }),
    params: jsonb("params").$type<Record<string, string>>().notNull().default({}),
    resources: jsonb("resources").$type<JobResources>().notNull().default({ gpus: 0 }),
    targetId: text("target_id").references(() => computeTargets.id, { onDelete: "set null" }),
    labels: jsonb("labels").$type<Record<string, string>>().notNull().default({}),
    priority: integer("priority").notNull().default(0),
    maxRetries: integer("max_retries").notNull().default(0),
    attempt: integer("attempt").notNull().default(1),
    state: jobState("state").notNull().default("queued"),
    assignedTargetId: text("assigned_target_id").references(() => computeTargets.id, { onDelete: "set null" }),
    allocatedGpus: jsonb("allocated_gpus").$type<number[]>().notNull().default([]),
    failureReason: text("failure_reason"),
    exitCode: integer("exit_code"),
    cancelRequestedAt: timestamp("cancel_requested_at", { withTimezone: true }),
    slurm: jsonb("slurm").$type<SlurmJobInfo>(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    assignedAt: timestamp("assigned_at", { withTimezone: true }),
    startedAt: timestamp("started_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("jobs_state_priority_created_at_idx").on(t.state, t.priority, t.createdAt),
    index("jobs_project_id_created_at_idx").on(t.projectId, t.createdAt),
    uniqueIndex("jobs_run_id_idx").on(t.runId),
    index("jobs_assigned_target_id_state_idx").on(t.assignedTargetId, t.state),
  ],
);

export const jobAttempts = pgTable(
  "job_attempts",
  {
    jobId: text("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    targetId: text("target_id"),
    gpus: jsonb("gpus").$type<number[]>().notNull().default([]),
    state: jobState("state").notNull(),
    exitCode: integer("exit_code"),
    reason: text("reason"),
    slurmJobId: integer("slurm_job_id"),
    startedAt: timestamp("started_at", { withTimezone: true }),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.attempt] })],
);

// A folder the CLI uploaded as a gzip tarball; the bytes live in the blob store by sha256.
export const codeSnapshots = pgTable(
  "code_snapshots",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    sha256: text("sha256").notNull(),
    size: bigint("size", { mode: "number" }).notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("code_snapshots_project_id_idx").on(t.projectId)],
);
