import { z } from "zod";

// The environment spec as users write it (YAML or JSON) and as agents receive it. Pure zod, no
// other imports: the CLI reads it through server/http/contracts/environments.

const Requirement = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*(\[[A-Za-z0-9_,.-]+\])?\s*((==|>=|<=|~=|!=|>|<|===)\s*[^\s;,]+(\s*,\s*(==|>=|<=|~=|!=|>|<)\s*[^\s;,]+)*)?$/, "a requirement like name==1.2.3");

export const EnvironmentSpec = z
  .object({
    python: z
      .string()
      .trim()
      .regex(/^3(\.\d+){0,2}$/, "python is a version like 3.11")
      .optional()
      .describe("Python version of the virtualenv, e.g. 3.11"),
    packages: z.array(Requirement).max(2000).optional().describe("pip requirements; pinned when every one is name==version"),
    lockfile: z
      .string()
      .max(2_000_000)
      .optional()
      .describe("pip requirements file with --hash lines, installed with --require-hashes"),
    image: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .regex(/^[\w.\-/:@]+$/, "image is a container reference like ghcr.io/org/img:tag@sha256:…")
      .optional()
      .describe("Container image the job runs in (docker or podman on the agent)"),
    env: z
      .record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "variable names are letters, digits and _"), z.string().max(10_000))
      .optional()
      .describe("Environment variables set for the job"),
    setup: z.array(z.string().min(1).max(10_000)).max(100).optional().describe("Shell commands run once when the environment is built"),
    system_site_packages: z.boolean().optional().describe("Let the virtualenv see the host's site-packages"),
    cuda: z
      .string()
      .trim()
      .regex(/^\d+(\.\d+){0,2}$/, "cuda is a version like 12.1")
      .optional()
      .describe("CUDA version the job requires"),
  })
  .strict()
  .refine((s) => !(s.packages?.length && s.lockfile), { message: "Give packages or a lockfile, not both", path: ["lockfile"] });
export type EnvironmentSpec = z.infer<typeof EnvironmentSpec>;

/** What an agent reports after materialising an environment: what actually runs. */
export const CapturedEnvironment = z
  .object({
    python: z.string().max(200).optional(),
    packages: z.array(z.string().max(500)).max(5000).optional(),
    os: z.string().max(500).optional(),
    driver: z.string().max(100).optional(),
    cuda: z.string().max(100).optional(),
    gpus: z.array(z.string().max(200)).max(64).optional(),
  })
  .strict();
