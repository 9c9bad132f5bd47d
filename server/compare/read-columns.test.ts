import { describe, expect, it } from "vitest";
import { mergeColumns, readGroups } from "./read-columns";

const f = (...v: number[]) => Float64Array.from(v);

describe("mergeColumns", () => {
  it("concatenates chunks that are already in x order without reordering", () => {
    const out = mergeColumns([{ x: f(0, 1), y: f(10, 11) }, { x: f(1, 2), y: f(12, 13) }]);
    expect(Array.from(out.x)).toEqual([0, 1, 1, 2]);
    expect(Array.from(out.y)).toEqual([10, 11, 12, 13]);
  });

  it("sorts overlapping chunks by x and keeps equal x in written order", () => {
    const out = mergeColumns([{ x: f(5, 6), y: f(1, 2) }, { x: f(0, 5), y: f(3, 4) }]);
    expect(Array.from(out.x)).toEqual([0, 5, 5, 6]);
    expect(Array.from(out.y)).toEqual([3, 1, 4, 2]);
  });

  it("answers an empty series for no chunks", () => {
    expect(mergeColumns([]).x.length).toBe(0);
  });
});

describe("readGroups", () => {
  it("bounds the points of each group and never splits a series", () => {
    const groups = readGroups([{ id: 1, count: 60 }, { id: 2, count: 50 }, { id: 3, count: 200 }, { id: 4, count: 10 }], 100);
    expect(groups.map((g) => g.map((s) => s.id))).toEqual([[1], [2], [3], [4]]);
    expect(readGroups([{ id: 1, count: 30 }, { id: 2, count: 30 }, { id: 3, count: 30 }], 100).length).toBe(1);
  });
});
