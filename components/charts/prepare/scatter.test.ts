import { describe, expect, it } from "vitest";
import { prepareScatter } from "./scatter";

describe("prepareScatter", () => {
  it("reads numeric params as numbers and skips runs missing a value", () => {
    const s = prepareScatter([
      { runId: "a", x: "0.01", y: 0.9 },
      { runId: "b", x: "1e-3", y: 0.8 },
      { runId: "c", x: null, y: 0.7 },
      { runId: "d", x: "0.1", y: NaN },
    ]);
    expect(s.kind).toBe("numeric");
    expect(s.points.map((p) => [p.x, p.y])).toEqual([[0.01, 0.9], [0.001, 0.8]]);
    expect(s.skipped).toBe(2);
  });

  it("puts text params on a categorical axis in natural order", () => {
    const s = prepareScatter([
      { runId: "a", x: "sgd", y: 1 },
      { runId: "b", x: "adam", y: 2 },
      { runId: "c", x: "adam", y: 3 },
    ]);
    expect(s.kind).toBe("category");
    expect(s.categories).toEqual(["adam", "sgd"]);
    expect(s.points.map((p) => p.x)).toEqual([1, 0, 0]);
    expect(s.points[0]!.xLabel).toBe("sgd");
  });
});
