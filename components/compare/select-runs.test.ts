import { describe, expect, it } from "vitest";
import { selectionSummary, selectRuns } from "./select-runs";
import { summary, testRun } from "./test-runs";

const runs = Array.from({ length: 143 }, (_, i) =>
  testRun(`run_${i}`, {
    startedAt: new Date(1_700_000_000_000 + i * 1000),
    params: { lr: String(i % 2 ? 0.01 : 0.001) },
    metrics: i % 10 === 9 ? {} : { "val/acc": summary(i / 200) },
  }),
);

describe("selectRuns", () => {
  it("takes the top N by a metric, highest first, and says how many matched", () => {
    const picked = selectRuns(runs, { mode: "top", q: "", top: 20, by: "m:last:val/acc", dir: "desc" }, 0);
    expect(picked.runs).toHaveLength(20);
    expect(picked.runs[0]!.id).toBe("run_142");
    expect(picked.of).toBe(143);
    expect(selectionSummary(picked, "top")).toBe("Showing 20 of 143 matching runs");
  });

  it("applies the runs table's filter before taking the top N", () => {
    const picked = selectRuns(runs, { mode: "top", q: "lr > 0.005", top: 100, by: "started", dir: "desc" }, 0);
    expect(picked.of).toBe(71);
    expect(picked.runs).toHaveLength(71);
    expect(picked.runs[0]!.id).toBe("run_141");
    expect(selectionSummary(picked, "top")).toBe("Showing 71 runs");
  });

  it("keeps picked runs in their order, caps them at 100 and counts the ones not found", () => {
    const ids = [...runs.map((r) => r.id).reverse(), "run_gone"];
    const picked = selectRuns(runs, { mode: "picked", ids }, 0);
    expect(picked.runs).toHaveLength(100);
    expect(picked.runs[0]!.id).toBe("run_142");
    expect(picked).toMatchObject({ of: 143, missing: 1 });
    expect(selectionSummary(picked, "picked")).toBe("Showing 100 of 143 runs · 1 picked run not found");
  });
});
