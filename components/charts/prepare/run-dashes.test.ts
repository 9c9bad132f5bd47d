import { describe, expect, it } from "vitest";
import { runColor } from "./run-color";
import { DASHES, runDashes } from "./run-dashes";

describe("runDashes", () => {
  it("leaves runs of distinct colours solid and dashes the second run of a colour", () => {
    const ids = Array.from({ length: 40 }, (_, i) => `run_${i}`);
    const dashes = runDashes(ids);
    const first = new Map<string, string>();
    for (const id of ids) {
      const color = runColor(id);
      if (!first.has(color)) {
        first.set(color, id);
        expect(dashes.get(id)).toBeUndefined();
      }
    }
    const twin = ids.find((id) => first.get(runColor(id)) !== id)!;
    expect(dashes.get(twin)).toBe(DASHES[1]);
  });
});
