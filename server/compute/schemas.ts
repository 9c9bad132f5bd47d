import { z } from "zod";

export const TargetName = z
  .string()
  .trim()
  .min(1, "Name is required")
  .max(63)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "Lowercase letters, digits and inner hyphens only");

export const Labels = z.record(z.string().min(1).max(63), z.string().max(63));

export const RegisterTargetInput = z.object({
  teamSlug: z.string().min(1),
  name: TargetName,
  kind: z.literal("agent").default("agent"),
  labels: Labels.default({}),
});
export type RegisterTargetInput = z.input<typeof RegisterTargetInput>;

export const TargetRef = z.object({ teamSlug: z.string().min(1), targetId: z.string().min(1) });
export type TargetRef = z.infer<typeof TargetRef>;

export const GpuInventoryItem = z
  .object({
    index: z.number().int().min(0).max(1024),
    uuid: z.string().max(100),
    name: z.string().max(200),
    memoryMb: z.number().int().min(0),
    driver: z.string().max(50),
  })
  .strict();

export const AgentHeartbeatInput = z.object({
  host: z
    .object({
      hostname: z.string().max(255).optional(),
      os: z.string().max(255).optional(),
      cpus: z.number().int().min(0).optional(),
      memoryMb: z.number().int().min(0).optional(),
      agentVersion: z.string().max(50).optional(),
    })
    .strict()
    .optional(),
  gpus: z.array(GpuInventoryItem).max(64).optional(),
  gpuSamples: z
    .array(z.object({ index: z.number().int().min(0), utilization: z.number().min(0).max(100), memoryUsedMb: z.number().min(0) }).strict())
    .max(64)
    .optional(),
});
export type AgentHeartbeatInput = z.input<typeof AgentHeartbeatInput>;
