/** How many param columns a leaderboard shows when its config names none. */
export const DEFAULT_LEADERBOARD_PARAMS = 4;

const natural = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/**
 * The param columns of a leaderboard: the configured keys, in their order; else the params whose
 * values differ among the ranked runs (what explains the ranking), most widely logged first.
 */
export function leaderboardParamColumns(rows: readonly { params: Record<string, string> }[], chosen: readonly string[]): string[] {
  if (chosen.length > 0) return [...chosen];
  const values = new Map<string, Set<string | undefined>>();
  const counts = new Map<string, number>();
  for (const row of rows) for (const key of Object.keys(row.params)) counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const key of counts.keys()) values.set(key, new Set(rows.map((r) => r.params[key])));
  return [...counts]
    .filter(([key]) => values.get(key)!.size > 1)
    .sort(([a, x], [b, y]) => y - x || natural.compare(a, b))
    .slice(0, DEFAULT_LEADERBOARD_PARAMS)
    .map(([key]) => key);
}

/** "Top 10 of 143 runs by val/acc (max), highest first". */
export function leaderboardCaption(lb: { metric: string; stat: string; direction: "asc" | "desc"; total: number; rows: readonly unknown[] }): string {
  const shown = lb.rows.length;
  const count = shown === lb.total ? `${shown}` : `${shown} of ${lb.total}`;
  return `Top ${count} ${lb.total === 1 ? "run" : "runs"} by ${lb.metric} (${lb.stat}), ${lb.direction === "desc" ? "highest" : "lowest"} first`;
}
