import { z } from "zod";
import { Labels } from "@/server/compute/schemas";
import { JobCodeInput, JobResourcesInput, SubmitJobInput } from "@/server/jobs/schemas";
import { ParamKey, ParamValue } from "@/server/tracking/schemas";
import { keyValueLines } from "../compute/key-value-lines";

/** The target select's "any matching target"; not a valid target name or id, so it cannot collide. */
export const ANY_TARGET = "__any__";
/** The environment select's "none (host python)"; not a valid environment selector either. */
export const NO_ENVIRONMENT = "__none__";

// Empty text boxes mean "not given"; the server's own field schemas check the rest.
const optionalText = <O>(field: z.ZodType<O, string | undefined>) =>
  z
    .string()
    .transform((s) => s.trim() || undefined)
    .pipe(field);
const wholeNumber = <O>(field: z.ZodType<O, number | undefined>) => z.number({ error: "Enter a whole number" }).optional().pipe(field);

const GitCode = JobCodeInput.options[0];

/** Git URL and ref: both empty means no code; a ref alone is a mistake worth pointing out. */
const CodeFields = z.object({ git: z.string(), ref: z.string() }).transform((v, ctx) => {
  const git = v.git.trim();
  const ref = v.ref.trim() || undefined;
  if (!git) {
    if (ref) ctx.addIssue({ code: "custom", path: ["ref"], message: "A ref needs a Git URL" });
    return undefined;
  }
  const parsed = GitCode.safeParse({ git, ref });
  if (parsed.success) return { git, ref };
  for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  return z.NEVER;
});

/**
 * The launch form: SubmitJobInput's fields as text boxes (labels and params as key=value lines),
 * parsed into the input `jobs.submit` takes, each field checked by the server's own schema.
 */
export const LaunchJobForm = z.object({
  projectId: SubmitJobInput.shape.projectId,
  name: optionalText(SubmitJobInput.shape.name),
  command: SubmitJobInput.shape.command,
  code: CodeFields,
  resources: z.object({
    gpus: wholeNumber(JobResourcesInput.shape.gpus),
    gpuModel: optionalText(JobResourcesInput.shape.gpuModel),
    timeLimitMinutes: wholeNumber(JobResourcesInput.shape.timeLimitMinutes),
  }),
  target: z
    .string()
    .transform((s) => (s === ANY_TARGET ? undefined : s))
    .pipe(SubmitJobInput.shape.target),
  labels: keyValueLines(Labels),
  params: keyValueLines(z.record(ParamKey, ParamValue)),
  priority: wholeNumber(SubmitJobInput.shape.priority),
  maxRetries: wholeNumber(SubmitJobInput.shape.maxRetries),
  environment: z
    .string()
    .transform((s) => (s === NO_ENVIRONMENT ? undefined : s.trim() || undefined))
    .pipe(SubmitJobInput.shape.environment),
});
export type LaunchJobForm = z.input<typeof LaunchJobForm>;

export function launchDefaults(projectId: string, environment?: string): LaunchJobForm {
  return {
    projectId,
    name: "",
    command: "",
    code: { git: "", ref: "" },
    resources: { gpus: 0, gpuModel: "" },
    target: ANY_TARGET,
    labels: "",
    params: "",
    priority: 0,
    maxRetries: 0,
    environment: environment ?? NO_ENVIRONMENT,
  };
}

/** What the form submits, typed as the mutation's input so the two cannot drift apart. */
export function toSubmitInput(values: z.output<typeof LaunchJobForm>): SubmitJobInput {
  return values;
}
