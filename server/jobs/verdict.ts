import type { ReproductionVerdict } from "@/db/schema/enums";

export interface Series {
  steps: ArrayLike<number>;
  values: ArrayLike<number>;
}

export interface Verdict {
  verdict: Exclude<ReproductionVerdict, "pending">;
  detail: string;
}

export const DEFAULT_TOLERANCE = 1e-3;

/** Equal within a relative tolerance; NaN equals NaN and an infinity equals the same infinity. */
export function close(a: number, b: number, tolerance: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b)) + 1e-12;
}

const fmt = (v: number | undefined) => (v === undefined ? "missing" : Number.isFinite(v) ? String(Number(v.toPrecision(6))) : String(v));

/**
 * Compares a reproduction's metrics with the original's, step by step: the verdict names the
 * earliest step where any compared metric differs beyond the tolerance (or is missing).
 */
export function compareRuns(
  original: Map<string, Series>,
  reproduction: Map<string, Series>,
  keys: string[],
  tolerance = DEFAULT_TOLERANCE,
): Verdict {
  if (keys.length === 0) return { verdict: "not_comparable", detail: "The original run logged no metrics to compare" };
  const missing = keys.filter((k) => !original.has(k));
  if (missing.length) return { verdict: "not_comparable", detail: `The original run has no ${missing.join(", ")}` };
  let first: { step: number; key: string; was: number | undefined; now: number | undefined } | null = null;
  let compared = 0;
  for (const key of keys) {
    const a = original.get(key)!;
    const byStep = new Map<number, number>();
    const b = reproduction.get(key);
    if (b) for (let i = 0; i < b.steps.length; i++) byStep.set(b.steps[i]!, b.values[i]!);
    const seen = new Set<number>();
    for (let i = 0; i < a.steps.length; i++) {
      const step = a.steps[i]!;
      seen.add(step);
      const now = byStep.get(step);
      compared++;
      if (now === undefined || !close(a.values[i]!, now, tolerance)) {
        if (!first || step < first.step) first = { step, key, was: a.values[i], now };
        break;
      }
    }
    for (const step of byStep.keys()) {
      if (!seen.has(step) && (!first || step < first.step)) first = { step, key, was: undefined, now: byStep.get(step) };
    }
  }
  if (first) {
    return {
      verdict: "diverged",
      detail: `diverged at step ${first.step} (${first.key}: ${fmt(first.was)} originally, ${fmt(first.now)} now; tolerance ${tolerance})`,
    };
  }
  return { verdict: "reproduced", detail: `${keys.length} metric${keys.length === 1 ? "" : "s"}, ${compared} points matched within relative ${tolerance}` };
}
