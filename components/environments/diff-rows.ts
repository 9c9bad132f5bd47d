import { diffLines } from "diff";

export type LineChange = "added" | "removed" | "same";

export interface DiffCell {
  /** 1-based line number in its own version. */
  line: number;
  text: string;
  change: LineChange;
}

/** One row of a side-by-side diff: the old version's line on the left, the new one's on the right. */
export interface DiffRow {
  left: DiffCell | null;
  right: DiffCell | null;
}

export interface SideBySide {
  rows: DiffRow[];
  added: number;
  removed: number;
}

const linesOf = (value: string) => {
  const lines = value.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
};

/**
 * Lines of two texts aligned for a side-by-side view: unchanged lines face each other, a block of
 * removed lines faces the block of added lines that replaced it, and the shorter block is padded.
 */
export function sideBySide(oldText: string, newText: string): SideBySide {
  const rows: DiffRow[] = [];
  let left = 1;
  let right = 1;
  let added = 0;
  let removed = 0;
  let pendingRemoved: DiffCell[] = [];
  let pendingAdded: DiffCell[] = [];
  const flush = () => {
    for (let i = 0; i < Math.max(pendingRemoved.length, pendingAdded.length); i++) {
      rows.push({ left: pendingRemoved[i] ?? null, right: pendingAdded[i] ?? null });
    }
    pendingRemoved = [];
    pendingAdded = [];
  };
  for (const change of diffLines(oldText, newText)) {
    const lines = linesOf(change.value);
    if (change.removed) {
      removed += lines.length;
      pendingRemoved.push(...lines.map((text) => ({ line: left++, text, change: "removed" as const })));
    } else if (change.added) {
      added += lines.length;
      pendingAdded.push(...lines.map((text) => ({ line: right++, text, change: "added" as const })));
    } else {
      flush();
      for (const text of lines) rows.push({ left: { line: left++, text, change: "same" }, right: { line: right++, text, change: "same" } });
    }
  }
  flush();
  return { rows, added, removed };
}
