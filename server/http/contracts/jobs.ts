import { z } from "zod";
import { jobStates } from "../../../db/schema/enums";
import { Timestamp } from "./common";
import { CapturedEnvironmentBody, JobEnvironmentBody } from "./environments";

export const JobIdParams = z.object({ jobId: z.string().min(1) }).strict();

export const JobResourcesBody = z
  .object({
    gpus: z.number().optional(),
    gpu_model: z.string().optional(),
    cpus: z.number().optional(),
    memory_mb: z.number().optional(),
    /** Wall-clock limit; on a Slurm target, the batch job's time limit. */
    time_limit_minutes: z.number().optional(),
  })
  .strict();

export const JobCodeBody = z.union([
  z.object({ git: z.string(), ref: z.string().optional() }).strict(),
  z
    .object({
      snapshot_id: z.string(),
      /** Where the folder came from, when it is a git checkout: recorded on the run. */
      git_url: z.string().optional(),
      commit: z.string().optional(),
      /** sha256 of `git diff HEAD` when the checkout had uncommitted changes. */
      dirty_sha256: z.string().optional(),
    })
    .strict(),
]);

export const SubmitJobBody = z
  .object({
    command: z.string(),
    name: z.string().optional(),
    resources: JobResourcesBody.optional(),
    environment: z.string().optional(),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    code: JobCodeBody.optional(),
    /** A compute target's name or id. */
    target: z.string().optional(),
    labels: z.record(z.string(), z.string()).optional(),
    priority: z.number().optional(),
    max_retries: z.number().optional(),
  })
  .strict();

export const SubmittedJobBody = z.object({ id: z.string(), run_id: z.string() }).strict();

const WireCode = z.union([
  z.object({ kind: z.literal("none") }).strict(),
  z.object({ kind: z.literal("git"), git: z.string(), ref: z.string(), commit: z.string().nullable() }).strict(),
  z.object({ kind: z.literal("snapshot"), snapshot_id: z.string(), sha256: z.string() }).strict(),
]);

export const JobAttemptBody = z
  .object({
    attempt: z.number(),
    target_id: z.string().nullable(),
    target_name: z.string().nullable(),
    gpus: z.array(z.number()),
    state: z.enum(jobStates),
    exit_code: z.number().nullable(),
    reason: z.string().nullable(),
    /** The Slurm batch job that ran this attempt, on a Slurm target. */
    slurm_job_id: z.number().nullable(),
    started_at: Timestamp.nullable(),
    ended_at: Timestamp.nullable(),
  })
  .strict();

export const JobBody = z
  .object({
    id: z.string(),
    run_id: z.string(),
    project_id: z.string(),
    state: z.enum(jobStates),
    command: z.string(),
    resources: z
      .object({ gpus: z.number(), gpu_model: z.string().nullable(), cpus: z.number().nullable(), memory_mb: z.number().nullable(), time_limit_minutes: z.number().nullable() })
      .strict(),
    code: WireCode,
    environment: z.string().nullable(),
    target: z.object({ id: z.string(), name: z.string() }).strict().nullable(),
    labels: z.record(z.string(), z.string()),
    assigned_target: z.object({ id: z.string(), name: z.string() }).strict().nullable(),
    allocated_gpus: z.array(z.number()),
    priority: z.number(),
    max_retries: z.number(),
    attempt: z.number(),
    attempts: z.array(JobAttemptBody),
    pending_reason: z.string().nullable(),
    /** On a Slurm target: the current attempt's batch job, as last read from slurmrestd. */
    slurm: z
      .object({
        job_id: z.number().nullable(),
        name: z.string(),
        partition: z.string().nullable(),
        node: z.string().nullable(),
        /** SLURM_JOB_GPUS. */
        gpus: z.string().nullable(),
        state: z.string().nullable(),
        reason: z.string().nullable(),
        submit_error: z.string().nullable(),
      })
      .strict()
      .nullable(),
    failure_reason: z.string().nullable(),
    exit_code: z.number().nullable(),
    cancel_requested: z.boolean(),
    created_at: Timestamp,
    assigned_at: Timestamp.nullable(),
    started_at: Timestamp.nullable(),
    ended_at: Timestamp.nullable(),
  })
  .strict();

export const JobListBody = z.object({ jobs: z.array(JobBody) }).strict();

export const SnapshotBody = z.object({ id: z.string(), sha256: z.string(), size: z.number() }).strict();

// What an agent sends and receives. The agent authenticates with its target's token.

export const ClaimBody = z.object({ wait_ms: z.number().optional() }).strict();

export const ClaimedJobBody = z
  .object({
    id: z.string(),
    run_id: z.string(),
    attempt: z.number(),
    command: z.string(),
    code: WireCode,
    environment: JobEnvironmentBody.nullable(),
    params: z.record(z.string(), z.string()),
    /** GPU indices on this host, for CUDA_VISIBLE_DEVICES. */
    gpus: z.array(z.number()),
    /** A token that can only read and write this job's run; revoked when the job ends. */
    run_token: z.string(),
  })
  .strict();

export const ClaimResult = z.object({ job: ClaimedJobBody.nullable() }).strict();

export const JobStartedBody = z
  .object({ pid: z.number().optional(), commit: z.string().optional(), environment: CapturedEnvironmentBody.optional() })
  .strict();

/** What `trainyard exec` reports at start inside a Slurm batch job, with the run's token. */
export const ExecStartedBody = JobStartedBody.extend({
  slurm: z.object({ job_id: z.number().optional(), node: z.string().optional(), gpus: z.string().optional() }).strict().optional(),
}).strict();

export const JobFinishedBody = z
  .object({
    outcome: z.enum(["succeeded", "failed", "cancelled"]),
    exit_code: z.number().nullable().optional(),
    signal: z.string().nullable().optional(),
    /** Why it failed when the command never ran (checkout, environment). */
    reason: z.string().optional(),
    /** The last lines of output, for the failure reason. */
    log_tail: z.array(z.string()).optional(),
  })
  .strict();

export const AgentJobResult = z.object({ id: z.string(), state: z.enum(jobStates), cancel_requested: z.boolean() }).strict();
