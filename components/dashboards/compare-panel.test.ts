import { describe, expect, it } from "vitest";
import { MAX_CHART_RUNS } from "@/server/compare/schemas";
import { MAX_PANELS, PanelInput } from "@/server/dashboards/schemas";
import { appendPanel, comparisonPanel, comparisonTitle } from "./compare-panel";
import { newPanel } from "./panel-kinds";
import { filterSummary } from "./panel-runs";

const settings = { x: "relative_time" as const, smoothing: 0.6, logY: true };

describe("saving a comparison as a panel", () => {
  it("keeps picked runs as exactly the runs shown, in order, with the chart settings", () => {
    const panel = comparisonPanel({ ...settings, selection: { mode: "picked", ids: ["c", "gone", "a", "b"] } }, { shownRunIds: ["c", "a", "b"], id: "pnl_x" });
    expect(panel).toMatchObject({ id: "pnl_x", kind: "line_charts", title: "Compare: 3 runs", w: 12, h: 3 });
    expect(panel.config).toEqual({
      filter: { q: "", status: null, by: "started", dir: "desc", top: 10, run_ids: ["c", "a", "b"] },
      keys: [],
      prefix: "",
      x_axis: "relative_time",
      smoothing: 0.6,
      log_y: true,
    });
    // What the server stores is what was built.
    expect(PanelInput.parse(panel)).toEqual(panel);
    expect(filterSummary(panel.config.filter)).toBe("3 picked runs");
  });

  it("caps picked runs at the chart limit, and falls back to the picked ids before the runs load", () => {
    const many = Array.from({ length: MAX_CHART_RUNS + 5 }, (_, i) => `r${i}`);
    const capped = comparisonPanel({ ...settings, selection: { mode: "picked", ids: many } }, { shownRunIds: many });
    expect(capped.config.filter.run_ids).toHaveLength(MAX_CHART_RUNS);
    const early = comparisonPanel({ ...settings, selection: { mode: "picked", ids: ["a", "b", "a"] } }, { shownRunIds: [] });
    expect(early.config.filter.run_ids).toEqual(["a", "b"]);
  });

  it("keeps a top-N selection as its query, sort and count", () => {
    const panel = comparisonPanel(
      { x: "step", smoothing: 0, logY: false, selection: { mode: "top", q: "lr > 0.01", top: 20, by: "m:last:val/acc", dir: "desc" } },
      { shownRunIds: ["a", "b"], keys: ["val/acc"], title: "  " },
    );
    expect(panel.config.filter).toEqual({ q: "lr > 0.01", status: null, by: "m:last:val/acc", dir: "desc", top: 20, run_ids: [] });
    expect(panel.config).toMatchObject({ keys: ["val/acc"], x_axis: "step", smoothing: 0, log_y: false });
    expect(panel.title).toBe("Top 20 runs by val/acc (last) · lr > 0.01");
    const latest = comparisonPanel({ ...settings, selection: { mode: "top", q: "", top: 20, by: "started", dir: "desc" } }, { shownRunIds: [], title: " Sweep " });
    expect(latest.title).toBe("Sweep");
    expect(comparisonTitle(latest.config.filter)).toBe("Latest 20 runs");
  });

  it("keeps a default title within the limit", () => {
    const long = comparisonPanel({ ...settings, selection: { mode: "top", q: "x".repeat(300), top: 5, by: "started", dir: "asc" } }, { shownRunIds: [] });
    expect(long.title).toHaveLength(120);
    expect(() => PanelInput.parse(long)).not.toThrow();
  });

  it("appends at the end, unless the dashboard is full", () => {
    const a = newPanel("leaderboard", "a");
    const b = newPanel("line_charts", "b");
    expect(appendPanel([a], b)?.map((p) => p.id)).toEqual(["a", "b"]);
    expect(appendPanel(Array.from({ length: MAX_PANELS }, (_, i) => newPanel("leaderboard", `p${i}`)), b)).toBeNull();
  });
});
