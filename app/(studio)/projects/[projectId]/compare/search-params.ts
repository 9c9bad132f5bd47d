// The compare view lives in the URL so that a comparison can be shared by link:
// `?runs=a,b,c` (picked in the runs table) or `?top=20&by=m:last:val/acc&dir=desc&q=lr>0.01`,
// plus `x=relative_time&smooth=0.6&log=1&from=100&to=500&diff=1&sx=p:lr&sy=m:max:val/acc&pc=p:lr,p:bs&pm=m:last:val/acc`.
import { clampSmoothing } from "@/components/charts/prepare/ema";
import type { RunSelection } from "@/components/compare/select-runs";
import { parseColumnId } from "@/components/runs/columns";
import type { SortDir } from "@/components/runs/sort";
import { MAX_CHART_RUNS, type XAxis, xAxes } from "@/server/compare/schemas";

export const DEFAULT_TOP = 20;

export interface CompareView {
  selection: RunSelection;
  x: XAxis;
  /** EMA factor, 0 (off) to 0.99. */
  smoothing: number;
  logY: boolean;
  /** The zoomed x range, in the x-axis' unit; null shows everything. */
  range: [number, number] | null;
  differencesOnly: boolean;
  /** Scatter axes and parallel coordinates: column ids (`p:lr`, `m:last:val/acc`), null = a default. */
  scatterX: string | null;
  scatterY: string | null;
  parallelParams: string[] | null;
  parallelMetric: string | null;
}

export const defaultSelection: RunSelection = { mode: "top", q: "", top: DEFAULT_TOP, by: "started", dir: "desc" };

const RUN_ID = /^[\w-]{1,100}$/;
/** Picked ids beyond the cap still count towards "showing 100 of N"; this bounds the URL. */
const MAX_PICKED = 1000;

const column = (id: string | null) => (id && parseColumnId(id) ? id : null);
const finite = (s: string | null) => (s !== null && s.trim() !== "" && Number.isFinite(Number(s)) ? Number(s) : null);

export function parseCompareView(params: URLSearchParams): CompareView {
  const picked = [...new Set((params.get("runs") ?? "").split(",").filter((id) => RUN_ID.test(id)))].slice(0, MAX_PICKED);
  const top = finite(params.get("top"));
  const selection: RunSelection =
    picked.length > 0
      ? { mode: "picked", ids: picked }
      : {
          mode: "top",
          q: params.get("q") ?? "",
          top: top === null ? DEFAULT_TOP : Math.min(MAX_CHART_RUNS, Math.max(1, Math.round(top))),
          by: column(params.get("by")) ?? "started",
          dir: (params.get("dir") === "asc" ? "asc" : "desc") as SortDir,
        };
  const x = params.get("x");
  const from = finite(params.get("from"));
  const to = finite(params.get("to"));
  return {
    selection,
    x: x && (xAxes as readonly string[]).includes(x) ? (x as XAxis) : "step",
    smoothing: Math.round(clampSmoothing(Number(params.get("smooth") ?? "0")) * 100) / 100,
    logY: params.get("log") === "1",
    range: from !== null && to !== null && from < to ? [from, to] : null,
    differencesOnly: params.get("diff") === "1",
    scatterX: column(params.get("sx")),
    scatterY: column(params.get("sy")),
    parallelParams: params.has("pc") ? (params.get("pc") ?? "").split(",").filter((id) => column(id) !== null) : null,
    parallelMetric: column(params.get("pm")),
  };
}

// Keeps "/", ":" and "," readable in shared links; everything else is percent-encoded as usual.
const enc = (s: string) => encodeURIComponent(s).replace(/%2F/gi, "/").replace(/%3A/gi, ":").replace(/%2C/gi, ",");

/** The query string (without "?"); defaults are left out. */
export function serializeCompareView(view: CompareView): string {
  const parts: string[] = [];
  const add = (key: string, value: string | number) => parts.push(`${key}=${enc(String(value))}`);
  const s = view.selection;
  if (s.mode === "picked") add("runs", s.ids.join(","));
  else {
    if (s.q.trim()) add("q", s.q);
    if (s.top !== DEFAULT_TOP) add("top", s.top);
    if (s.by !== "started") add("by", s.by);
    if (s.dir !== "desc") add("dir", s.dir);
  }
  if (view.x !== "step") add("x", view.x);
  if (view.smoothing > 0) add("smooth", view.smoothing);
  if (view.logY) add("log", 1);
  if (view.range) {
    add("from", view.range[0]);
    add("to", view.range[1]);
  }
  if (view.differencesOnly) add("diff", 1);
  if (view.scatterX) add("sx", view.scatterX);
  if (view.scatterY) add("sy", view.scatterY);
  if (view.parallelParams) add("pc", view.parallelParams.join(","));
  if (view.parallelMetric) add("pm", view.parallelMetric);
  return parts.join("&");
}

export function compareViewHref(projectId: string, view: CompareView): string {
  const qs = serializeCompareView(view);
  return `/projects/${projectId}/compare${qs ? `?${qs}` : ""}`;
}
