import { describe, expect, it } from "vitest";
import { runsWithKey, splitMetricKeys } from "./metric-keys";
import { summary, testRun } from "./test-runs";

describe("splitMetricKeys", () => {
  it("draws keys logged once per run as bars and the rest as lines", () => {
    const runs = [
      testRun("a", { metrics: { "train/loss": summary(1, 100), "test/acc": summary(0.9, 1) } }),
      testRun("b", { metrics: { "train/loss": summary(1, 1), "test/acc": summary(0.8, 1) } }),
    ];
    expect(splitMetricKeys(runs)).toEqual({ lines: ["train/loss"], single: ["test/acc"] });
    expect(runsWithKey([...runs, testRun("c")], "test/acc").map((r) => r.id)).toEqual(["a", "b"]);
  });
});
