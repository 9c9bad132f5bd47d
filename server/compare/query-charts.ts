import { and, eq, inArray } from "drizzle-orm";
import { metricSeries, runs } from "@/db/schema";
import type { ServiceContext } from "../context";
import { notFound } from "../errors";
import { projectAccess } from "../teams/access";
import { forEachBucket } from "../tracking/downsample";
import { bucketSummaries, COARSE_SPAN, SUMMARY_SPAN, timeOrdered, type SummaryColumns } from "../tracking/chunk-summary";
import { forEachSeriesColumns, forEachSeriesSummary, type SeriesColumns } from "./read-columns";
import { ChartQueryInput, type ChartRange, type XAxis } from "./schemas";
import { type CachedSeries, seriesCacheFor } from "./series-cache";

type Verb<I> = { ctx: ServiceContext; input: I };

/** One run's metric, downsampled for a chart: x in the asked axis' unit, y the value or bucket mean. */
export interface ChartSeries extends CachedSeries {
  runId: string;
  key: string;
}

/**
 * The chart query: for each run × key of one project, at most `maxPoints` points over the asked
 * x-range, bucketed with each bucket's min and max kept (tracking/downsample). A series that fits
 * comes back exact. A run of another project or team is NOT_FOUND; a run without a key has no
 * entry. Series come back in the asked run order, then key order.
 */
export async function queryCharts({ ctx, input }: Verb<ChartQueryInput>): Promise<{ series: ChartSeries[] }> {
  const { project } = await projectAccess(ctx, ChartQueryInput.shape.projectId.parse(input.projectId), "team:read");
  const q = ChartQueryInput.parse(input);
  const runIds = [...new Set(q.runIds)];
  const keys = [...new Set(q.keys)];

  const found = await ctx.db
    .select({ id: runs.id, startedAt: runs.startedAt })
    .from(runs)
    .where(and(eq(runs.projectId, project.id), inArray(runs.id, runIds)));
  if (found.length < runIds.length) {
    const have = new Set(found.map((r) => r.id));
    throw notFound(`Run "${runIds.find((id) => !have.has(id))}"`);
  }
  const startedAt = new Map(found.map((r) => [r.id, r.startedAt.getTime()]));
  const rows = await ctx.db
    .select({
      id: metricSeries.id,
      runId: metricSeries.runId,
      key: metricSeries.key,
      count: metricSeries.count,
      lastStep: metricSeries.lastStep,
      lastTimestamp: metricSeries.lastTimestamp,
    })
    .from(metricSeries)
    .where(and(eq(metricSeries.projectId, project.id), inArray(metricSeries.runId, runIds), inArray(metricSeries.key, keys)));

  const cache = seriesCacheFor(ctx.db);
  const cacheKey = (s: (typeof rows)[number]) =>
    [s.id, s.count, q.xAxis, q.xAxis === "relative_time" ? startedAt.get(s.runId) : "", q.range?.join(":") ?? "", q.maxPoints].join("|");
  const shaped = new Map<number, CachedSeries>();
  const misses: typeof rows = [];
  for (const s of rows) {
    const hit = cache.get(cacheKey(s));
    if (hit) shaped.set(s.id, hit);
    else misses.push(s);
  }
  // A whole long series is bucketed from its chunks' summaries instead of every point (by time
  // only when its times ascend with its steps; otherwise it is read point by point below). The
  // coarse summary serves when a bucket holds at least two of its entries.
  for (const level of ["coarse", "fine"] as const) {
    const span = level === "coarse" ? COARSE_SPAN : SUMMARY_SPAN;
    const summarised = misses.filter((s) => !q.range && !shaped.has(s.id) && s.count >= q.maxPoints * 2 * span);
    if (summarised.length === 0) continue;
    const byId = new Map(summarised.map((s) => [s.id, s]));
    await forEachSeriesSummary(ctx.db, summarised, level, (id, summary) => {
      const s = byId.get(id)!;
      if (q.xAxis !== "step" && !timeOrdered(summary)) return;
      const offset = q.xAxis === "relative_time" ? Math.min(startedAt.get(s.runId)!, summary.firstTime[0] ?? Infinity) : 0;
      // The series' highest step, and that point's time (the latest, as times ascend with steps).
      const end = (q.xAxis === "step" ? s.lastStep : s.lastTimestamp) ?? -Infinity;
      const result = shapeSummary(summary, q.maxPoints, end, q.xAxis === "step" ? "step" : "time", offset);
      cache.set(cacheKey(s), result);
      shaped.set(id, result);
    });
  }
  const raw = misses.filter((s) => !shaped.has(s.id));
  if (raw.length > 0) {
    const byId = new Map(raw.map((s) => [s.id, s]));
    await forEachSeriesColumns(
      ctx.db,
      raw,
      q.xAxis === "step" ? "step" : "timestamp",
      (id, columns) => {
        const s = byId.get(id)!;
        const result = shapeSeries(columns, q.xAxis, startedAt.get(s.runId)!, q.range, q.maxPoints);
        cache.set(cacheKey(s), result);
        shaped.set(id, result);
      },
      // Chunks hold whole steps; a zoom dragged on screen has fractional ends, trimmed exactly later.
      q.xAxis === "step" && q.range ? [wholeStep(Math.floor(q.range[0])), wholeStep(Math.ceil(q.range[1]))] : undefined,
    );
  }

  const byRunKey = new Map(rows.map((s) => [`${s.runId}\0${s.key}`, s]));
  const series: ChartSeries[] = [];
  for (const runId of runIds) {
    for (const key of keys) {
      const s = byRunKey.get(`${runId}\0${key}`);
      if (s) series.push({ runId, key, ...shaped.get(s.id)! });
    }
  }
  return { series };
}

export function shapeSummary(summary: SummaryColumns, maxPoints: number, end: number, axis: "step" | "time" = "step", offset = 0): CachedSeries {
  const size = Math.min(summary.first.length, maxPoints);
  const x = new Float64Array(size);
  const y = new Float64Array(size);
  const min = new Float64Array(size);
  const max = new Float64Array(size);
  const count = new Float64Array(size);
  let k = 0;
  let total = 0;
  bucketSummaries(summary, maxPoints, end, (bx, by, bmin, bmax, bcount) => {
    x[k] = bx;
    y[k] = by;
    min[k] = bmin;
    max[k] = bmax;
    count[k] = bcount;
    total += bcount;
    k++;
  }, axis, offset);
  return { aggregated: true, total, x: x.slice(0, k), y: y.slice(0, k), min: min.slice(0, k), max: max.slice(0, k), count: count.slice(0, k) };
}

/** Steps are safe integers (tracking/schemas): a wider range asks for all of them. */
const wholeStep = (v: number) => Math.min(Number.MAX_SAFE_INTEGER, Math.max(Number.MIN_SAFE_INTEGER, v));

/** First index whose x is past `v` (>= v, or > v when `after`), x sorted ascending. */
function bound(x: Float64Array, v: number, after: boolean): number {
  let lo = 0;
  let hi = x.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x[mid]! < v || (after && x[mid] === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Aligns one series on the asked axis, keeps the points inside the range and downsamples them.
 * Relative time counts milliseconds from the run's start, or from the series' first point when
 * that came earlier (history imported with its own timestamps), so it never goes negative.
 */
export function shapeSeries(columns: SeriesColumns, xAxis: XAxis, runStartedAt: number, range: ChartRange | undefined, maxPoints: number): CachedSeries {
  let x = columns.x;
  if (xAxis === "relative_time" && x.length > 0) {
    const origin = Math.min(runStartedAt, x[0]!);
    x = x.map((v) => v - origin);
  }
  const lo = range ? bound(x, range[0], false) : 0;
  const hi = range ? bound(x, range[1], true) : x.length;
  const xs = x.subarray(lo, hi);
  const ys = columns.y.subarray(lo, hi);
  const aggregated = xs.length > maxPoints;
  const size = Math.min(xs.length, maxPoints);
  const ox = new Float64Array(size);
  const oy = new Float64Array(size);
  const omin = aggregated ? new Float64Array(size) : null;
  const omax = aggregated ? new Float64Array(size) : null;
  const ocount = aggregated ? new Float64Array(size) : null;
  let k = 0;
  forEachBucket(xs, ys, maxPoints, (start, end, value, min, max) => {
    ox[k] = xs[start]!;
    oy[k] = value;
    if (omin) {
      omin[k] = min;
      omax![k] = max;
      ocount![k] = end - start;
    }
    k++;
  });
  return {
    aggregated,
    total: xs.length,
    x: ox.slice(0, k),
    y: oy.slice(0, k),
    min: omin?.slice(0, k) ?? null,
    max: omax?.slice(0, k) ?? null,
    count: ocount?.slice(0, k) ?? null,
  };
}
