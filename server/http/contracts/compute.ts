import { z } from "zod";
import { computeKinds } from "../../../db/schema/enums";
import { Timestamp } from "./common";

/** A Slurm cluster's slurmrestd. The token is write-only: no answer ever contains it. */
export const SlurmSettingsBody = z
  .object({
    base_url: z.string(),
    api_version: z.string().optional(),
    user: z.string(),
    token: z.string(),
    partition: z.string(),
    account: z.string().optional(),
    qos: z.string().optional(),
    /** A folder every compute node sees, writable by the user. */
    work_dir: z.string(),
    /** How batch scripts start the executor, `trainyard` by default. */
    exec_command: z.string().optional(),
  })
  .strict();

export const RegisterComputeBody = z
  .object({
    name: z.string(),
    kind: z.enum(["agent", "slurm"]).optional(),
    labels: z.record(z.string(), z.string()).optional(),
    slurm: SlurmSettingsBody.optional(),
  })
  .strict();

/** registration_token is the agent's token, shown once; null for a Slurm target, which has no agent. */
export const RegisteredComputeBody = z.object({ id: z.string(), name: z.string(), registration_token: z.string().nullable() }).strict();

export const TargetParams = z.object({ teamSlug: z.string().min(1), targetId: z.string().min(1) }).strict();
export const SlurmTokenBody = z.object({ token: z.string() }).strict();
export const SlurmTokenResult = z.object({ id: z.string(), name: z.string(), status: z.enum(["online", "offline", "never_seen"]) }).strict();

export const SlurmTargetBody = z
  .object({
    base_url: z.string(),
    api_version: z.string(),
    user: z.string(),
    partition: z.string(),
    account: z.string().nullable(),
    qos: z.string().nullable(),
    work_dir: z.string(),
    exec_command: z.string(),
    reachable: z.boolean(),
    /** Why slurmrestd could not be read, when it could not. */
    error: z.string().nullable(),
    /** "1 of 1 node up", or the error. */
    health: z.string(),
    checked_at: z.string().nullable(),
    partitions: z.array(
      z.object({ name: z.string(), state: z.string(), nodes: z.array(z.string()), is_default: z.boolean(), max_time_minutes: z.number().nullable() }).strict(),
    ),
    nodes: z.array(
      z
        .object({
          name: z.string(),
          state: z.string(),
          up: z.boolean(),
          partitions: z.array(z.string()),
          cpus: z.number(),
          memory_mb: z.number(),
          gpus: z.array(z.object({ type: z.string(), count: z.number() }).strict()),
          gpus_used: z.number(),
          reason: z.string().nullable(),
        })
        .strict(),
    ),
  })
  .strict();

export const WireGpu = z
  .object({ index: z.number(), uuid: z.string(), name: z.string(), memory_mb: z.number(), driver: z.string() })
  .strict();

export const ComputeTargetBody = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(computeKinds),
    labels: z.record(z.string(), z.string()),
    status: z.enum(["online", "offline", "never_seen"]),
    host: z.record(z.string(), z.unknown()),
    gpus: z.array(WireGpu),
    gpu_samples: z.array(z.object({ index: z.number(), utilization: z.number(), memory_used_mb: z.number() }).strict()),
    /** Shared with every team of the instance (the local agent). */
    shared: z.boolean(),
    allocated_gpus: z.array(z.number()),
    /** This team's assigned and running jobs on the target. */
    jobs: z.array(z.object({ id: z.string(), project_id: z.string(), run_id: z.string(), state: z.string(), gpus: z.array(z.number()) }).strict()),
    last_heartbeat_at: Timestamp.nullable(),
    /** Kind slurm: the cluster, its health and its partitions and nodes with their GPU GRES. */
    slurm: SlurmTargetBody.nullable(),
  })
  .strict();

export const ComputeListBody = z.object({ targets: z.array(ComputeTargetBody) }).strict();

export const HeartbeatBody = z
  .object({
    host: z
      .object({
        hostname: z.string().optional(),
        os: z.string().optional(),
        cpus: z.number().optional(),
        memory_mb: z.number().optional(),
        agent_version: z.string().optional(),
      })
      .strict()
      .optional(),
    gpus: z.array(WireGpu).optional(),
    gpu_samples: z
      .array(z.object({ index: z.number(), utilization: z.number(), memory_used_mb: z.number() }).strict())
      .optional(),
    /** Jobs this agent is running now. */
    running_jobs: z.array(z.string()).optional(),
  })
  .strict();

export const HeartbeatResult = z
  .object({
    target_id: z.string(),
    status: z.enum(["online", "offline", "never_seen"]),
    /** Jobs on this agent whose cancellation was requested: stop them. */
    cancel: z.array(z.string()),
  })
  .strict();
