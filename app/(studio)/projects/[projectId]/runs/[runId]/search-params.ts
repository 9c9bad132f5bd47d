// The run page's view state lives in the URL so that a link opens the same section and smoothing.
import { clampSmoothing } from "@/components/charts/prepare/ema";

export const runTabs = ["metrics", "params", "logs", "artifacts", "notes"] as const;
export type RunTab = (typeof runTabs)[number];

export interface RunView {
  tab: RunTab;
  /** EMA factor for the metric charts, 0 (off) to 0.99. */
  smoothing: number;
}

const first = (params: URLSearchParams, key: string) => params.get(key) ?? undefined;

export function parseRunView(params: URLSearchParams): RunView {
  const tab = first(params, "tab");
  const smooth = Number(first(params, "smooth") ?? "0");
  return {
    tab: tab && (runTabs as readonly string[]).includes(tab) ? (tab as RunTab) : "metrics",
    smoothing: Math.round(clampSmoothing(smooth) * 100) / 100,
  };
}

export function serializeRunView(view: RunView): string {
  const params = new URLSearchParams();
  if (view.tab !== "metrics") params.set("tab", view.tab);
  if (view.smoothing > 0) params.set("smooth", String(view.smoothing));
  return params.toString();
}

export function runHref(projectId: string, runId: string, view?: Partial<RunView>): string {
  const qs = serializeRunView({ tab: "metrics", smoothing: 0, ...view });
  return `/projects/${projectId}/runs/${runId}${qs ? `?${qs}` : ""}`;
}
