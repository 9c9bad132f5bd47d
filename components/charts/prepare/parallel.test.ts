import { describe, expect, it } from "vitest";
import { prepareParallel } from "./parallel";

describe("prepareParallel", () => {
  it("scales numeric axes min..max and spreads categories evenly", () => {
    const p = prepareParallel(["a", "b", "c"], [
      { id: "p:lr", label: "lr", values: ["0.1", "0.3", "0.2"] },
      { id: "p:opt", label: "opt", values: ["sgd", "adam", "sgd"] },
      { id: "m:last:acc", label: "acc", values: [0.5, 0.5, 0.5] },
    ]);
    expect(p.axes.map((a) => a.kind)).toEqual(["numeric", "category", "numeric"]);
    const lr = p.lines.map((l) => l.positions[0]!);
    expect(lr[0]).toBe(0);
    expect(lr[1]).toBe(1);
    expect(lr[2]).toBeCloseTo(0.5, 12);
    expect(p.axes[1]!.ticks).toEqual([{ pos: 0, label: "adam" }, { pos: 1, label: "sgd" }]);
    expect(p.lines.map((l) => l.positions[1])).toEqual([1, 0, 1]);
    // A constant axis puts every run in the middle.
    expect(p.lines.map((l) => l.positions[2])).toEqual([0.5, 0.5, 0.5]);
    expect(p.axes[0]!.ticks.at(-1)!.label).toBe("0.3");
  });

  it("breaks a run's line where it has no value", () => {
    const p = prepareParallel(["a", "b"], [{ id: "p:lr", label: "lr", values: ["0.1", null] }]);
    expect(p.lines[1]!.positions).toEqual([null]);
  });
});
