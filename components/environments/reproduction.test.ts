import { describe, expect, it } from "vitest";
import { awaitingVerdict, VERDICT_GRACE_MS } from "./reproduction";

const now = Date.parse("2025-01-01T12:00:00Z");

describe("awaitingVerdict", () => {
  it("waits while a pending reproduction's job has not ended", () => {
    expect(awaitingVerdict("pending", { state: "running", endedAt: null }, now)).toBe(true);
    expect(awaitingVerdict("pending", { state: "queued", endedAt: null }, now)).toBe(true);
    expect(awaitingVerdict("pending", undefined, now)).toBe(true);
  });

  it("keeps asking briefly after the job ends, then stops", () => {
    expect(awaitingVerdict("pending", { state: "succeeded", endedAt: new Date(now - 1000) }, now)).toBe(true);
    expect(awaitingVerdict("pending", { state: "failed", endedAt: new Date(now - VERDICT_GRACE_MS - 1) }, now)).toBe(false);
  });

  it("never waits for a verdict that is written, or a run without a job", () => {
    expect(awaitingVerdict("reproduced", { state: "running", endedAt: null }, now)).toBe(false);
    expect(awaitingVerdict(undefined, { state: "running", endedAt: null }, now)).toBe(false);
    expect(awaitingVerdict("pending", null, now)).toBe(false);
  });
});
