import { getMetric, logMetrics } from "../../tracking/metrics";
import { metricValueToWire } from "../../tracking/schemas";
import { MetricQuery, MetricsBatchBody, MetricsBatchResult, MetricSeriesBody, RunIdParams, RunKeyParams } from "../contracts/tracking";
import { Reply, restRoute } from "../route";

// 10,000 points of ~100 bytes of JSON each, with room to spare; the point count is checked too.
const METRICS_BODY_LIMIT = 4 * 1024 * 1024;

export const logMetricsRoute = restRoute({
  name: "POST /runs/{runId}/metrics",
  auth: "required",
  params: RunIdParams,
  body: MetricsBatchBody,
  bodyLimit: METRICS_BODY_LIMIT,
  response: MetricsBatchResult,
  handler: async ({ ctx, params, body, request }) => {
    const result = await logMetrics({
      ctx,
      input: {
        runId: params.runId,
        points: body.points,
        idempotencyKey: body.idempotency_key ?? request.headers.get("idempotency-key") ?? undefined,
      },
    });
    return new Reply(result, { status: result.rejected.length > 0 ? 207 : 200 });
  },
});

export const getMetricRoute = restRoute({
  name: "GET /runs/{runId}/metrics/{key}",
  auth: "required",
  params: RunKeyParams,
  query: MetricQuery,
  response: MetricSeriesBody,
  shapedByHandler: true,
  handler: async ({ ctx, params, query }) => {
    const series = await getMetric({
      ctx,
      input: {
        runId: params.runId,
        key: params.key.join("/"),
        maxPoints: query.max_points,
        fromStep: query.from_step,
        toStep: query.to_step,
      },
    });
    return {
      key: series.key,
      total: series.total,
      aggregated: series.aggregated,
      // Two literal shapes rather than a spread: 100k points, one object each.
      points: series.points.map((p) =>
        p.min === undefined
          ? { step: p.step, value: metricValueToWire(p.value), timestamp: p.timestamp }
          : { step: p.step, value: metricValueToWire(p.value), timestamp: p.timestamp, min: metricValueToWire(p.min), max: metricValueToWire(p.max!), count: p.count },
      ),
    };
  },
});
