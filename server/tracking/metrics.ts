import { createHash } from "node:crypto";
import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import { isPglite } from "@/db/client";
import { metricBatches, metricChunks, metricSeries } from "@/db/schema";
import type { ServiceContext } from "../context";
import { DomainError, notFound } from "../errors";
import { runAccess } from "./access";
import { decodeChunk, encodeChunk, mergeChunks, type Points } from "./chunk-codec";
import { SMALL_CHUNK } from "./compact-metrics";
import { downsample } from "./downsample";
import { GetMetricInput, LogMetricsInput, MAX_POINTS_PER_BATCH, MetricPointInput, RunRef } from "./schemas";

type Verb<I> = { ctx: ServiceContext; input: I };

export interface Rejected {
  index: number;
  message: string;
}

interface Group {
  steps: number[];
  values: number[];
  timestamps: number[];
}

/**
 * Stores a batch of points: every valid point lands, invalid ones are reported by index. Each
 * series the batch touches gets one packed chunk and its summary updated, all in one transaction
 * with the batch's idempotency key, so a retried batch stores nothing twice.
 */
export async function logMetrics({ ctx, input }: Verb<LogMetricsInput>) {
  if (Array.isArray(input.points) && input.points.length > MAX_POINTS_PER_BATCH) {
    throw new DomainError("LIMIT_EXCEEDED", `At most ${MAX_POINTS_PER_BATCH} points per request`);
  }
  const { run } = await runAccess(ctx, RunRef.parse(input).runId, "runs:write");
  const data = LogMetricsInput.parse(input);
  const now = Date.now();
  const rejected: Rejected[] = [];
  const groups = new Map<string, Group>();
  data.points.forEach((raw, index) => {
    const parsed = MetricPointInput.safeParse(raw);
    if (!parsed.success) {
      rejected.push({ index, message: parsed.error.issues.map((i) => `${i.path.join(".") || "point"}: ${i.message}`).join("; ") });
      return;
    }
    const p = parsed.data;
    let g = groups.get(p.key);
    if (!g) groups.set(p.key, (g = { steps: [], values: [], timestamps: [] }));
    g.steps.push(p.step);
    g.values.push(p.value);
    g.timestamps.push(p.timestamp ?? now);
  });
  const accepted = data.points.length - rejected.length;
  if (accepted === 0) return { accepted: 0, rejected, duplicate: false };

  const key = data.idempotencyKey ?? batchDigest(groups);
  return ctx.db.transaction(async (tx) => {
    const fresh = await tx
      .insert(metricBatches)
      .values({ runId: run.id, key, accepted })
      .onConflictDoNothing()
      .returning({ key: metricBatches.key });
    if (fresh.length === 0) return { accepted, rejected, duplicate: true };

    const encoded = [...groups].map(([k, g]) => {
      const chunk = encodeChunk({
        steps: Float64Array.from(g.steps),
        values: Float64Array.from(g.values),
        timestamps: Float64Array.from(g.timestamps),
      });
      return { key: k, chunk, last: lastPoint(g) };
    });
    const series = await tx
      .insert(metricSeries)
      .values(
        encoded.map(({ key: k, chunk, last }) => ({
          projectId: run.projectId,
          runId: run.id,
          key: k,
          count: chunk.count,
          lastStep: last.step,
          lastValue: last.value,
          lastTimestamp: last.timestamp,
          minValue: chunk.valueMin,
          maxValue: chunk.valueMax,
          smallChunks: chunk.count < SMALL_CHUNK ? 1 : 0,
        })),
      )
      .onConflictDoUpdate({
        target: [metricSeries.runId, metricSeries.key],
        set: {
          count: sql`${metricSeries.count} + excluded.count`,
          minValue: sql`least(${metricSeries.minValue}, excluded.min_value)`,
          maxValue: sql`greatest(${metricSeries.maxValue}, excluded.max_value)`,
          // The newest point by step (then timestamp) is the series' last value.
          lastValue: sql`case when ${newer} then excluded.last_value else ${metricSeries.lastValue} end`,
          lastTimestamp: sql`case when ${newer} then excluded.last_timestamp else ${metricSeries.lastTimestamp} end`,
          lastStep: sql`case when ${newer} then excluded.last_step else ${metricSeries.lastStep} end`,
          smallChunks: sql`${metricSeries.smallChunks} + excluded.small_chunks`,
          updatedAt: sql`now()`,
        },
      })
      .returning({ id: metricSeries.id, key: metricSeries.key });
    const idOf = new Map(series.map((s) => [s.key, s.id]));
    await tx.insert(metricChunks).values(
      encoded.map(({ key: k, chunk }) => ({
        seriesId: idOf.get(k)!,
        stepMin: chunk.stepMin,
        stepMax: chunk.stepMax,
        count: chunk.count,
        valueMin: chunk.valueMin,
        valueMax: chunk.valueMax,
        data: chunk.data,
        summary: chunk.summary,
        summaryCoarse: chunk.summaryCoarse,
      })),
    );
    return { accepted, rejected, duplicate: false };
  });
}

const newer = sql`(${metricSeries.lastStep} is null or excluded.last_step > ${metricSeries.lastStep} or (excluded.last_step = ${metricSeries.lastStep} and excluded.last_timestamp >= ${metricSeries.lastTimestamp}))`;

function lastPoint(g: Group) {
  let best = 0;
  for (let i = 1; i < g.steps.length; i++) {
    if (g.steps[i]! > g.steps[best]! || (g.steps[i] === g.steps[best] && g.timestamps[i]! >= g.timestamps[best]!)) best = i;
  }
  return { step: g.steps[best]!, value: g.values[best]!, timestamp: g.timestamps[best]! };
}

// Without a client key, the batch's content is its identity (timestamps included: a point sent
// again later with a new timestamp is a new point).
function batchDigest(groups: Map<string, Group>): string {
  const h = createHash("sha256");
  for (const [k, g] of groups) {
    h.update(k).update("\0");
    h.update(Buffer.from(Float64Array.from(g.steps).buffer));
    h.update(Buffer.from(Float64Array.from(g.values).buffer));
    h.update(Buffer.from(Float64Array.from(g.timestamps).buffer));
  }
  return `sha256:${h.digest("hex")}`;
}

/** Reads one series' points in a step range, merged and in step order. */
export async function readSeries(ctx: ServiceContext, seriesId: number, fromStep?: number, toStep?: number): Promise<Points> {
  const where = and(
    eq(metricChunks.seriesId, seriesId),
    fromStep !== undefined ? gte(metricChunks.stepMax, fromStep) : undefined,
    toStep !== undefined ? lte(metricChunks.stepMin, toStep) : undefined,
  );
  const rows = isPglite(ctx.db)
    ? (
        await ctx.db
          .select({ data: sql<string>`encode(${metricChunks.data}, 'base64')` })
          .from(metricChunks)
          .where(where)
          .orderBy(asc(metricChunks.stepMin), asc(metricChunks.id))
      ).map((r) => Buffer.from(r.data, "base64"))
    : (
        await ctx.db
          .select({ data: metricChunks.data })
          .from(metricChunks)
          .where(where)
          .orderBy(asc(metricChunks.stepMin), asc(metricChunks.id))
      ).map((r) => r.data);
  const merged = mergeChunks(rows.map(decodeChunk));
  if (fromStep === undefined && toStep === undefined) return merged;
  const lo = fromStep ?? -Infinity;
  const hi = toStep ?? Infinity;
  const keep: number[] = [];
  for (let i = 0; i < merged.steps.length; i++) if (merged.steps[i]! >= lo && merged.steps[i]! <= hi) keep.push(i);
  return {
    steps: Float64Array.from(keep, (i) => merged.steps[i]!),
    values: Float64Array.from(keep, (i) => merged.values[i]!),
    timestamps: Float64Array.from(keep, (i) => merged.timestamps[i]!),
  };
}

/** One metric of one run, downsampled on the server to at most `maxPoints` points. */
export async function getMetric({ ctx, input }: Verb<GetMetricInput>) {
  const { run } = await runAccess(ctx, RunRef.parse(input).runId, "team:read");
  const data = GetMetricInput.parse(input);
  const [series] = await ctx.db
    .select({ id: metricSeries.id, count: metricSeries.count })
    .from(metricSeries)
    .where(and(eq(metricSeries.runId, run.id), eq(metricSeries.key, data.key)));
  if (!series) throw notFound(`Metric "${data.key}"`);
  const points = await readSeries(ctx, series.id, data.fromStep, data.toStep);
  return { key: data.key, total: series.count, ...downsample(points, data.maxPoints) };
}
