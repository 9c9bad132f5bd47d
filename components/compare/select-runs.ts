import { MAX_CHART_RUNS } from "@/server/compare/schemas";
import { parseColumnId } from "../runs/columns";
import { matchesRun, parseQuery } from "../runs/filter";
import { type SortDir, sortRuns } from "../runs/sort";
import type { RunRow } from "../runs/types";

/** Which runs a comparison shows: picked one by one (the runs table), or the top N of a filter. */
export type RunSelection =
  | { mode: "picked"; ids: readonly string[] }
  | { mode: "top"; q: string; top: number; by: string; dir: SortDir };

export interface SelectedRuns<R> {
  /** The runs shown, at most MAX_CHART_RUNS, in selection order. */
  runs: R[];
  /** How many runs the selection names: picked ids found, or runs matching the filter. */
  of: number;
  /** Picked ids that are not (or no longer) runs of this project. */
  missing: number;
}

const STARTED = parseColumnId("started")!;

/**
 * Resolves a selection against the project's runs and applies the cap. The "top N" order is the
 * runs table's (components/runs/sort): missing values and NaN last in either direction.
 */
export function selectRuns<R extends RunRow>(all: readonly R[], selection: RunSelection, now: number): SelectedRuns<R> {
  if (selection.mode === "picked") {
    const byId = new Map(all.map((r) => [r.id, r]));
    const found = [...new Set(selection.ids)].flatMap((id) => byId.get(id) ?? []);
    return { runs: found.slice(0, MAX_CHART_RUNS), of: found.length, missing: new Set(selection.ids).size - found.length };
  }
  const filter = { query: parseQuery(selection.q), status: null, tags: [] };
  const matching = all.filter((run) => matchesRun(run, filter));
  const sorted = sortRuns(matching, parseColumnId(selection.by) ?? STARTED, selection.dir, now);
  return { runs: sorted.slice(0, Math.min(selection.top, MAX_CHART_RUNS)), of: matching.length, missing: 0 };
}

/** "Showing 20 of 143 runs", honest about the cap and about picked runs that are gone. */
export function selectionSummary(selected: SelectedRuns<unknown>, mode: RunSelection["mode"]): string {
  const shown = selected.runs.length;
  const noun = (n: number) => (n === 1 ? "run" : "runs");
  const base =
    shown === selected.of
      ? `Showing ${shown} ${noun(shown)}`
      : `Showing ${shown} of ${selected.of} ${mode === "top" ? `matching ${noun(selected.of)}` : noun(selected.of)}`;
  return selected.missing > 0 ? `${base} · ${selected.missing} picked ${noun(selected.missing)} not found` : base;
}
