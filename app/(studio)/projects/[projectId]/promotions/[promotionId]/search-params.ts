// The request page's view state lives in the URL: which metric the chart draws and which summary
// the metric table compares, so a reviewer can link to exactly what they looked at.
import type { MetricStat } from "@/components/models/metric-rows";

export interface PromotionView {
  /** The charted key; the request's compared metric when null. */
  metric: string | null;
  stat: MetricStat;
}

const statsList: readonly MetricStat[] = ["last", "min", "max"];

export function parsePromotionView(params: URLSearchParams): PromotionView {
  const metric = params.get("metric")?.trim();
  const stat = params.get("stat");
  return { metric: metric ? metric : null, stat: statsList.includes(stat as MetricStat) ? (stat as MetricStat) : "last" };
}

export function serializePromotionView(view: PromotionView): string {
  const params = new URLSearchParams();
  if (view.metric) params.set("metric", view.metric);
  if (view.stat !== "last") params.set("stat", view.stat);
  return params.toString();
}
