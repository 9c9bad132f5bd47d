import { queryCharts } from "../../compare/query-charts";
import { metricValueToWire } from "../../tracking/schemas";
import { ChartQueryBody, ChartQueryResult } from "../contracts/charts";
import { ProjectIdParams } from "../contracts/tracking";
import { Reply, restRoute } from "../route";

export const chartQueryRoute = restRoute({
  name: "POST /projects/{projectId}/charts/query",
  auth: "required",
  params: ProjectIdParams,
  body: ChartQueryBody,
  response: ChartQueryResult,
  handler: async ({ ctx, params, body }) => {
    const started = performance.now();
    const { series } = await queryCharts({
      ctx,
      input: { projectId: params.projectId, runIds: body.run_ids, keys: body.keys, maxPoints: body.max_points, xAxis: body.x_axis, range: body.range },
    });
    const took = performance.now() - started;
    const wire = {
      series: series.map((s) => ({
        run_id: s.runId,
        key: s.key,
        aggregated: s.aggregated,
        points: Array.from(s.x, (x, i) =>
          s.count && s.count[i]! > 1
            ? { x, y: metricValueToWire(s.y[i]!), min: metricValueToWire(s.min![i]!), max: metricValueToWire(s.max![i]!) }
            : { x, y: metricValueToWire(s.y[i]!) },
        ),
      })),
    };
    // The query's own time, apart from JSON and transfer: what bench:compare reports.
    return new Reply(wire, { headers: new Headers({ "server-timing": `query;dur=${took.toFixed(1)}` }) });
  },
});
