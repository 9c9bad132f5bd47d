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

/** One run's full history of a metric in step order; a metric never logged is an empty history, as in MLflow. */
export async function metricHistory(ctx: ServiceContext, runId: string, key: string): Promise<Points> {
  const { run } = await runAccess(ctx, runId, "team:read");
  const [series] = await ctx.db
    .select({ id: metricSeries.id })
    .from(metricSeries)
    .where(and(eq(metricSeries.runId, run.id), eq(metricSeries.key, key)));
  return series ? readSeries(ctx, series.id) : empty;
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
