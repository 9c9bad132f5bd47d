import { describe, expect, it } from "vitest";
import { prepareBars } from "./bars";
import { runColor } from "./run-color";

describe("prepareBars", () => {
  it("draws finite values in run colours and counts the rest instead of drawing zeros", () => {
    const out = prepareBars([
      { runId: "a", name: "A", value: 0.9 },
      { runId: "b", name: "B", value: null },
      { runId: "c", name: "C", value: NaN },
      { runId: "d", name: "D", value: 0 },
    ]);
    expect(out.bars.map((b) => [b.runId, b.value, b.color])).toEqual([["a", 0.9, runColor("a")], ["d", 0, runColor("d")]]);
    expect(out.skipped).toBe(2);
  });
});
