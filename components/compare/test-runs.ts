import type { MetricSummary, RunRow } from "../runs/types";

/** A run row for tests: finished, no params, tags or metrics unless given. */
export function testRun(id: string, extra: Partial<RunRow> = {}): RunRow {
  return {
    id,
    name: id,
    status: "succeeded",
    startedAt: new Date(1_700_000_000_000),
    endedAt: new Date(1_700_000_060_000),
    creatorName: null,
    params: {},
    tags: {},
    metrics: {},
    ...extra,
  };
}

export const summary = (last: number | null, count = 10, min = last, max = last): MetricSummary => ({ count, last, lastStep: count - 1, min, max });
