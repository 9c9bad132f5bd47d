import { describe, expect, it } from "vitest";
import { close, compareRuns } from "./verdict";

const series = (values: number[], from = 0) => ({ steps: values.map((_, i) => i + from), values });

describe("reproduction verdict", () => {
  it("reproduces within the relative tolerance, NaN matching NaN", () => {
    const a = new Map([["loss", series([1, 0.5, NaN, 0.25])], ["acc", series([0.1, 0.9])]]);
    const b = new Map([["loss", series([1.0004, 0.5, NaN, 0.25])], ["acc", series([0.1, 0.9])]]);
    expect(compareRuns(a, b, ["loss", "acc"])).toEqual({ verdict: "reproduced", detail: "2 metrics, 6 points matched within relative 0.001" });
    expect(close(Infinity, Infinity, 1e-3)).toBe(true);
    expect(close(0, 1e-13, 1e-3)).toBe(true);
  });
  it("names the earliest step where any metric diverges", () => {
    const a = new Map([["loss", series([1, 0.5, 0.4, 0.3])], ["acc", series([0.1, 0.2, 0.3, 0.4])]]);
    const b = new Map([["loss", series([1, 0.5, 0.4, 0.31])], ["acc", series([0.1, 0.2, 0.35, 0.4])]]);
    expect(compareRuns(a, b, ["loss", "acc"])).toEqual({
      verdict: "diverged",
      detail: "diverged at step 2 (acc: 0.3 originally, 0.35 now; tolerance 0.001)",
    });
    expect(compareRuns(a, b, ["loss"], 0.05).verdict).toBe("reproduced");
  });
  it("treats missing and extra steps as divergence, and says when nothing can be compared", () => {
    const a = new Map([["loss", series([1, 0.5, 0.4])]]);
    expect(compareRuns(a, new Map([["loss", series([1, 0.5])]]), ["loss"]).detail).toContain("step 2 (loss: 0.4 originally, missing now");
    expect(compareRuns(a, new Map([["loss", series([1, 0.5, 0.4, 0.3])]]), ["loss"]).detail).toContain("step 3");
    expect(compareRuns(a, new Map(), []).verdict).toBe("not_comparable");
    expect(compareRuns(a, new Map(), ["acc"])).toEqual({ verdict: "not_comparable", detail: "The original run has no acc" });
  });
});
