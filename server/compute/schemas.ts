import { z } from "zod";

export const TargetName = z
  .string()
  .trim()
  .min(1, "Name is required")
  .max(63)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "Lowercase letters, digits and inner hyphens only");

export const Labels = z.record(z.string().min(1).max(63), z.string().max(63));

const SlurmName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, "Letters, digits, dots, hyphens and underscores only");

/** A Slurm cluster as its slurmrestd serves it. The token is write-only: no API returns it. */
export const SlurmSettingsInput = z.object({
  baseUrl: z
    .string()
    .trim()
    .regex(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, "An http(s) URL, e.g. http://slurm-head:6820")
    .transform((u) => u.replace(/\/+$/, "")),
  apiVersion: z
    .string()
    .trim()
    .regex(/^v0\.0\.(3[89]|[4-9]\d)$/, "An API version slurmrestd serves: v0.0.38 (Slurm 22.05) or later")
    .default("v0.0.38"),
  user: SlurmName.describe("The Slurm user the token belongs to; jobs run as this user"),
  token: z.string().trim().min(16, "Paste the JWT that `scontrol token` printed").max(8192),
  partition: SlurmName,
  account: SlurmName.optional(),
  qos: SlurmName.optional(),
  workDir: z
    .string()
    .trim()
    .regex(/^\/[^\0\n]*$/, "An absolute path that every compute node sees")
    .max(1000),
  execCommand: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .regex(/^[^\n;&|`$<>]+$/, "A command without shell operators, e.g. trainyard or node /opt/trainyard/cli/bin/trainyard.mjs")
    .default("trainyard"),
});
export type SlurmSettingsInput = z.input<typeof SlurmSettingsInput>;

export const RegisterTargetInput = z.object({
  teamSlug: z.string().min(1),
  name: TargetName,
  kind: z.enum(["agent", "slurm"]).default("agent"),
  labels: Labels.default({}),
  /** Required for kind slurm, refused for agents. */
  slurm: SlurmSettingsInput.optional(),
});
export type RegisterTargetInput = z.input<typeof RegisterTargetInput>;

export const TargetRef = z.object({ teamSlug: z.string().min(1), targetId: z.string().min(1) });
export type TargetRef = z.infer<typeof TargetRef>;

/** A fresh JWT for a Slurm target (`scontrol token` ones expire). */
export const UpdateSlurmTokenInput = TargetRef.extend({ token: SlurmSettingsInput.shape.token });
export type UpdateSlurmTokenInput = z.input<typeof UpdateSlurmTokenInput>;

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
