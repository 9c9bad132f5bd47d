import { describe, expect, it } from "vitest";
import { sideBySide } from "./diff-rows";

const cell = (line: number, text: string, change: "added" | "removed" | "same") => ({ line, text, change });

describe("sideBySide", () => {
  it("faces unchanged lines and counts nothing for identical texts", () => {
    expect(sideBySide("a\nb\n", "a\nb\n")).toEqual({
      rows: [
        { left: cell(1, "a", "same"), right: cell(1, "a", "same") },
        { left: cell(2, "b", "same"), right: cell(2, "b", "same") },
      ],
      added: 0,
      removed: 0,
    });
  });

  it("puts a replaced line beside its replacement and pads the shorter block", () => {
    const { rows, added, removed } = sideBySide("python: '3.10'\npackages:\n  - torch==2.2.0\n", "python: '3.11'\npackages:\n  - torch==2.3.1\n  - numpy==1.26.4\n");
    expect({ added, removed }).toEqual({ added: 3, removed: 2 });
    expect(rows).toEqual([
      { left: cell(1, "python: '3.10'", "removed"), right: cell(1, "python: '3.11'", "added") },
      { left: cell(2, "packages:", "same"), right: cell(2, "packages:", "same") },
      { left: cell(3, "  - torch==2.2.0", "removed"), right: cell(3, "  - torch==2.3.1", "added") },
      { left: null, right: cell(4, "  - numpy==1.26.4", "added") },
    ]);
  });

  it("shows lines only removed on the left with nothing beside them", () => {
    expect(sideBySide("a\nb\nc\n", "a\nc\n").rows).toEqual([
      { left: cell(1, "a", "same"), right: cell(1, "a", "same") },
      { left: cell(2, "b", "removed"), right: null },
      { left: cell(3, "c", "same"), right: cell(2, "c", "same") },
    ]);
  });

  it("handles an empty side", () => {
    expect(sideBySide("", "a\n")).toEqual({ rows: [{ left: null, right: cell(1, "a", "added") }], added: 1, removed: 0 });
  });
});
