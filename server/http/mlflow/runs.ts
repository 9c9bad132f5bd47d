import { z } from "zod";
import { activeExperiment, readableProjects } from "../../mlflow/experiments";
import { fromMlflowStatus, mlflowRunStatuses } from "../../mlflow/run-status";
import { loadRunViews } from "../../mlflow/run-views";
import { searchLimits } from "../../mlflow/search-filter";
import { searchRuns } from "../../mlflow/search-sql";
import { runAccess } from "../../tracking/access";
import { logMetrics } from "../../tracking/metrics";
import { deleteTag, insertRun, logDatasets, logParams, setRunDeleted, setTags, updateRun } from "../../tracking/runs";
import { Double, Int64, KeyValue, Repeated, tagRecord } from "./wire";
import { endpoint } from "./endpoint";
import { invalidParameter, missingParameter } from "./errors";
import { RUN_NAME_TAG, runInfoToWire, runToWire } from "./serialize";

// MLflow's batch limits (mlflow/utils/validation.py), enforced with its own wording.
export const MAX_METRICS_PER_BATCH = 1000;
export const MAX_PARAMS_TAGS_PER_BATCH = 100;
export const MAX_ENTITIES_PER_BATCH = 1000;

/** Clients send both run_id and the older run_uuid; either names the run. */
const withRunId = <T extends z.ZodRawShape>(shape: T) =>
  z.object({ run_id: z.string().optional(), run_uuid: z.string().optional(), ...shape }).transform((v, ctx) => {
    const ids = v as { run_id?: string; run_uuid?: string };
    const runId = ids.run_id || ids.run_uuid;
    if (!runId) {
      ctx.addIssue({ code: "custom", message: missingParameter("run_id"), path: ["run_id"] });
      return z.NEVER;
    }
    return { ...v, runId };
  });
const RunId = withRunId({}).transform((v) => v.runId);

const MetricItem = z.object({ key: z.string(), value: Double, timestamp: Int64, step: Int64.optional().default(0) });

async function viewOf(ctx: Parameters<typeof runAccess>[0], runId: string) {
  const { run } = await runAccess(ctx, runId, "team:read");
  const [view] = await loadRunViews(ctx.db, [run.id]);
  return view!;
}

function toPoints(metrics: z.output<typeof MetricItem>[]) {
  return metrics.map((m) => ({ key: m.key, value: Number.isNaN(m.value) ? "NaN" : m.value === Infinity ? "Infinity" : m.value === -Infinity ? "-Infinity" : m.value, step: m.step, timestamp: m.timestamp }));
}

/** Writes points and fails the request, MLflow-style, if any was refused. */
async function storePoints(ctx: Parameters<typeof runAccess>[0], runId: string, metrics: z.output<typeof MetricItem>[]) {
  if (metrics.length === 0) return;
  const result = await logMetrics({ ctx, input: { runId, points: toPoints(metrics) } });
  const first = result.rejected[0];
  if (first) throw invalidParameter(`Invalid metric at index ${first.index}: ${first.message}`);
}

async function setRunTags(ctx: Parameters<typeof runAccess>[0], runId: string, tags: Record<string, string>) {
  const { [RUN_NAME_TAG]: runName, ...rest } = tags;
  if (runName !== undefined) await updateRun({ ctx, input: { runId, name: runName } });
  if (Object.keys(rest).length > 0) await setTags({ ctx, input: { runId, tags: rest } });
}

export const runEndpoints = {
  "runs/create": endpoint({
    methods: ["POST"],
    input: z.object({
      experiment_id: z.string().optional().default("0"),
      user_id: z.string().optional(),
      run_name: z.string().max(250).optional(),
      start_time: Int64.optional(),
      tags: Repeated(KeyValue),
    }),
    handler: async ({ ctx, input }) => {
      const { project, actor } = await activeExperiment(ctx, input.experiment_id);
      const { [RUN_NAME_TAG]: tagName, ...tags } = tagRecord(input.tags);
      const run = await ctx.db.transaction((tx) =>
        insertRun(tx, actor, project, {
          name: input.run_name || tagName,
          tags,
          startedAt: input.start_time !== undefined ? new Date(input.start_time) : undefined,
        }),
      );
      return { run: runToWire((await loadRunViews(ctx.db, [run.id]))[0]!) };
    },
  }),
  "runs/get": endpoint({
    methods: ["GET"],
    input: RunId,
    handler: async ({ ctx, input }) => ({ run: runToWire(await viewOf(ctx, input)) }),
  }),
  "runs/update": endpoint({
    methods: ["POST"],
    input: withRunId({ status: z.enum(mlflowRunStatuses).optional(), end_time: Int64.optional(), run_name: z.string().optional() }),
    handler: async ({ ctx, input }) => {
      const { run } = await runAccess(ctx, input.runId, "runs:write");
      const wanted = input.status ? fromMlflowStatus[input.status] : undefined;
      // MLflow lets `start_run(run_id=...)` reopen an ended run; here an ended run keeps its end.
      const ended = !(["queued", "running"] as readonly string[]).includes(run.status);
      const status = wanted && !(ended && (wanted === "running" || wanted === "queued")) && wanted !== run.status ? wanted : undefined;
      await updateRun({ ctx, input: { runId: run.id, status, name: input.run_name || undefined } });
      return { run_info: runInfoToWire(await viewOf(ctx, run.id)) };
    },
  }),
  "runs/delete": endpoint({
    methods: ["POST"],
    input: RunId,
    handler: async ({ ctx, input }) => {
      await setRunDeleted({ ctx, input: { runId: input, deleted: true } });
      return {};
    },
  }),
  "runs/restore": endpoint({
    methods: ["POST"],
    input: RunId,
    handler: async ({ ctx, input }) => {
      await setRunDeleted({ ctx, input: { runId: input, deleted: false } });
      return {};
    },
  }),
  "runs/search": endpoint({
    methods: ["POST", "GET"],
    input: z.object({
      experiment_ids: Repeated(z.string()),
      filter: z.string().optional(),
      run_view_type: z.enum(["ACTIVE_ONLY", "DELETED_ONLY", "ALL"]).default("ACTIVE_ONLY"),
      max_results: Int64.optional().default(searchLimits.runs.default),
      order_by: Repeated(z.string()),
      page_token: z.string().optional(),
    }),
    handler: async ({ ctx, input }) => {
      const projects = await readableProjects(ctx, input.experiment_ids);
      const found = await searchRuns(ctx.db, {
        projectIds: projects.map((p) => p.id),
        filter: input.filter,
        orderBy: input.order_by,
        maxResults: input.max_results,
        pageToken: input.page_token,
        runViewType: input.run_view_type,
      });
      const views = await loadRunViews(ctx.db, found.runIds);
      return { runs: views.map(runToWire), next_page_token: found.nextPageToken };
    },
  }),
  "runs/log-metric": endpoint({
    methods: ["POST"],
    input: withRunId({ key: z.string(), value: Double, timestamp: Int64, step: Int64.optional().default(0) }),
    handler: async ({ ctx, input }) => {
      await storePoints(ctx, input.runId, [input]);
      return {};
    },
  }),
  "runs/log-parameter": endpoint({
    methods: ["POST"],
    input: withRunId({ key: z.string(), value: z.string().optional().default("") }),
    handler: async ({ ctx, input }) => {
      await logParams({ ctx, input: { runId: input.runId, params: { [input.key]: input.value } } });
      return {};
    },
  }),
  "runs/log-batch": endpoint({
    methods: ["POST"],
    input: withRunId({ metrics: Repeated(MetricItem), params: Repeated(KeyValue), tags: Repeated(KeyValue) }),
    handler: async ({ ctx, input }) => {
      checkBatchLimits(input.metrics.length, input.params.length, input.tags.length);
      const params = new Map<string, string>();
      for (const p of input.params) {
        if (params.has(p.key) && params.get(p.key) !== p.value) {
          throw invalidParameter(`Duplicate parameter keys have been submitted: ['${p.key}']. Please ensure the request contains only one param value per param key.`);
        }
        params.set(p.key, p.value);
      }
      await runAccess(ctx, input.runId, "runs:write");
      if (params.size > 0) await logParams({ ctx, input: { runId: input.runId, params: Object.fromEntries(params) } });
      if (input.tags.length > 0) await setRunTags(ctx, input.runId, tagRecord(input.tags));
      await storePoints(ctx, input.runId, input.metrics);
      return {};
    },
  }),
  "runs/set-tag": endpoint({
    methods: ["POST"],
    input: withRunId({ key: z.string(), value: z.string().optional().default("") }),
    handler: async ({ ctx, input }) => {
      await setRunTags(ctx, input.runId, { [input.key]: input.value });
      return {};
    },
  }),
  "runs/delete-tag": endpoint({
    methods: ["POST"],
    input: withRunId({ key: z.string() }),
    handler: async ({ ctx, input }) => {
      await deleteTag({ ctx, input: { runId: input.runId, key: input.key } });
      return {};
    },
  }),
  "runs/log-inputs": endpoint({
    methods: ["POST"],
    input: withRunId({
      datasets: Repeated(
        z.object({
          tags: Repeated(KeyValue),
          dataset: z.object({
            name: z.string(),
            digest: z.string(),
            source_type: z.string().optional(),
            source: z.string().optional().default(""),
            schema: z.string().optional(),
            profile: z.string().optional(),
          }),
        }),
      ),
    }),
    handler: async ({ ctx, input }) => {
      if (input.datasets.length === 0) return {};
      await logDatasets({
        ctx,
        input: {
          runId: input.runId,
          datasets: input.datasets.map(({ tags, dataset }) => ({
            uri: sourceUri(dataset.source) || `dataset:${dataset.name}`,
            digest: dataset.digest,
            name: dataset.name,
            context: tagRecord(tags)["mlflow.data.context"] ?? "",
          })),
        },
      });
      return {};
    },
  }),
};

/** MLflow's dataset source is a JSON object naming a uri, url or path; keep that location. */
function sourceUri(source: string): string {
  try {
    const parsed = JSON.parse(source) as Record<string, unknown>;
    for (const k of ["uri", "url", "path", "location"]) if (typeof parsed[k] === "string") return parsed[k] as string;
  } catch {
    // not JSON: the source is the location itself
  }
  return source;
}

export function checkBatchLimits(metrics: number, params: number, tags: number) {
  const split = "Please split up {0} across multiple requests and try again.";
  if (metrics > MAX_METRICS_PER_BATCH) {
    throw invalidParameter(`A batch logging request can contain at most ${MAX_METRICS_PER_BATCH} metrics. Got ${metrics} metrics. ${split.replace("{0}", "metrics")}`);
  }
  if (params > MAX_PARAMS_TAGS_PER_BATCH) {
    throw invalidParameter(`A batch logging request can contain at most ${MAX_PARAMS_TAGS_PER_BATCH} params. Got ${params} params. ${split.replace("{0}", "params")}`);
  }
  if (tags > MAX_PARAMS_TAGS_PER_BATCH) {
    throw invalidParameter(`A batch logging request can contain at most ${MAX_PARAMS_TAGS_PER_BATCH} tags. Got ${tags} tags. ${split.replace("{0}", "tags")}`);
  }
  const total = metrics + params + tags;
  if (total > MAX_ENTITIES_PER_BATCH) {
    throw invalidParameter(
      `A batch logging request can contain at most ${MAX_ENTITIES_PER_BATCH} total metrics, params, and tags. Got ${total} entities. ${split.replace("{0}", "data")}`,
    );
  }
}

