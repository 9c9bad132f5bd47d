import { describe, expect, it } from "vitest";
import type { MetricSummary, RunRow } from "@/components/runs/types";
import { RunFilterConfig } from "@/server/dashboards/schemas";
import { filterSummary, MAX_PANEL_CHARTS, panelMetricKeys, panelRuns, parallelInputs, scatterInputs } from "./panel-runs";

const summary = (last: number, count = 10): MetricSummary => ({ count, last, lastStep: count - 1, min: last, max: last });

function run(id: string, startedAt: number, over: Partial<RunRow> = {}): RunRow {
  return { id, name: id, status: "succeeded", startedAt: new Date(startedAt), endedAt: null, creatorName: null, params: {}, tags: {}, metrics: {}, ...over };
}

const runs = [
  run("a", 1, { params: { lr: "0.1" }, metrics: { "val/acc": summary(0.7), "train/loss": summary(0.3), "test/acc": summary(0.6, 1) } }),
  run("b", 2, { status: "failed", params: { lr: "0.01" }, metrics: { "val/acc": summary(0.9) } }),
  run("c", 3, { params: { lr: "0.001" }, metrics: { "val/acc": summary(0.8), "train/lr": summary(1) } }),
];

describe("run-based panels", () => {
  it("selects the latest runs by default, or the top N by a column, after the status filter", () => {
    const latest = panelRuns(runs, RunFilterConfig.parse({ top: 2 }), 0);
    expect(latest.runs.map((r) => r.id)).toEqual(["c", "b"]);
    expect(latest.of).toBe(3);
    const best = panelRuns(runs, RunFilterConfig.parse({ by: "m:last:val/acc", top: 1 }), 0);
    expect(best.runs.map((r) => r.id)).toEqual(["b"]);
    const succeeded = panelRuns(runs, RunFilterConfig.parse({ by: "m:last:val/acc", status: "succeeded" }), 0);
    expect(succeeded.runs.map((r) => r.id)).toEqual(["c", "a"]);
    expect(panelRuns(runs, RunFilterConfig.parse({ q: "lr < 0.05" }), 0).runs.map((r) => r.id)).toEqual(["c", "b"]);
  });

  it("shows exactly the picked runs in their order, ignoring the rest of the filter; gone runs are absent", () => {
    const picked = panelRuns(runs, RunFilterConfig.parse({ run_ids: ["b", "gone", "a", "b"], status: "succeeded", q: "lr > 1", top: 1 }), 0);
    expect(picked.runs.map((r) => r.id)).toEqual(["b", "a"]);
    expect(picked).toMatchObject({ of: 2, missing: 1 });
    expect(panelRuns(runs, RunFilterConfig.parse({ run_ids: ["gone"] }), 0).runs).toEqual([]);
    // An empty list (and a panel saved before run_ids existed) is the top-N filter.
    expect(RunFilterConfig.parse({}).run_ids).toEqual([]);
    expect(panelRuns(runs, RunFilterConfig.parse({ run_ids: [], top: 1 }), 0).runs.map((r) => r.id)).toEqual(["c"]);
  });

  it("says what a filter shows", () => {
    expect(filterSummary(RunFilterConfig.parse({}))).toBe("Latest 10 runs");
    expect(filterSummary(RunFilterConfig.parse({ by: "m:max:val/acc", top: 5, q: "lr > 0.01", status: "succeeded" }))).toBe(
      "Top 5 runs by val/acc (max) · lr > 0.01 · succeeded",
    );
    expect(filterSummary(RunFilterConfig.parse({ top: 1, dir: "asc" }))).toBe("First 1 run");
    expect(filterSummary(RunFilterConfig.parse({ run_ids: ["a", "b", "c"], by: "m:max:val/acc" }))).toBe("3 picked runs");
    expect(filterSummary(RunFilterConfig.parse({ run_ids: ["a"] }))).toBe("1 picked run");
  });

  it("charts every metric with a history, or those under a prefix, or the chosen ones, with a cap", () => {
    expect(panelMetricKeys(runs, { keys: [], prefix: "" })).toEqual({ keys: ["train/loss", "train/lr", "val/acc"], of: 3 });
    expect(panelMetricKeys(runs, { keys: [], prefix: "train/" }).keys).toEqual(["train/loss", "train/lr"]);
    // Chosen keys keep their order, may be single-valued, and disappear if no run logged them.
    expect(panelMetricKeys(runs, { keys: ["val/acc", "test/acc", "gone"], prefix: "train/" })).toEqual({ keys: ["val/acc", "test/acc"], of: 2 });
    const many = [run("m", 0, { metrics: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, summary(i)])) })];
    expect(panelMetricKeys(many, { keys: [], prefix: "" })).toMatchObject({ of: 20, keys: { length: MAX_PANEL_CHARTS } });
  });

  it("builds scatter and parallel inputs from column ids, missing values as null", () => {
    expect(scatterInputs(runs, "p:lr", "m:last:train/loss")).toEqual([
      { runId: "a", x: "0.1", y: 0.3 },
      { runId: "b", x: "0.01", y: null },
      { runId: "c", x: "0.001", y: null },
    ]);
    expect(scatterInputs(runs, null, "m:last:val/acc")).toBeNull();
    const axes = parallelInputs(runs, ["p:lr", "bogus"], "m:last:val/acc");
    expect(axes.map((a) => [a.id, a.label, a.values])).toEqual([
      ["p:lr", "lr", ["0.1", "0.01", "0.001"]],
      ["m:last:val/acc", "val/acc (last)", [0.7, 0.9, 0.8]],
    ]);
  });
});
