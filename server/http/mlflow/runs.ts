import { z } from "zod";
import type { ServiceContext } from "../../context";
import { readableProjects } from "../../mlflow/experiments";
import { mlflowRunStatuses } from "../../mlflow/run-status";
import { loadRunViews } from "../../mlflow/run-views";
import {
  createMlflowRun,
  logMlflowBatch,
  logMlflowInputs,
  logMlflowMetrics,
  setMlflowRunTags,
  updateMlflowRun,
} from "../../mlflow/run-writes";
import { searchLimits } from "../../mlflow/search-paging";
import { searchRuns } from "../../mlflow/search-sql";
import { runAccess } from "../../tracking/access";
import { deleteTag, logParams, setRunDeleted } from "../../tracking/runs";
import { endpoint } from "./endpoint";
import { missingParameter } from "./errors";
import { runInfoToWire, runToWire } from "./serialize";
import { Double, Int64, KeyValue, Repeated, tagRecord } from "./wire";

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

async function viewOf(ctx: ServiceContext, runId: string) {
  const { run } = await runAccess(ctx, runId, "team:read");
  const [view] = await loadRunViews(ctx.db, [run.id]);
  return view!;
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
      const run = await createMlflowRun(ctx, {
        experimentId: input.experiment_id,
        runName: input.run_name,
        startTime: input.start_time,
        tags: tagRecord(input.tags),
      });
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
      const run = await updateMlflowRun(ctx, { runId: input.runId, status: input.status, runName: input.run_name });
      return { run_info: runInfoToWire({ run, userId: run.creator?.email ?? "" }) };
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
      await logMlflowMetrics(ctx, input.runId, [input]);
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
      await logMlflowBatch(ctx, input);
      return {};
    },
  }),
  "runs/set-tag": endpoint({
    methods: ["POST"],
    input: withRunId({ key: z.string(), value: z.string().optional().default("") }),
    handler: async ({ ctx, input }) => {
      await setMlflowRunTags(ctx, input.runId, { [input.key]: input.value });
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
      await logMlflowInputs(
        ctx,
        input.runId,
        input.datasets.map(({ tags, dataset }) => ({ dataset, context: tagRecord(tags)["mlflow.data.context"] ?? "" })),
      );
      return {};
    },
  }),
};
