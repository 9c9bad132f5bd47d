import { describe, expect, it } from "vitest";
import { ageText, approvalsText, checkSummary, versionLabel } from "./summaries";

describe("checkSummary", () => {
  it("counts passing checks", () => {
    expect(checkSummary([{ passed: true }, { passed: false }, { passed: true }])).toBe("2 of 3 passed");
    expect(checkSummary([{ passed: false }])).toBe("0 of 1 passed");
    expect(checkSummary([])).toBe("No checks");
  });
});

describe("approvalsText", () => {
  it("says how many of the required approvals are in", () => {
    expect(approvalsText(1, 2)).toBe("1 of 2");
    expect(approvalsText(2, 2)).toBe("2 of 2");
    expect(approvalsText(0, 0)).toBe("None required");
  });
});

describe("ageText", () => {
  const now = Date.parse("2025-01-10T12:00:00Z");
  it("is compact and never negative", () => {
    expect(ageText(new Date(now - 30_000), now)).toBe("just now");
    expect(ageText(new Date(now + 60_000), now)).toBe("just now");
    expect(ageText(new Date(now - 5 * 60_000), now)).toBe("5m");
    expect(ageText("2025-01-10T09:00:00Z", now)).toBe("3h");
    expect(ageText("2025-01-07T12:00:00Z", now)).toBe("3d");
  });
});

describe("versionLabel", () => {
  it("prefixes a number and names a missing version", () => {
    expect(versionLabel(3)).toBe("v3");
    expect(versionLabel(null)).toBe("none");
  });
});
