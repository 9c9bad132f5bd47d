import type { ServiceContext } from "../context";
import { validation } from "../errors";
import { logMetrics } from "../tracking/metrics";
import { insertRun, logDatasets, logParams, setTags, updateRun } from "../tracking/runs";
import { metricValueToWire } from "../tracking/schemas";
import { runAccess } from "../tracking/access";
import { activeExperiment } from "./experiments";
import { fromMlflowStatus, type MlflowRunStatus } from "./run-status";
import { RUN_NAME_TAG } from "./run-views";

// MLflow's rules for writing to runs, on top of the tracking services: its batch limits and
// wording (mlflow/utils/validation.py), the run name kept in the mlflow.runName tag, all-or-nothing
// batches, and how a dataset's source names its location.

export const MAX_METRICS_PER_BATCH = 1000;
export const MAX_PARAMS_TAGS_PER_BATCH = 100;
export const MAX_ENTITIES_PER_BATCH = 1000;

export interface MlflowMetric {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

export function checkBatchLimits(metrics: number, params: number, tags: number) {
  const split = (what: string) => `Please split up ${what} across multiple requests and try again.`;
  if (metrics > MAX_METRICS_PER_BATCH) {
    throw validation(`A batch logging request can contain at most ${MAX_METRICS_PER_BATCH} metrics. Got ${metrics} metrics. ${split("metrics")}`);
  }
  if (params > MAX_PARAMS_TAGS_PER_BATCH) {
    throw validation(`A batch logging request can contain at most ${MAX_PARAMS_TAGS_PER_BATCH} params. Got ${params} params. ${split("params")}`);
  }
  if (tags > MAX_PARAMS_TAGS_PER_BATCH) {
    throw validation(`A batch logging request can contain at most ${MAX_PARAMS_TAGS_PER_BATCH} tags. Got ${tags} tags. ${split("tags")}`);
  }
  const total = metrics + params + tags;
  if (total > MAX_ENTITIES_PER_BATCH) {
    throw validation(`A batch logging request can contain at most ${MAX_ENTITIES_PER_BATCH} total metrics, params, and tags. Got ${total} entities. ${split("data")}`);
  }
}

/** Creates a run in an active experiment; a run name may come as the mlflow.runName tag. */
export async function createMlflowRun(
  ctx: ServiceContext,
  input: { experimentId: string; runName?: string; startTime?: number; tags: Record<string, string> },
) {
  const { project, actor } = await activeExperiment(ctx, input.experimentId);
  const { [RUN_NAME_TAG]: tagName, ...tags } = input.tags;
  return ctx.db.transaction((tx) =>
    insertRun(tx, actor, project, {
      name: input.runName || tagName,
      tags,
      startedAt: input.startTime !== undefined ? new Date(input.startTime) : undefined,
    }),
  );
}

/**
 * MLflow's update: a status by MLflow's name and a new name. MLflow lets `start_run(run_id=...)`
 * reopen an ended run; here an ended run keeps its end, so RUNNING on an ended run is ignored.
 */
export async function updateMlflowRun(ctx: ServiceContext, input: { runId: string; status?: MlflowRunStatus; runName?: string }) {
  const { run } = await runAccess(ctx, input.runId, "runs:write");
  const wanted = input.status ? fromMlflowStatus[input.status] : undefined;
  const ended = run.status !== "queued" && run.status !== "running";
  const reopens = ended && (wanted === "running" || wanted === "queued");
  const status = wanted && !reopens && wanted !== run.status ? wanted : undefined;
  return updateRun({ ctx, input: { runId: run.id, status, name: input.runName || undefined } });
}

/** Sets tags; mlflow.runName renames the run instead of becoming a tag. */
export async function setMlflowRunTags(ctx: ServiceContext, runId: string, tags: Record<string, string>) {
  const { [RUN_NAME_TAG]: runName, ...rest } = tags;
  if (runName !== undefined) await updateRun({ ctx, input: { runId, name: runName } });
  if (Object.keys(rest).length > 0) await setTags({ ctx, input: { runId, tags: rest } });
}

/** Stores metrics, failing the whole call (as MLflow does) if any point is refused. */
export async function logMlflowMetrics(ctx: ServiceContext, runId: string, metrics: MlflowMetric[]) {
  if (metrics.length === 0) return;
  const points = metrics.map((m) => ({ key: m.key, value: metricValueToWire(m.value), step: m.step, timestamp: m.timestamp }));
  const result = await logMetrics({ ctx, input: { runId, points } });
  const first = result.rejected[0];
  if (first) throw validation(`Invalid metric at index ${first.index}: ${first.message}`);
}

/**
 * MLflow's log-batch: limits and duplicate params are refused before anything is written; then
 * params (a changed value refuses the batch), tags and metrics, in MLflow's order.
 */
export async function logMlflowBatch(
  ctx: ServiceContext,
  input: { runId: string; metrics: MlflowMetric[]; params: { key: string; value: string }[]; tags: { key: string; value: string }[] },
) {
  checkBatchLimits(input.metrics.length, input.params.length, input.tags.length);
  const params = new Map<string, string>();
  for (const p of input.params) {
    if (params.has(p.key) && params.get(p.key) !== p.value) {
      throw validation(`Duplicate parameter keys have been submitted: ['${p.key}']. Please ensure the request contains only one param value per param key.`);
    }
    params.set(p.key, p.value);
  }
  if (params.size > 0) await logParams({ ctx, input: { runId: input.runId, params: Object.fromEntries(params) } });
  if (input.tags.length > 0) await setMlflowRunTags(ctx, input.runId, Object.fromEntries(input.tags.map((t) => [t.key, t.value])));
  await logMlflowMetrics(ctx, input.runId, input.metrics);
}

/** MLflow's dataset source is a JSON object naming a uri, url or path; keep that location. */
function sourceLocation(source: string): string {
  try {
    const parsed = JSON.parse(source) as Record<string, unknown>;
    for (const k of ["uri", "url", "path", "location"]) if (typeof parsed[k] === "string") return parsed[k] as string;
  } catch {
    // not JSON: the source is the location itself
  }
  return source;
}

export async function logMlflowInputs(
  ctx: ServiceContext,
  runId: string,
  datasets: { dataset: { name: string; digest: string; source: string }; context: string }[],
) {
  if (datasets.length === 0) return;
  await logDatasets({
    ctx,
    input: {
      runId,
      datasets: datasets.map(({ dataset, context }) => ({
        uri: sourceLocation(dataset.source) || `dataset:${dataset.name}`,
        digest: dataset.digest,
        name: dataset.name,
        context,
      })),
    },
  });
}
