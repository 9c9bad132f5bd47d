import { runColor } from "./run-color";

/** Solid first, then dashes: how a comparison tells apart runs whose stable colours collide. */
export const DASHES = [undefined, "6 3", "2 3", "10 3 2 3"] as const;

/**
 * A dash pattern per run of one comparison: a run's colour is a pure function of its id (it must
 * not change between pages), so two of a dozen colours collide often; the second run of a colour
 * is dashed, the third dotted, and so on, in the comparison's order.
 */
export function runDashes(runIds: readonly string[]): Map<string, string | undefined> {
  const perColor = new Map<string, number>();
  const out = new Map<string, string | undefined>();
  for (const id of runIds) {
    if (out.has(id)) continue;
    const color = runColor(id);
    const k = perColor.get(color) ?? 0;
    perColor.set(color, k + 1);
    out.set(id, DASHES[k % DASHES.length]);
  }
  return out;
}
