import { and, eq, inArray } from "drizzle-orm";
import { metricSeries } from "@/db/schema";
import type { ServiceContext } from "../context";
import { validation } from "../errors";
import { runAccess } from "../tracking/access";
import type { Points } from "../tracking/chunk-codec";
import { readSeries } from "../tracking/metrics";

export const MAX_BULK_RUNS = 100;
export const MAX_BULK_RESULTS = 2500;

const empty: Points = { steps: new Float64Array(0), values: new Float64Array(0), timestamps: new Float64Array(0) };

/** Where a history page starts: after `skip` points at `step` (0 and no step: the beginning). */
export interface HistoryCursor {
  step?: number;
  skip: number;
}

/** History page tokens are opaque to clients: base64 of {"step", "skip"}. */
export function encodeHistoryCursor(cursor: HistoryCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64");
}

export function decodeHistoryCursor(token: string | undefined): HistoryCursor {
  if (!token) return { skip: 0 };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, "base64").toString("utf8"));
  } catch {
    throw validation("Invalid page token, could not base64-decode");
  }
  const { step, skip } = (parsed ?? {}) as { step?: unknown; skip?: unknown };
  if (!Number.isSafeInteger(step) || !Number.isSafeInteger(skip) || (skip as number) < 0) throw validation("Invalid page token");
  return { step: step as number, skip: skip as number };
}

/**
 * A page of one run's history of a metric in step order, and the cursor of the next page. A page
 * reads only the chunks from its first step on, so paging through a long series reads it about
 * once, not once per page. A metric never logged is an empty history, as in MLflow.
 */
export async function metricHistoryPage(
  ctx: ServiceContext,
  input: { runId: string; key: string; cursor: HistoryCursor; limit?: number },
): Promise<{ points: Points; next?: HistoryCursor }> {
  const { run } = await runAccess(ctx, input.runId, "team:read");
  const [series] = await ctx.db
    .select({ id: metricSeries.id })
    .from(metricSeries)
    .where(and(eq(metricSeries.runId, run.id), eq(metricSeries.key, input.key)));
  if (!series) return { points: empty };
  const all = await readSeries(ctx, series.id, input.cursor.step);
  const start = Math.min(all.steps.length, input.cursor.skip);
  const end = input.limit === undefined ? all.steps.length : Math.min(all.steps.length, start + input.limit);
  const points = { steps: all.steps.subarray(start, end), values: all.values.subarray(start, end), timestamps: all.timestamps.subarray(start, end) };
  if (end >= all.steps.length) return { points };
  // The next page starts at the last step shown, after the points of that step already shown.
  const step = all.steps[end - 1]!;
  let first = end - 1;
  while (first > 0 && all.steps[first - 1] === step) first--;
  return { points, next: { step, skip: end - first } };
}

/**
 * Evenly spaced steps out of the sorted distinct `steps`, always keeping the first and the last,
 * so a chart of many runs shows each run's whole range in at most `max` steps.
 */
export function sampleSteps(steps: number[], max: number): number[] {
  if (steps.length <= max) return steps;
  if (max === 1) return [steps[0]!];
  const out = new Set<number>();
  for (let i = 0; i < max; i++) out.add(steps[Math.round((i * (steps.length - 1)) / (max - 1))]!);
  return [...out];
}

/** MLflow's get-history-bulk-interval: each run's points at sampled steps within [start, end]. */
export async function bulkIntervalHistory(
  ctx: ServiceContext,
  input: { runIds: string[]; key: string; startStep?: number; endStep?: number; maxResults: number },
) {
  const runIds = [...new Set(input.runIds)];
  if (runIds.length === 0) throw validation("GetMetricHistoryBulkInterval request must specify at least one run_id.");
  if (runIds.length > MAX_BULK_RUNS) {
    throw validation(`GetMetricHistoryBulkInterval request must specify at most ${MAX_BULK_RUNS} run_ids. Received ${runIds.length} run_ids.`);
  }
  if (input.maxResults < 1 || input.maxResults > MAX_BULK_RESULTS) throw validation(`max_results must be between 1 and ${MAX_BULK_RESULTS}.`);
  if (input.startStep !== undefined && input.endStep !== undefined && input.startStep > input.endStep) {
    throw validation(`end_step must be greater than start_step. Found start_step=${input.startStep} and end_step=${input.endStep}.`);
  }
  const readable = await Promise.all(runIds.map(async (id) => (await runAccess(ctx, id, "team:read")).run.id));
  const series = await ctx.db
    .select({ id: metricSeries.id, runId: metricSeries.runId })
    .from(metricSeries)
    .where(and(inArray(metricSeries.runId, readable), eq(metricSeries.key, input.key)));
  const lo = input.startStep ?? -Infinity;
  const hi = input.endStep ?? Infinity;
  const out: { runId: string; step: number; value: number; timestamp: number }[] = [];
  for (const s of [...series].sort((a, b) => (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0))) {
    const points = await readSeries(ctx, s.id, input.startStep, input.endStep);
    const steps = [...new Set(Array.from(points.steps).filter((x) => x >= lo && x <= hi))].sort((a, b) => a - b);
    const keep = new Set(sampleSteps(steps, input.maxResults));
    const rows: typeof out = [];
    for (let i = 0; i < points.steps.length; i++) {
      const step = points.steps[i]!;
      if (keep.has(step)) rows.push({ runId: s.runId, step, value: points.values[i]!, timestamp: points.timestamps[i]! });
    }
    rows.sort((a, b) => a.step - b.step || a.timestamp - b.timestamp);
    out.push(...rows);
  }
  return out;
}
