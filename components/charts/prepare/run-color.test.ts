import { describe, expect, it } from "vitest";
import { RUN_PALETTE, runColor } from "./run-color";

describe("runColor", () => {
  it("is a pure function of the id", () => {
    expect(runColor("run_01abc")).toBe(runColor("run_01abc"));
    expect(RUN_PALETTE).toContain(runColor("run_01abc"));
  });
  it("spreads ids over the palette", () => {
    const used = new Set(Array.from({ length: 200 }, (_, i) => runColor(`run_${i.toString(36)}`)));
    expect(used.size).toBe(RUN_PALETTE.length);
  });
});
