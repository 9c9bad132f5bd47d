import { z } from "zod";
import { logStreams, runStatuses } from "@/db/schema/enums";

// JSON has no NaN or Infinity: on the wire they travel as the strings "NaN", "Infinity" and
// "-Infinity", and come back the same way.
export const MetricValue = z.union([
  z.number(),
  z.enum(["NaN", "Infinity", "-Infinity", "nan", "inf", "-inf"]).transform((s) =>
    s.toLowerCase() === "nan" ? NaN : s.startsWith("-") ? -Infinity : Infinity,
  ),
]);

export function metricValueToWire(v: number): number | "NaN" | "Infinity" | "-Infinity" {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "Infinity";
  if (v === -Infinity) return "-Infinity";
  return v;
}

export const MetricKey = z
  .string()
  .min(1, "key is empty")
  .max(250, "key is longer than 250 characters")
  .regex(/^[\w\-. /:]+$/, "key may hold letters, digits, _ - . / : and spaces");

const SafeInt = z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

export const MetricPointInput = z
  .object({
    key: MetricKey,
    value: MetricValue,
    step: SafeInt.default(0),
    timestamp: SafeInt.min(0).optional(),
  })
  .strict();
export type MetricPointInput = z.input<typeof MetricPointInput>;

export const MAX_POINTS_PER_BATCH = 10_000;

export const ParamValue = z
  .union([z.string(), z.number(), z.boolean()])
  .transform((v) => String(v))
  .pipe(z.string().max(6000, "param value is longer than 6000 characters"));
export const ParamKey = z.string().min(1).max(250);
export const TagKey = z.string().min(1).max(250);
export const TagValue = z.string().max(8000);

export const RunSourceInput = z
  .object({
    git_url: z.string().max(2000).optional(),
    commit: z.string().max(100).optional(),
    dirty_sha256: z.string().regex(/^[0-9a-f]{64}$/, "dirty_sha256 is a sha256 hex digest").optional(),
  })
  .strict();

export const CreateRunInput = z.object({
  projectId: z.string().min(1),
  name: z.string().trim().max(250).optional(),
  params: z.record(ParamKey, ParamValue).optional(),
  tags: z.record(TagKey, TagValue).optional(),
  source: RunSourceInput.optional(),
});
export type CreateRunInput = z.input<typeof CreateRunInput>;

export const RunRef = z.object({ runId: z.string().min(1) });
export type RunRef = z.infer<typeof RunRef>;

export const UpdateRunInput = RunRef.extend({
  status: z.enum(runStatuses).optional(),
  name: z.string().trim().min(1).max(250).optional(),
  notes: z.string().max(100_000).optional(),
});
export type UpdateRunInput = z.input<typeof UpdateRunInput>;

export const LogParamsInput = RunRef.extend({ params: z.record(ParamKey, ParamValue) });
export type LogParamsInput = z.input<typeof LogParamsInput>;

export const SetTagsInput = RunRef.extend({ tags: z.record(TagKey, TagValue) });
export type SetTagsInput = z.input<typeof SetTagsInput>;

export const LogMetricsInput = RunRef.extend({
  points: z.array(z.unknown()).max(MAX_POINTS_PER_BATCH),
  idempotencyKey: z.string().min(1).max(200).optional(),
});
export type LogMetricsInput = z.input<typeof LogMetricsInput>;

export const GetMetricInput = RunRef.extend({
  key: MetricKey,
  maxPoints: z.coerce.number().int().min(2).max(100_000).default(1000),
  fromStep: z.coerce.number().int().optional(),
  toStep: z.coerce.number().int().optional(),
});
export type GetMetricInput = z.input<typeof GetMetricInput>;

export const LogLineInput = z
  .object({
    stream: z.enum(logStreams).default("stdout"),
    text: z.string().max(64_000),
    timestamp: SafeInt.min(0).optional(),
  })
  .strict();

export const AppendLogsInput = RunRef.extend({
  lines: z.array(LogLineInput).max(10_000),
  /** A client's key for this batch: a retry with the same key stores nothing twice. */
  idempotencyKey: z.string().min(1).max(200).optional(),
});
export type AppendLogsInput = z.input<typeof AppendLogsInput>;

export const ListLogsInput = RunRef.extend({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(10_000).default(1000),
});
export type ListLogsInput = z.input<typeof ListLogsInput>;

export const DatasetInput = z
  .object({
    uri: z.string().min(1).max(2000),
    digest: z.string().max(200).default(""),
    name: z.string().max(250).default(""),
    context: z.string().max(100).default(""),
  })
  .strict();
export const LogDatasetsInput = RunRef.extend({ datasets: z.array(DatasetInput).min(1).max(100) });
export type LogDatasetsInput = z.input<typeof LogDatasetsInput>;

/** Artifact paths are relative, '/'-separated, and never climb out of the run's folder. */
export const ArtifactPath = z
  .string()
  .min(1)
  .max(1000)
  .refine((p) => !p.startsWith("/") && !/^[a-zA-Z]:/.test(p), "artifact path must be relative")
  .refine((p) => !p.includes("\\") && !p.includes("\0"), "artifact path may not hold backslashes or NUL")
  .refine((p) => p.split("/").every((seg) => seg !== ".." && seg !== "." && seg !== ""), "artifact path may not hold '..', '.' or empty segments");

export const ListRunsInput = z.object({
  projectId: z.string().min(1),
  status: z.enum(runStatuses).optional(),
  limit: z.number().int().min(1).max(10_000).default(10_000),
});
export type ListRunsInput = z.input<typeof ListRunsInput>;
