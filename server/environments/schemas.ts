import { z } from "zod";

export const EnvironmentName = z
  .string()
  .trim()
  .min(1, "Name is required")
  .max(63)
  .regex(/^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/, "Lowercase letters, digits and inner . _ - only");

export const SaveEnvironmentInput = z.object({
  projectId: z.string().min(1),
  name: EnvironmentName,
  /** YAML or JSON text, or the spec as an object. */
  spec: z.union([z.string().max(2_000_000), z.record(z.string(), z.unknown())]),
});
export type SaveEnvironmentInput = z.input<typeof SaveEnvironmentInput>;

export const EnvironmentRef = z.object({ projectId: z.string().min(1), name: EnvironmentName });
export type EnvironmentRef = z.infer<typeof EnvironmentRef>;

/** How a job names an environment: `name`, `name@3`, or a digest (`sha256:…` or 64 hex). */
export const EnvironmentSelector = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^([a-z0-9](?:[a-z0-9._-]*[a-z0-9])?(@\d+)?|(sha256:)?[0-9a-f]{64})$/, "an environment is name, name@version or a sha256 digest");
