import { z } from "zod";
import { computeKinds } from "../../../db/schema/enums";
import { Timestamp } from "./common";

export const RegisterComputeBody = z
  .object({ name: z.string(), kind: z.literal("agent").optional(), labels: z.record(z.string(), z.string()).optional() })
  .strict();

export const RegisteredComputeBody = z.object({ id: z.string(), name: z.string(), registration_token: z.string() }).strict();

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
