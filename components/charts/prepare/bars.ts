import { runColor } from "./run-color";

export interface BarInput {
  runId: string;
  name: string;
  value: number | null;
}

export interface Bar {
  runId: string;
  name: string;
  value: number;
  color: string;
}

/** One bar per run with a finite value, in the runs' order; the others are counted, not drawn as 0. */
export function prepareBars(inputs: readonly BarInput[]): { bars: Bar[]; skipped: number } {
  const bars = inputs.flatMap((b) => (b.value !== null && Number.isFinite(b.value) ? [{ runId: b.runId, name: b.name, value: b.value, color: runColor(b.runId) }] : []));
  return { bars, skipped: inputs.length - bars.length };
}
