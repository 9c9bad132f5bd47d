import { z } from "zod";
import { logStreams, reproductionVerdicts, runStatuses } from "../../../db/schema/enums";
import { Timestamp } from "./common";

// Non-finite metric values travel as "NaN", "Infinity" and "-Infinity".
export const WireNumber = z.union([z.number(), z.enum(["NaN", "Infinity", "-Infinity"])]);

export const ProjectIdParams = z.object({ projectId: z.string().min(1) }).strict();
export const RunIdParams = z.object({ runId: z.string().min(1) }).strict();
export const RunKeyParams = z.object({ runId: z.string().min(1), key: z.array(z.string()).min(1) }).strict();
export const RunPathParams = z.object({ runId: z.string().min(1), path: z.array(z.string()).min(1) }).strict();

export const SourceBody = z
  .object({
    git_url: z.string().optional(),
    commit: z.string().optional(),
    dirty_sha256: z.string().optional(),
    snapshot_sha256: z.string().optional(),
  })
  .strict();

export const CreateRunBody = z
  .object({
    name: z.string().optional(),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    tags: z.record(z.string(), z.string()).optional(),
    source: SourceBody.optional(),
  })
  .strict();

export const UpdateRunBody = z
  .object({ status: z.enum(runStatuses).optional(), name: z.string().optional(), notes: z.string().optional() })
  .strict();

export const MetricSummaryBody = z
  .object({
    key: z.string(),
    count: z.number(),
    last: WireNumber.nullable(),
    last_step: z.number().nullable(),
    last_timestamp: z.number().nullable(),
    min: WireNumber.nullable(),
    max: WireNumber.nullable(),
  })
  .strict();

export const RunBody = z
  .object({
    id: z.string(),
    project_id: z.string(),
    name: z.string(),
    status: z.enum(runStatuses),
    created_by: z.object({ id: z.string(), name: z.string(), email: z.string() }).strict().nullable(),
    started_at: Timestamp,
    ended_at: Timestamp.nullable(),
    source: SourceBody,
    environment_version_id: z.string().nullable(),
    notes: z.string(),
    params: z.record(z.string(), z.string()),
    tags: z.record(z.string(), z.string()),
    metrics: z.array(MetricSummaryBody),
    datasets: z.array(z.object({ uri: z.string(), digest: z.string(), name: z.string(), context: z.string() }).strict()),
    reproduction: z.object({ of: z.string(), verdict: z.enum(reproductionVerdicts), detail: z.string() }).strict().nullable(),
  })
  .strict();

export const RunListBody = z
  .object({
    runs: z.array(
      z
        .object({
          id: z.string(),
          name: z.string(),
          status: z.enum(runStatuses),
          started_at: Timestamp,
          ended_at: Timestamp.nullable(),
          params: z.record(z.string(), z.string()),
          tags: z.record(z.string(), z.string()),
        })
        .strict(),
    ),
  })
  .strict();

export const ParamsBody = z.object({ params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])) }).strict();
export const TagsBody = z.object({ tags: z.record(z.string(), z.string()) }).strict();

export const MetricsBatchBody = z
  .object({ points: z.array(z.unknown()), idempotency_key: z.string().min(1).max(200).optional() })
  .strict();

export const MetricsBatchResult = z
  .object({
    accepted: z.number(),
    rejected: z.array(z.object({ index: z.number(), message: z.string() }).strict()),
    duplicate: z.boolean(),
  })
  .strict();

export const MetricQuery = z
  .object({ max_points: z.string().optional(), from_step: z.string().optional(), to_step: z.string().optional() })
  .strict();

export const MetricSeriesBody = z
  .object({
    key: z.string(),
    total: z.number(),
    aggregated: z.boolean(),
    points: z.array(
      z
        .object({
          step: z.number(),
          value: WireNumber,
          timestamp: z.number(),
          min: WireNumber.optional(),
          max: WireNumber.optional(),
          count: z.number().optional(),
        })
        .strict(),
    ),
  })
  .strict();

export const LogsBody = z
  .object({
    lines: z.array(
      z.object({ stream: z.enum(logStreams).optional(), text: z.string(), timestamp: z.number().optional() }).strict(),
    ),
    idempotency_key: z.string().optional(),
  })
  .strict();

export const LogsQuery = z.object({ after: z.string().optional(), limit: z.string().optional() }).strict();

export const LogsPage = z
  .object({
    lines: z.array(z.object({ seq: z.number(), stream: z.enum(logStreams), text: z.string(), timestamp: z.number() }).strict()),
    next_after: z.number(),
  })
  .strict();

export const AcceptedBody = z.object({ accepted: z.number() }).strict();

export const DatasetsBody = z
  .object({
    datasets: z.array(
      z.object({ uri: z.string(), digest: z.string().optional(), name: z.string().optional(), context: z.string().optional() }).strict(),
    ),
  })
  .strict();

export const ArtifactBody = z.object({ path: z.string(), sha256: z.string(), size: z.number() }).strict();

export const ArtifactListBody = z
  .object({
    artifacts: z.array(
      z.object({ path: z.string(), sha256: z.string(), size: z.number(), content_type: z.string(), created_at: Timestamp }).strict(),
    ),
  })
  .strict();
