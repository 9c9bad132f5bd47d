import { createHash } from "node:crypto";
import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import { isPglite } from "@/db/client";
import { metricChunks, metricSeries } from "@/db/schema";
import type { ServiceContext } from "../context";
import { DomainError, notFound } from "../errors";
import { runAccess } from "./access";
import { decodeChunk, encodeChunk, type EncodedChunk, mergeChunks, type Points } from "./chunk-codec";
import { SMALL_CHUNK } from "./compact-metrics";
import { downsample } from "./downsample";
import { checkPoint } from "./metric-points";
import { GetMetricInput, LogMetricsInput, MAX_POINTS_PER_BATCH, RunRef } from "./schemas";

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
 * series the batch touches gets one packed chunk and its summary updated, in one statement with
 * the batch's idempotency key, so a retried batch stores nothing twice.
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
  const validKeys = new Set<string>();
  data.points.forEach((raw, index) => {
    const checked = checkPoint(raw, validKeys);
    if (!checked.ok) {
      rejected.push({ index, message: checked.message });
      return;
    }
    const p = checked.point;
    let g = groups.get(p.key);
    if (!g) groups.set(p.key, (g = { steps: [], values: [], timestamps: [] }));
    g.steps.push(p.step);
    g.values.push(p.value);
    g.timestamps.push(p.timestamp ?? now);
  });
  const accepted = data.points.length - rejected.length;
  if (accepted === 0) return { accepted: 0, rejected, duplicate: false };

  const key = data.idempotencyKey ?? batchDigest(groups);
  // Series rows are locked in key order, so two batches of one run cannot deadlock on them.
  const encoded = [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, g]) => {
    const chunk = encodeChunk({
      steps: Float64Array.from(g.steps),
      values: Float64Array.from(g.values),
      timestamps: Float64Array.from(g.timestamps),
    });
    return { key: k, chunk, last: lastPoint(g) };
  });
  const pglite = isPglite(ctx.db);
  const query = { sql: pglite ? WRITE_BATCH_PGLITE : WRITE_BATCH, params: writeBatchParams(run, key, accepted, encoded, pglite) };
  // A named statement: PostgreSQL parses and plans it once per connection instead of per request.
  const prepared = ctx.db._.session.prepareQuery(query, undefined, pglite ? "metrics_write_batch_b64" : "metrics_write_batch", false);
  // node-postgres and PGlite both answer with `rows`; the shared Db type leaves it unknown.
  const { rows } = (await prepared.execute()) as { rows: unknown[] };
  return { accepted, rejected, duplicate: rows.length === 0 };
}

interface EncodedSeries {
  key: string;
  chunk: EncodedChunk;
  last: { step: number; value: number; timestamp: number };
}

/**
 * The batch's whole write as one statement: record the idempotency key; only if it is new, upsert
 * each series' summary and append its chunk. One round trip instead of a five-statement
 * transaction, and as atomic. Per-series columns travel as arrays and every chunk's bytes as one
 * blob ($19, cut with substring), so the text is the same for any number of series.
 */
function writeBatchSql(blob: string) {
  // The newest point by step (then timestamp) is the series' last value.
  const newer =
    "(s.last_step is null or excluded.last_step > s.last_step or (excluded.last_step = s.last_step and excluded.last_timestamp >= s.last_timestamp))";
  return `
    with fresh as (
      insert into metric_batches (run_id, key, accepted) values ($1, $2, $3)
      on conflict do nothing
      returning 1
    ), input as (
      select * from unnest(
        $4::text[], $5::integer[], $6::bigint[], $7::float8[], $8::bigint[], $9::bigint[], $10::bigint[], $11::float8[],
        $12::float8[], $13::integer[], $14::integer[], $15::integer[], $16::integer[], $17::integer[], $18::integer[]
      ) as t(key, count, last_step, last_value, last_timestamp, step_min, step_max, value_min, value_max,
             data_at, data_len, summary_at, summary_len, coarse_at, coarse_len)
    ), series as (
      insert into metric_series as s
        (project_id, run_id, key, count, last_step, last_value, last_timestamp, min_value, max_value, small_chunks)
      select $20, $1, key, count, last_step, last_value, last_timestamp, value_min, value_max,
             case when count < ${SMALL_CHUNK} then 1 else 0 end
      from input
      where exists (select from fresh)
      on conflict (run_id, key) do update set
        count = s.count + excluded.count,
        min_value = least(s.min_value, excluded.min_value),
        max_value = greatest(s.max_value, excluded.max_value),
        last_value = case when ${newer} then excluded.last_value else s.last_value end,
        last_timestamp = case when ${newer} then excluded.last_timestamp else s.last_timestamp end,
        last_step = case when ${newer} then excluded.last_step else s.last_step end,
        small_chunks = s.small_chunks + excluded.small_chunks,
        updated_at = now()
      returning id, key
    )
    insert into metric_chunks (series_id, step_min, step_max, count, value_min, value_max, data, summary, summary_coarse)
    select series.id, i.step_min, i.step_max, i.count, i.value_min, i.value_max,
           substring(b.bytes from i.data_at for i.data_len),
           substring(b.bytes from i.summary_at for i.summary_len),
           substring(b.bytes from i.coarse_at for i.coarse_len)
    from input i
    join series on series.key = i.key
    cross join (select ${blob} as bytes) b
    returning 1`;
}

const WRITE_BATCH = writeBatchSql("$19::bytea");
// PGlite serializes a bytea parameter one byte at a time in JS (about 1 ms per 24 KB chunk);
// base64 text crosses as one string and is decoded in C.
const WRITE_BATCH_PGLITE = writeBatchSql("decode($19::text, 'base64')");

function writeBatchParams(run: { id: string; projectId: string }, batchKey: string, accepted: number, encoded: EncodedSeries[], pglite: boolean) {
  const parts: Buffer[] = [];
  let size = 0;
  // 1-based offsets into the blob, for substring().
  const place = (bytes: Buffer) => {
    parts.push(bytes);
    size += bytes.byteLength;
    return size - bytes.byteLength + 1;
  };
  const dataAt = encoded.map((e) => place(e.chunk.data));
  const summaryAt = encoded.map((e) => place(e.chunk.summary));
  const coarseAt = encoded.map((e) => place(e.chunk.summaryCoarse));
  const blob = Buffer.concat(parts, size);
  return [
    run.id,
    batchKey,
    accepted,
    encoded.map((e) => e.key),
    encoded.map((e) => e.chunk.count),
    encoded.map((e) => e.last.step),
    encoded.map((e) => e.last.value),
    encoded.map((e) => e.last.timestamp),
    encoded.map((e) => e.chunk.stepMin),
    encoded.map((e) => e.chunk.stepMax),
    encoded.map((e) => e.chunk.valueMin),
    encoded.map((e) => e.chunk.valueMax),
    dataAt,
    encoded.map((e) => e.chunk.data.byteLength),
    summaryAt,
    encoded.map((e) => e.chunk.summary.byteLength),
    coarseAt,
    encoded.map((e) => e.chunk.summaryCoarse.byteLength),
    pglite ? blob.toString("base64") : blob,
    run.projectId,
  ];
}

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
