import { z } from "zod";
import { bulkIntervalHistory, decodeHistoryCursor, encodeHistoryCursor, MAX_BULK_RESULTS, metricHistoryPage } from "../../mlflow/metric-history";
import { endpoint } from "./endpoint";
import { invalidParameter, missingParameter } from "./errors";
import { metricToWire } from "./serialize";
import { Int64, Repeated } from "./wire";

export const metricEndpoints = {
  "metrics/get-history": endpoint({
    methods: ["GET"],
    input: z.object({
      run_id: z.string().optional(),
      run_uuid: z.string().optional(),
      metric_key: z.string(),
      page_token: z.string().optional(),
      max_results: Int64.optional(),
    }),
    handler: async ({ ctx, input }) => {
      const runId = input.run_id || input.run_uuid;
      if (!runId) throw invalidParameter(missingParameter("run_id"));
      if (input.max_results !== undefined && input.max_results < 1) throw invalidParameter("max_results must be a positive integer");
      const { points, next } = await metricHistoryPage(ctx, {
        runId,
        key: input.metric_key,
        cursor: decodeHistoryCursor(input.page_token),
        limit: input.max_results,
      });
      const metrics = new Array(points.steps.length);
      for (let i = 0; i < points.steps.length; i++) {
        metrics[i] = metricToWire({ key: input.metric_key, value: points.values[i]!, timestamp: points.timestamps[i]!, step: points.steps[i]! });
      }
      return { metrics, next_page_token: next ? encodeHistoryCursor(next) : undefined };
    },
  }),
  "metrics/get-history-bulk-interval": endpoint({
    methods: ["GET"],
    input: z.object({
      run_ids: Repeated(z.string()),
      metric_key: z.string(),
      start_step: Int64.optional(),
      end_step: Int64.optional(),
      max_results: Int64.optional().default(MAX_BULK_RESULTS),
    }),
    handler: async ({ ctx, input }) => {
      const rows = await bulkIntervalHistory(ctx, {
        runIds: input.run_ids,
        key: input.metric_key,
        startStep: input.start_step,
        endStep: input.end_step,
        maxResults: input.max_results,
      });
      return { metrics: rows.map((r) => ({ ...metricToWire({ key: input.metric_key, ...r }), run_id: r.runId })) };
    },
  }),
};
