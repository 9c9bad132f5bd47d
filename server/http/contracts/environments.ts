import { z } from "zod";
import { CapturedEnvironment, EnvironmentSpec } from "../../environments/spec-schema";
import { Timestamp } from "./common";

export { EnvironmentSpec };
/** What the agent reports after materialising an environment. */
export const CapturedEnvironmentBody = CapturedEnvironment;

export const ProjectEnvParams = z.object({ projectId: z.string().min(1), name: z.string().min(1) }).strict();

/** `spec` is YAML (or JSON) text, or the spec as a JSON object. */
export const CreateEnvironmentBody = z.object({ name: z.string(), spec: z.union([z.string(), z.record(z.string(), z.unknown())]) }).strict();

export const EnvironmentVersionBody = z
  .object({
    id: z.string(),
    name: z.string(),
    version: z.number(),
    digest: z.string(),
    pinned: z.boolean(),
    unpinned: z.array(z.string()),
    spec: z.record(z.string(), z.unknown()),
    spec_yaml: z.string(),
    created: z.boolean().optional(),
    created_at: Timestamp,
  })
  .strict();

export const EnvironmentVersionListBody = z.object({ versions: z.array(EnvironmentVersionBody) }).strict();

/** The environment a claimed job runs in. */
export const JobEnvironmentBody = z
  .object({ name: z.string(), version: z.number(), digest: z.string(), spec: EnvironmentSpec })
  .strict();

export const ReproduceBody = z
  .object({ keys: z.array(z.string()).optional(), tolerance: z.number().optional() })
  .strict();
