import { z } from "zod";
import { jobStates } from "@/db/schema/enums";
import { Labels } from "../compute/schemas";
import { EnvironmentSelector } from "../environments/schemas";
import { CapturedEnvironment as CapturedEnvironmentInput } from "../environments/spec-schema";
import { ParamKey, ParamValue, TagKey, TagValue } from "../tracking/schemas";

export const JobResourcesInput = z
  .object({
    gpus: z.number().int().min(0, "gpus cannot be negative").max(64).default(0),
    gpuModel: z.string().trim().min(1).max(100).optional(),
    cpus: z.number().positive().max(1024).optional(),
    memoryMb: z.number().int().positive().max(16 * 1024 * 1024).optional(),
    /** Enforced by Slurm on a Slurm target (its batch job's time limit). */
    timeLimitMinutes: z.number().int().min(1, "at least 1 minute").max(366 * 24 * 60).optional(),
  })
  .strict();

export const JobCodeInput = z.union([
  z
    .object({
      git: z
        .string()
        .trim()
        .min(1)
        .max(2000)
        .regex(/^(https?:\/\/|ssh:\/\/|git@|file:\/\/|\/)/, "git must be an http(s), ssh, git@ or file URL"),
      ref: z.string().trim().min(1).max(250).regex(/^[^\s;&|`$]+$/, "ref has characters git refs cannot hold").default("HEAD"),
    })
    .strict(),
  z
    .object({
      snapshotId: z.string().min(1).max(100),
      gitUrl: z.string().trim().max(2000).optional(),
      commit: z.string().regex(/^[0-9a-f]{7,64}$/, "commit is a hex object id").optional(),
      dirtySha256: z.string().regex(/^[0-9a-f]{64}$/, "dirty_sha256 is a sha256 hex digest").optional(),
    })
    .strict(),
]);

export const SubmitJobInput = z.object({
  projectId: z.string().min(1),
  command: z.string().trim().min(1, "command is required").max(10_000),
  name: z.string().trim().max(250).optional(),
  resources: JobResourcesInput.default({ gpus: 0 }),
  /** `name`, `name@version` or a digest of one of the project's environments. */
  environment: EnvironmentSelector.optional(),
  tags: z.record(TagKey, TagValue).optional(),
  params: z.record(ParamKey, ParamValue).default({}),
  code: JobCodeInput.optional(),
  /** A compute target's name or id. */
  target: z.string().trim().min(1).max(100).optional(),
  labels: Labels.default({}),
  priority: z.number().int().min(-1000).max(1000).default(0),
  maxRetries: z.number().int().min(0).max(10).default(0),
});
export type SubmitJobInput = z.input<typeof SubmitJobInput>;

export const JobRef = z.object({ jobId: z.string().min(1) });
export type JobRef = z.infer<typeof JobRef>;

export const ListJobsInput = z.object({
  projectId: z.string().min(1),
  states: z.array(z.enum(jobStates)).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export type ListJobsInput = z.input<typeof ListJobsInput>;

export const JobFinishInput = z.object({
  outcome: z.enum(["succeeded", "failed", "cancelled"]),
  exitCode: z.number().int().min(-1024).max(1024).nullable().optional(),
  signal: z.string().max(20).nullable().optional(),
  reason: z.string().max(10_000).optional(),
  logTail: z.array(z.string().max(4000)).max(50).optional(),
});
export type JobFinishInput = z.input<typeof JobFinishInput>;

export const JobStartInput = z.object({
  pid: z.number().int().positive().optional(),
  /** What the agent found after materialising the environment. */
  captured: CapturedEnvironmentInput.optional(),
  commit: z
    .string()
    .regex(/^[0-9a-f]{7,64}$/, "commit is a hex object id")
    .optional(),
});
export type JobStartInput = z.input<typeof JobStartInput>;

/** How long an agent's claim may wait for work before answering "nothing". */
export const MAX_CLAIM_WAIT_MS = 25_000;
export const ClaimInput = z.object({ waitMs: z.number().int().min(0).max(MAX_CLAIM_WAIT_MS).default(0) });
export type ClaimInput = z.input<typeof ClaimInput>;
