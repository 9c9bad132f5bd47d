import { asNumber } from "@/components/runs/sort";
import { runColor } from "./run-color";

const natural = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

export interface ScatterInput {
  runId: string;
  /** A param (text that may hold a number) or a metric summary. */
  x: string | number | null;
  y: number | null;
}

export interface ScatterPoint {
  runId: string;
  color: string;
  /** The x value, or the category's index on a categorical axis. */
  x: number;
  y: number;
  /** The x as logged, for the tooltip. */
  xLabel: string;
}

export interface PreparedScatter {
  /** Numeric when every present x reads as a number (lr = "0.001"), else categories. */
  kind: "numeric" | "category";
  categories: string[];
  points: ScatterPoint[];
  /** Runs left out because one of their two values is missing or not finite. */
  skipped: number;
}

/** One point per run that has both values; a run without one is counted, never drawn at zero. */
export function prepareScatter(inputs: readonly ScatterInput[]): PreparedScatter {
  const usable = inputs.filter((p) => p.x !== null && p.x !== "" && p.y !== null && Number.isFinite(p.y));
  const numbers = usable.map((p) => asNumber(p.x));
  const numeric = numbers.every((v) => v !== null && Number.isFinite(v));
  const categories = numeric ? [] : [...new Set(usable.map((p) => String(p.x)))].sort(natural.compare);
  const index = new Map(categories.map((c, i) => [c, i]));
  const points = usable.map((p, i) => ({
    runId: p.runId,
    color: runColor(p.runId),
    x: numeric ? numbers[i]! : index.get(String(p.x))!,
    y: p.y!,
    xLabel: String(p.x),
  }));
  return { kind: numeric ? "numeric" : "category", categories, points, skipped: inputs.length - usable.length };
}
