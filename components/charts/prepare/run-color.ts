// A run keeps one colour everywhere (table dot, run page, compare charts): the colour is a pure
// function of the run id, never of its position in a list that can be re-sorted or filtered.

/** Mid-lightness hues that stay readable on both the light and the dark background. */
export const RUN_PALETTE = [
  "#3b82f6",
  "#f97316",
  "#10b981",
  "#ef4444",
  "#8b5cf6",
  "#06b6d4",
  "#d946ef",
  "#84cc16",
  "#f59e0b",
  "#ec4899",
  "#14b8a6",
  "#6366f1",
] as const;

/** FNV-1a (32-bit): cheap, stable across platforms, and spreads similar ids apart. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function runColor(runId: string): string {
  return RUN_PALETTE[fnv1a(runId) % RUN_PALETTE.length]!;
}
