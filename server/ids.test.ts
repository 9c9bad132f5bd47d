import { describe, expect, it } from "vitest";
import { createId } from "./ids";

describe("createId", () => {
  it("prefixes ids and makes them sort by creation time", async () => {
    const a = createId("run");
    await new Promise((r) => setTimeout(r, 5));
    const b = createId("run");
    expect(a).toMatch(/^run_[0-9a-z]{21}$/);
    expect(a < b).toBe(true);
  });

  it("does not repeat", () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => createId("x")));
    expect(ids.size).toBe(10_000);
  });
});
