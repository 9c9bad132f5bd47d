import { collectKeys } from "../runs/keys";
import type { RunRow } from "../runs/types";

export interface ComparedKeys {
  /** Keys with a history in at least one run: a line chart each. */
  lines: string[];
  /** Keys every run logged at most once (test/acc at the end): a bar chart each. */
  single: string[];
}

/** Splits the runs' metric keys into line charts and single-value bar charts. */
export function splitMetricKeys(runs: readonly RunRow[]): ComparedKeys {
  const lines: string[] = [];
  const single: string[] = [];
  for (const key of collectKeys(runs).metrics) {
    const history = runs.some((run) => (run.metrics[key]?.count ?? 0) > 1);
    (history ? lines : single).push(key);
  }
  return { lines, single };
}

/** The runs that logged a key, in the comparison's order. */
export const runsWithKey = <R extends RunRow>(runs: readonly R[], key: string): R[] => runs.filter((run) => key in run.metrics);
